using System.Text.RegularExpressions;
using Azure;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Ingest.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

/// <summary>The error answers of the HTTP API: unknown parameters, storage outages, unknown routes and wrong methods.</summary>
public sealed class ApiErrorsTests
{
    private readonly Harness _h = new();
    private ArticlesHttpFunctions Functions => new(_h.Store, NullLogger<ArticlesHttpFunctions>.Instance);
    private DeleteArticleFunction Delete => new(_h.Store, _h.Raw, NullLogger<DeleteArticleFunction>.Instance);
    private ReprocessHttpFunction Reprocess => new(_h.Ingest, NullLogger<ReprocessHttpFunction>.Instance);

    private Task<IActionResult> CallAsync(string endpoint, HttpRequest request) => endpoint switch
    {
        "articles" => Functions.ListArticles(request, default),
        "quotes" => Functions.ListQuotes(request, default),
        "entities" => Functions.ListEntities(request, default),
        "failures" => Functions.ListFailures(request, default),
        "article" => Functions.GetArticle(request, "0123456789abcdef", default),
        "copies" => Functions.GetArticleCopies(request, "0123456789abcdef", default),
        "delete" => Delete.DeleteArticle(request, "0123456789abcdef", default),
        "reprocess" => Reprocess.Reprocess(request, default),
        "health" => new HealthFunction(new FakeHealthProbe(true), NullLogger<HealthFunction>.Instance).Health(request, default),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    [Theory]
    [InlineData("articles", "?entitiy=Elena%20Marquez", "entitiy")]
    [InlineData("articles", "?entity=Elena%20Marquez&page=2", "page")]
    [InlineData("quotes", "?speeker=Robert%20Tanaka", "speeker")]
    [InlineData("entities", "?name=elena", "name")]
    [InlineData("failures", "?entity=x", "entity")]
    [InlineData("article", "?pretty=true", "pretty")]
    [InlineData("copies", "?similarity=0.9", "similarity")]
    [InlineData("delete", "?force=1", "force")]
    [InlineData("reprocess", "?all=true", "all")]
    [InlineData("health", "?deep=1", "deep")]
    public async Task Unknown_query_parameters_are_400_naming_them_and_reach_no_store(string endpoint, string query, string parameter)
    {
        var request = Get(query);
        var (status, body) = await ExecuteAsync(await CallAsync(endpoint, request), request);
        Assert.Equal(400, status);
        var error = body.GetProperty("error");
        Assert.Equal("unknown_parameter", error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Contains($"'{parameter}'", error.GetProperty("message").GetString());
        Assert.Null(_h.Store.LastQuery);
    }

    [Fact]
    public async Task The_function_key_and_other_spellings_of_known_parameters_are_accepted()
    {
        var request = Get("?code=secret-key&ENTITY=Elena%20Marquez&pageSize=3");
        var (status, _) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal(new Ingest.Core.Abstractions.ArticleQuery("Elena Marquez"), _h.Store.LastQuery!.Value.Query);
    }

    public static TheoryData<string> StorageEndpoints => new() { "articles", "quotes", "entities", "failures", "article", "copies", "delete", "reprocess" };

    [Theory]
    [MemberData(nameof(StorageEndpoints))]
    public async Task Storage_that_does_not_answer_is_503_with_the_error_body_and_retry_after(string endpoint)
    {
        // What the SDK throws when the connection is refused: status 0, after its retries an AggregateException of them.
        _h.Store.Outage = new AggregateException("Retry failed after 4 tries.",
            new RequestFailedException("Connection refused (127.0.0.1:10002)"), new RequestFailedException("Connection refused (127.0.0.1:10002)"));
        var request = Get();
        var (status, body) = await ExecuteAsync(await CallAsync(endpoint, request), request);
        Assert.Equal(503, status);
        Assert.Equal("storage_unavailable", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("Connection refused", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("5", request.HttpContext.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(0, null, true)]
    [InlineData(503, "ServerBusy", true)]
    [InlineData(500, "InternalError", true)]
    [InlineData(403, "AuthorizationPermissionMismatch", true)]
    [InlineData(404, "TableNotFound", true)]
    [InlineData(404, "ResourceNotFound", false)]
    [InlineData(400, "InvalidInput", false)]
    [InlineData(409, "EntityAlreadyExists", false)]
    public void Which_storage_errors_are_an_outage(int status, string? code, bool unavailable)
    {
        var ex = new RequestFailedException(status, "storage said no", code, null);
        Assert.Equal(unavailable, StorageFailures.IsUnavailable(ex, CancellationToken.None));
        Assert.Equal(unavailable, StorageFailures.IsUnavailable(new AggregateException(ex, new RequestFailedException("refused")), CancellationToken.None));
    }

    [Fact]
    public async Task A_storage_fault_of_the_app_and_a_cancelled_request_are_not_503()
    {
        _h.Store.Outage = new RequestFailedException(400, "The filter is invalid.", "InvalidInput", null);
        await Assert.ThrowsAsync<RequestFailedException>(() => Functions.ListArticles(Get(), default));

        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        _h.Store.Outage = new OperationCanceledException(aborted.Token);
        await Assert.ThrowsAsync<OperationCanceledException>(() => Functions.ListArticles(Get(), aborted.Token));
        Assert.False(StorageFailures.IsUnavailable(new HttpRequestException("refused"), aborted.Token));
        Assert.True(StorageFailures.IsUnavailable(new TaskCanceledException("The operation timed out."), CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/nothing-here", "GET", 404, null)]
    [InlineData("/api/articles/0123456789abcdef/quotes", "GET", 404, null)]
    [InlineData("/elsewhere", "GET", 404, null)]
    [InlineData("/api/quotes", "POST", 405, "GET")]
    [InlineData("/api/articles/0123456789abcdef", "PUT", 405, "DELETE, GET")]
    [InlineData("/API/Articles/", "PATCH", 405, "GET")]
    [InlineData("/api/reprocess", "GET", 405, "POST")]
    public async Task Unknown_routes_are_404_and_wrong_methods_405_with_allow(string path, string method, int expected, string? allow)
    {
        var request = Get();
        request.Method = method;
        var (status, body) = await ExecuteAsync(ApiResults.NoRoute(method, path), request);
        Assert.Equal(expected, status);
        Assert.Equal(expected == 404 ? "not_found" : "method_not_allowed", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(allow ?? "", request.HttpContext.Response.Headers.Allow.ToString());
        if (expected == 404)
            Assert.Contains("GET /api/articles/{id}", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void The_fallback_route_takes_no_path_a_declared_route_can_match_and_every_other_path()
    {
        var pattern = RoutePatternFactory.Parse("/api/" + ApiFallbackFunction.Route);
        var parameter = Assert.Single(pattern.Parameters);
        Assert.Equal("path", parameter.Name);
        Assert.True(parameter.IsCatchAll);
        string content = Assert.Single(pattern.ParameterPolicies["path"]).Content!;
        Assert.StartsWith("regex(", content);
        // ASP.NET's RegexRouteConstraint matches ignoring case.
        var regex = new Regex(content["regex(".Length..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        Assert.Equal(15, ApiRoutes.All.Count);
        foreach (var route in ApiRoutes.All)
        {
            string path = Regex.Replace(route.Template, "\\{[^}]+\\}", "0123456789abcdef");
            foreach (string spelling in new[] { path, path + "/", path.ToUpperInvariant() })
                Assert.False(regex.IsMatch(spelling), $"the fallback would take {spelling} from {route.Function}");
        }
        foreach (string unknown in new[] { "nothing", "articles/0123456789abcdef/quotes", "quotes/x", "articlesx", "healthz", "failures/1", "x/articles" })
        {
            Assert.True(regex.IsMatch(unknown), unknown);
            Assert.Empty(ApiRoutes.MethodsAt("/api/" + unknown));
        }
    }
}

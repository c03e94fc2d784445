using Microsoft.Extensions.Configuration;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using OpenApiReader = Microsoft.OpenApi.OpenApiDocument;

namespace Ingest.Functions.Tests.OpenApi;

/// <summary>The OpenAPI document generated from the function classes: valid, complete, and true to what the functions do.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocumentBuilder.Json)!.AsObject();

    /// <summary>Every (function, method, path) of an HTTP trigger but the catch-all fallback, as the Functions host indexes them.</summary>
    public static TheoryData<string, string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (function, trigger) in FunctionTriggers.Of<HttpTriggerAttribute>().Where(t => t.Attribute.Route != ApiFallbackFunction.Route))
            foreach (string method in trigger.Methods!)
                data.Add(function, method.ToLowerInvariant(), "/api/" + trigger.Route);
        return data;
    }

    private static JsonObject OperationOf(string function) =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!.AsObject()))
            .Single(o => o["operationId"]!.GetValue<string>() == function);

    [Fact]
    public void The_document_reads_and_validates_with_Microsoft_OpenApi_without_errors_or_warnings()
    {
        var result = OpenApiReader.Parse(OpenApiDocumentBuilder.Json, "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Empty(result.Diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        var document = result.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
        Assert.Equal(Ingest.Core.PipelineInfo.Version, document.Info.Version);
        Assert.Equal(HttpFunctions().Count, document.Paths.Sum(p => p.Value.Operations!.Count));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Every_http_function_is_an_operation_at_its_route_with_its_path_parameters_and_key(string function, string method, string route)
    {
        var routeInfo = ApiRoutes.All.Single(r => r.Function == function);
        string path = System.Text.RegularExpressions.Regex.Replace(route, @"\{\*?([^:}?]+)[^}]*\}", "{$1}");
        var operation = Document["paths"]![path]?[method]?.AsObject();
        Assert.True(operation is not null, $"{function}: no {method} {path} in the document");
        Assert.Equal(function, operation["operationId"]!.GetValue<string>());

        var pathParameters = operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path")
            .Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
        Assert.Equal(routeInfo.Parameters, pathParameters);
        Assert.Equal(routeInfo.Level == AuthorizationLevel.Anonymous ? 0 : 2, operation["security"]!.AsArray().Count);

        var responses = operation["responses"]!.AsObject();
        Assert.Contains(responses, r => r.Key[0] == '2');
        Assert.Contains("405", responses.Select(r => r.Key));
        Assert.Contains("500", responses.Select(r => r.Key));
        // The function's parameters besides the request and the token are its route values.
        var routeValues = routeInfo.Handler!.GetParameters().Where(p => p.ParameterType == typeof(string)).Select(p => p.Name);
        Assert.Equal(routeInfo.Parameters, routeValues);
    }

    [Fact]
    public void Every_reference_resolves_and_every_error_response_has_the_error_shape()
    {
        var references = new List<string>();
        Collect(Document, references);
        Assert.NotEmpty(references);
        foreach (string reference in references.Distinct())
        {
            Assert.StartsWith("#/", reference);
            JsonNode? target = Document;
            foreach (string part in reference[2..].Split('/'))
                target = target?[part];
            Assert.True(target is not null, $"{reference} points nowhere");
        }

        var components = Document["components"]!["responses"]!.AsObject();
        Assert.Equal(["Error400", "Error404", "Error405", "Error409", "Error422", "Error500", "Error503"], components.Select(c => c.Key));
        foreach (var (_, response) in components)
            Assert.Equal("#/components/schemas/ApiErrorBody", response!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("integer", components["Error503"]!["headers"]!["Retry-After"]!["schema"]!["type"]!.GetValue<string>());
        Assert.NotNull(components["Error405"]!["headers"]!["Allow"]);

        var error = Document["components"]!["schemas"]!["ApiError"]!;
        Assert.Equal(["code", "message", "parameter"], error["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["code", "message", "parameter"], error["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("[\"string\",\"null\"]", error["properties"]!["parameter"]!["type"]!.ToJsonString());
        Assert.Equal("string", error["properties"]!["code"]!["type"]!.GetValue<string>());
    }

    private static void Collect(JsonNode? node, List<string> references)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                if (key == "$ref")
                    references.Add(value!.GetValue<string>());
                else
                    Collect(value, references);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
                Collect(item, references);
        }
    }

    [Fact]
    public void The_schemas_have_the_properties_the_api_writes()
    {
        var record = new ArticleRecord
        {
            Id = "0123456789abcdef", Source = new SourceRef("articles", "a.txt"), PipelineVersion = "1", ContentHash = new string('0', 64),
            Quotes = [new QuoteRecord("Q", "Mira Holt", SpeakerKinds.Person, "said", 0)],
            Entities = [new EntityRecord("Mira Holt", EntityTypes.Person, 1, [])],
            Boilerplate = [new BoilerplateItem("Share this.", "share")],
        };
        var failure = new IngestFailure
        {
            Id = "0123456789abcdef", Source = record.Source, Stage = "decode", Reason = "Empty.", ErrorType = "DecodeException", PipelineVersion = "1",
        };
        AssertSameProperties(record, "ArticleRecord");
        AssertSameProperties(record.Source, "SourceRef");
        AssertSameProperties(record.Quotes[0], "QuoteRecord");
        AssertSameProperties(record.Entities[0], "EntityRecord");
        AssertSameProperties(failure, "IngestFailure");
        AssertSameProperties(new ArticleFailureResponse("failed", failure, null), "ArticleFailureResponse");
        var summary = new ArticleSummary("0123456789abcdef", record.Source, "T", null, null, null, "1");
        AssertSameProperties(new Page<ArticleSummary>([summary], null), "ArticleSummaryPage");
        AssertSameProperties(summary, "ArticleSummary");
        AssertSameProperties(new ApiErrorBody(new ApiError("not_found", "m")), "ApiErrorBody");

        var schemas = Document["components"]!["schemas"]!;
        Assert.Equal("#/components/schemas/ArticleSummary", schemas["ArticleSummaryPage"]!["properties"]!["items"]!["items"]!["$ref"]!.GetValue<string>());
        // A nullable component is the reference or null.
        Assert.Equal("#/components/schemas/ArticleRecord",
            schemas["ArticleFailureResponse"]!["properties"]!["lastRecord"]!["anyOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("[\"string\",\"null\"]", schemas["ArticleSummaryPage"]!["properties"]!["continuationToken"]!["type"]!.ToJsonString());
        Assert.Equal("integer", schemas["QuoteRecord"]!["properties"]!["paragraph"]!["type"]!.GetValue<string>());
    }

    private static void AssertSameProperties(object value, string schema)
    {
        var written = JsonSerializer.SerializeToNode(value, value.GetType(), ArticleJson.Indented)!.AsObject().Select(p => p.Key).Order();
        var properties = Document["components"]!["schemas"]![schema]!["properties"]!.AsObject();
        Assert.Equal(written, properties.Select(p => p.Key).Order());
        Assert.Equal(written, Document["components"]!["schemas"]![schema]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
    }

    [Fact]
    public void Every_query_parameter_of_every_route_is_described_once_for_all_routes()
    {
        var names = typeof(QueryParameters).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(IReadOnlyList<string>))
            .SelectMany(f => (IReadOnlyList<string>)f.GetValue(null)!).Concat(ApiRoutes.All.SelectMany(r => r.Parameters)).Distinct();
        foreach (string name in names)
            Assert.True(ApiParameterDocs.All.ContainsKey(name), $"'{name}' has no entry in ApiParameterDocs");

        var list = OperationOf(nameof(ArticlesHttpFunctions.ListArticles))["parameters"]!.AsArray();
        Assert.Equal(QueryParameters.ArticleListParameters, list.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("date", list.Single(p => p!["name"]!.GetValue<string>() == "from")!["schema"]!["format"]!.GetValue<string>());
        Assert.Equal(1000, list.Single(p => p!["name"]!.GetValue<string>() == "pageSize")!["schema"]!["maximum"]!.GetValue<int>());
    }

    [Fact]
    public void Each_operation_answers_the_statuses_and_bodies_the_function_gives()
    {
        var get = OperationOf(nameof(ArticlesHttpFunctions.GetArticle))["responses"]!;
        Assert.Equal("#/components/schemas/ArticleRecord", get["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ArticleFailureResponse", get["422"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/responses/Error404", get["404"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/responses/Error503", get["503"]!["$ref"]!.GetValue<string>());

        var delete = OperationOf(nameof(DeleteArticleFunction.DeleteArticle))["responses"]!.AsObject();
        Assert.Equal(["204", "400", "404", "405", "500", "503"], delete.Select(r => r.Key));
        Assert.Null(delete["204"]!["content"]);
        Assert.Equal("#/components/schemas/ReprocessResponse",
            OperationOf(nameof(ReprocessHttpFunction.Reprocess))["responses"]!["202"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        // Health's 503 is its report, not the error shape; the browser pages answer errors with pages.
        Assert.Equal("#/components/schemas/StorageHealthReport",
            OperationOf(nameof(HealthFunction.Health))["responses"]!["503"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        var page = OperationOf(nameof(BrowserViewFunctions.BrowseArticle))["responses"]!;
        Assert.NotNull(page["200"]!["content"]!["text/html"]);
        Assert.NotNull(page["404"]!["content"]!["text/html"]);
        Assert.Equal("#/components/responses/Error405", page["405"]!["$ref"]!.GetValue<string>());
        Assert.Empty(OperationOf(nameof(ApiDocsFunctions.OpenApiDocument))["security"]!.AsArray());
    }

    [Fact]
    public void A_route_without_a_description_is_still_documented_with_its_path_parameters_and_the_errors()
    {
        var route = new ApiRoute("ListParts", "things/{thingId}/parts/{part:regex(^[a-z]+$)}", ["GET"]);
        var document = OpenApiDocumentBuilder.Build([route]);
        var operation = document["paths"]!["/api/things/{thingId}/parts/{part}"]!["get"]!;
        Assert.Equal("ListParts", operation["operationId"]!.GetValue<string>());
        Assert.Equal(["thingId", "part"], operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.All(operation["parameters"]!.AsArray(), p => Assert.True(p!["required"]!.GetValue<bool>()));
        Assert.Equal(["200", "400", "404", "405", "500", "503"], operation["responses"]!.AsObject().Select(r => r.Key));

        var read = OpenApiReader.Parse(document.ToJsonString(), "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
    }

    /// <summary>
    /// What the document says a route takes is what the function accepts: each documented query parameter gets past the
    /// unknown-parameter check, and each parameter another route documents is refused as unknown. Runs every described
    /// function through reflection, with the fakes behind it.
    /// </summary>
    [Fact]
    public async Task Documented_query_parameters_are_exactly_those_the_functions_accept()
    {
        var harness = new Harness();
        var collection = new ServiceCollection();
        collection.AddMvcCore();
        var services = collection
            .AddLogging()
            .AddSingleton<IArticleStore>(harness.Store)
            .AddSingleton<IRawDocumentStore>(harness.Raw)
            .AddSingleton<IReprocessQueue>(harness.Queue)
            .AddSingleton(harness.Ingest)
            .AddSingleton<Ingest.Functions.Health.IStorageHealthProbe>(new FakeHealthProbe(true))
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["IngestContainer"] = "articles" }).Build())
            .AddIngestFunctions()
            .BuildServiceProvider();
        // A route without [ApiOperation] documents no query parameters and is not checked here (it may need services the
        // fakes do not give). The thirteen routes written with the document all have one.
        var described = ApiRoutes.All.Where(r => r.Handler!.GetCustomAttribute<ApiOperationAttribute>() is not null).ToList();
        Assert.True(described.Count >= 13, $"{described.Count} described routes");
        var everyName = described.SelectMany(r => OpenApiDocumentBuilder.QueryNames(r.Handler!.GetCustomAttribute<ApiOperationAttribute>()))
            .Append("entitiy").ToHashSet(StringComparer.Ordinal);

        foreach (var route in described)
        {
            var documented = OpenApiDocumentBuilder.QueryNames(route.Handler!.GetCustomAttribute<ApiOperationAttribute>());
            foreach (string name in everyName)
            {
                string? code = await ErrorCodeAsync(services, route, $"?{name}=1");
                if (documented.Contains(name))
                    Assert.True(code != "unknown_parameter", $"{route.Function} refuses its documented parameter '{name}'");
                else
                    Assert.True(code == "unknown_parameter", $"{route.Function} takes '{name}', which its operation does not document (got {code ?? "no error"})");
            }
        }
    }

    /// <summary>Calls the function with the query and returns the error code of a 400 answer (JSON or page), or null.</summary>
    private static async Task<string?> ErrorCodeAsync(IServiceProvider services, ApiRoute route, string query)
    {
        var request = HttpTestContext.Get(query);
        request.HttpContext.RequestServices = services;
        var handler = route.Handler!;
        object target = services.GetService(handler.DeclaringType!)
                        ?? throw new InvalidOperationException($"{handler.DeclaringType} is not registered");
        object?[] arguments = [.. handler.GetParameters().Select(p =>
            p.ParameterType == typeof(HttpRequest) ? request
            : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : (object)"0123456789abcdef")];
        object? returned = handler.Invoke(target, arguments);
        var result = returned is Task<IActionResult> task ? await task : (IActionResult)returned!;
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(),
            new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        if (context.Response.StatusCode != 400)
            return null;
        context.Response.Body.Position = 0;
        string body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return body.Contains("unknown_parameter", StringComparison.Ordinal) ? "unknown_parameter" : "other";
    }
}

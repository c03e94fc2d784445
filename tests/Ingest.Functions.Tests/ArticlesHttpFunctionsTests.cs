using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

public sealed class ArticlesHttpFunctionsTests
{
    private readonly Harness _h = new();
    private ArticlesHttpFunctions Functions => new(_h.Store, NullLogger<ArticlesHttpFunctions>.Instance);

    private async Task<string> IngestSampleAsync(string name = "news/harbor-bridge.txt")
    {
        await using var file = File.OpenRead(SamplePath("harbor-bridge.txt"));
        var outcome = await _h.Ingest.IngestAsync(new SourceRef("articles", name), file);
        Assert.Equal(Ingest.Core.IngestStatus.Stored, outcome.Status);
        return outcome.ArticleId;
    }

    [Fact]
    public async Task GetArticle_returns_the_record()
    {
        string id = await IngestSampleAsync();
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticle(request, id, default), request);
        Assert.Equal(200, status);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("Harbor City Council Approves Funding for New Pedestrian Bridge", body.GetProperty("title").GetString());
        Assert.Contains(body.GetProperty("quotes").EnumerateArray(), q => q.GetProperty("speaker").GetString() == "Elena Marquez");
    }

    [Fact]
    public async Task GetArticle_missing_is_404_with_json_error()
    {
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticle(request, "0123456789abcdef", default), request);
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcdef0")]
    public async Task GetArticle_malformed_id_is_400(string id)
    {
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticle(request, id, default), request);
        Assert.Equal(400, status);
        Assert.Equal("invalid_id", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetArticle_of_a_failed_blob_is_422_with_the_failure()
    {
        var outcome = await _h.Ingest.IngestAsync(new SourceRef("articles", "empty.txt"), new MemoryStream());
        Assert.Equal(Ingest.Core.IngestStatus.Failed, outcome.Status);
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticle(request, outcome.ArticleId, default), request);
        Assert.Equal(422, status);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("failure").GetProperty("stage").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("failure").GetProperty("reason").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("lastRecord").ValueKind);
    }

    [Fact]
    public async Task ListArticles_parses_filters_and_passes_paging_through()
    {
        await IngestSampleAsync();
        _h.Store.NextToken = "next-page-token";
        var request = Get("?entity=Elena%20Marquez&speaker=Robert+Tanaka&source=Ledger&from=2025-01-01&to=2025-12-31&pageSize=7&continuationToken=abc%2B%3D");
        var (status, body) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal("next-page-token", body.GetProperty("continuationToken").GetString());
        Assert.Single(body.GetProperty("items").EnumerateArray());
        var (query, token, pageSize) = _h.Store.LastQuery!.Value;
        Assert.Equal(new ArticleQuery("Elena Marquez", "Robert Tanaka", "Ledger", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), query);
        Assert.Equal("abc+=", token);
        Assert.Equal(7, pageSize);
    }

    [Fact]
    public async Task ListArticles_defaults_page_size_and_returns_null_token_on_last_page()
    {
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("continuationToken").ValueKind);
        Assert.Equal(50, _h.Store.LastQuery!.Value.PageSize);
        Assert.Equal(new ArticleQuery(), _h.Store.LastQuery!.Value.Query);
    }

    [Theory]
    [InlineData("?from=2025-13-01", "invalid_date", "from")]
    [InlineData("?to=yesterday", "invalid_date", "to")]
    [InlineData("?from=14/03/2025", "invalid_date", "from")]
    [InlineData("?from=2025-03-02&to=2025-03-01", "invalid_range", "from")]
    [InlineData("?pageSize=0", "invalid_parameter", "pageSize")]
    [InlineData("?pageSize=1001", "invalid_parameter", "pageSize")]
    [InlineData("?pageSize=ten", "invalid_parameter", "pageSize")]
    [InlineData("?entity=a&entity=b", "invalid_parameter", "entity")]
    public async Task ListArticles_bad_parameters_are_400(string query, string code, string parameter)
    {
        var request = Get(query);
        var (status, body) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(400, status);
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Contains(parameter, error.GetProperty("message").GetString());
        Assert.Null(_h.Store.LastQuery);
    }

    [Fact]
    public async Task ListQuotes_filters_by_speaker()
    {
        await IngestSampleAsync();
        var request = Get("?speaker=Robert%20Tanaka&text=potholes&pageSize=3&continuationToken=t1");
        var (status, body) = await ExecuteAsync(await Functions.ListQuotes(request, default), request);
        Assert.Equal(200, status);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("Robert Tanaka", item.GetProperty("speaker").GetString());
        Assert.Equal((new QuoteQuery("Robert Tanaka", "potholes"), "t1", 3), ((QuoteQuery)_h.Store.LastQuery!.Value.Query, _h.Store.LastQuery.Value.Token, _h.Store.LastQuery.Value.PageSize));
    }

    [Fact]
    public async Task ListQuotes_bad_page_size_is_400()
    {
        var request = Get("?pageSize=-1");
        var (status, _) = await ExecuteAsync(await Functions.ListQuotes(request, default), request);
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task ListEntities_by_prefix()
    {
        await IngestSampleAsync();
        var request = Get("?prefix=elena");
        var (status, body) = await ExecuteAsync(await Functions.ListEntities(request, default), request);
        Assert.Equal(200, status);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("Elena Marquez", item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListEntities_without_prefix_lists_all()
    {
        await IngestSampleAsync();
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.ListEntities(request, default), request);
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("items").GetArrayLength() >= 3);
        Assert.Equal("", _h.Store.LastQuery!.Value.Query);
    }
}

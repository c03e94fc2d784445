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

    private async Task<System.Text.Json.JsonElement> BadRequestAsync(Func<Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call,
        string query, string code, string parameter)
    {
        var request = Get(query);
        var (status, body) = await ExecuteAsync(await call(request), request);
        Assert.Equal(400, status);
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        return error;
    }

    [Theory]
    [InlineData("?entity=", "entity")]
    [InlineData("?entity", "entity")]
    [InlineData("?entity=%00", "entity")]
    [InlineData("?speaker=%20%01%7F%20", "speaker")]
    [InlineData("?source=%E2%80%8B%C2%AD", "source")]
    [InlineData("?source=%EF%BB%BF%E2%80%8E", "source")]
    [InlineData("?entity=Ada%20Quill&from=", "from")]
    [InlineData("?to=%00", "to")]
    public async Task ListArticles_filter_given_but_empty_is_400_not_an_unfiltered_list(string query, string parameter)
    {
        var error = await BadRequestAsync(r => Functions.ListArticles(r, default), query, "empty_filter", parameter);
        Assert.Contains($"'{parameter}'", error.GetProperty("message").GetString());
        Assert.Null(_h.Store.LastQuery);
    }

    [Theory]
    [InlineData("?speaker=%00", "speaker")]
    [InlineData("?text=", "text")]
    [InlineData("?text=%3F%21%20-", "text")]
    [InlineData("?speaker=Ada%20Quill&text=%E2%80%94", "text")]
    public async Task ListQuotes_filter_given_but_empty_is_400(string query, string parameter)
    {
        await BadRequestAsync(r => Functions.ListQuotes(r, default), query, "empty_filter", parameter);
        Assert.Null(_h.Store.LastQuery);
    }

    [Theory]
    [InlineData("?prefix=")]
    [InlineData("?prefix=%20%20")]
    [InlineData("?prefix=%00")]
    public async Task ListEntities_prefix_given_but_empty_is_400(string query)
    {
        await BadRequestAsync(r => Functions.ListEntities(r, default), query, "empty_filter", "prefix");
        Assert.Null(_h.Store.LastQuery);
    }

    [Fact]
    public async Task Filters_reach_the_store_in_NFC()
    {
        var request = Get("?entity=Jose%CC%81%20Nu%CC%81n%CC%83ez&source=%20Cafe%CC%81%20");
        var (status, _) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal(new ArticleQuery(Entity: "Jos\u00E9 N\u00FA\u00F1ez", Source: "Caf\u00E9"), _h.Store.LastQuery!.Value.Query);

        request = Get("?speaker=Jose%CC%81&text=cafe%CC%81");
        await ExecuteAsync(await Functions.ListQuotes(request, default), request);
        Assert.Equal(new QuoteQuery("Jos\u00E9", "caf\u00E9"), _h.Store.LastQuery!.Value.Query);
    }

    [Fact]
    public async Task A_prefix_keeps_its_trailing_space_and_is_NFC()
    {
        var request = Get("?prefix=Jose%CC%81%20");
        await ExecuteAsync(await Functions.ListEntities(request, default), request);
        Assert.Equal("Jos\u00E9 ", _h.Store.LastQuery!.Value.Query);
    }

    [Fact]
    public async Task A_blank_token_or_page_size_is_the_default()
    {
        var request = Get("?continuationToken=&pageSize=%20");
        var (status, _) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal((null, 50), (_h.Store.LastQuery!.Value.Token, _h.Store.LastQuery.Value.PageSize));
    }

    public static TheoryData<string> Endpoints => new() { "articles", "quotes", "entities" };

    private Task<Microsoft.AspNetCore.Mvc.IActionResult> ListAsync(string endpoint, Microsoft.AspNetCore.Http.HttpRequest request) => endpoint switch
    {
        "articles" => Functions.ListArticles(request, default),
        "quotes" => Functions.ListQuotes(request, default),
        _ => Functions.ListEntities(request, default),
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_token_the_store_refuses_is_400_invalid_token(string endpoint)
    {
        _h.Store.Refusal = new Ingest.Storage.QueryArgumentException("The continuation token belongs to another query.", "continuationToken");
        var error = await BadRequestAsync(r => ListAsync(endpoint, r), "?continuationToken=abc", "invalid_token", "continuationToken");
        Assert.Equal("The continuation token belongs to another query.", error.GetProperty("message").GetString());
        Assert.Equal("abc", _h.Store.LastQuery!.Value.Token);
    }

    [Fact]
    public async Task A_filter_the_store_refuses_is_400_naming_it()
    {
        _h.Store.Refusal = new Ingest.Storage.QueryArgumentException("'speaker' is empty after normalization.", "speaker");
        var error = await BadRequestAsync(r => Functions.ListQuotes(r, default), "?speaker=x", "empty_filter", "speaker");
        Assert.Equal("'speaker' is empty after normalization.", error.GetProperty("message").GetString());

        _h.Store.Refusal = new ArgumentException("some other rule", "speaker");
        error = await BadRequestAsync(r => Functions.ListQuotes(r, default), "?speaker=x", "invalid_parameter", "speaker");
        Assert.Equal("'speaker' cannot be used with this query.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_argument_error_naming_no_parameter_is_not_the_clients_fault()
    {
        _h.Store.Refusal = new ArgumentException("bug", "somethingInternal");
        await Assert.ThrowsAsync<ArgumentException>(() => Functions.ListArticles(Get(), default));
        // 'text' is a parameter of the quotes endpoint, not of the articles endpoint.
        _h.Store.Refusal = new ArgumentException("bug", "text");
        await Assert.ThrowsAsync<ArgumentException>(() => Functions.ListArticles(Get(), default));
    }

    [Fact]
    public async Task A_token_too_long_is_400_invalid_token()
    {
        await BadRequestAsync(r => Functions.ListArticles(r, default), "?continuationToken=" + new string('A', 4097), "invalid_token", "continuationToken");
        Assert.Null(_h.Store.LastQuery);
    }

    [Theory]
    [InlineData("?order=newest", ArticleOrder.Newest)]
    [InlineData("?order=NEWEST&from=2025-01-01", ArticleOrder.Newest)]
    [InlineData("?order=key&entity=Ada", ArticleOrder.Key)]
    [InlineData("?order=", ArticleOrder.Key)]
    [InlineData("", ArticleOrder.Key)]
    public async Task ListArticles_passes_the_order_to_the_store(string query, ArticleOrder order)
    {
        var request = Get(query);
        var (status, _) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.Equal(200, status);
        Assert.Equal(order, ((ArticleQuery)_h.Store.LastQuery!.Value.Query).Order);
    }

    [Theory]
    [InlineData("?order=oldest")]
    [InlineData("?order=1")]
    [InlineData("?order=newest&entity=Ada%20Quill")]
    [InlineData("?order=newest&source=Harbor%20Wire")]
    [InlineData("?speaker=Ada&order=newest")]
    public async Task ListArticles_bad_order_is_400_naming_order(string query)
    {
        await BadRequestAsync(r => Functions.ListArticles(r, default), query, "invalid_parameter", "order");
        Assert.Null(_h.Store.LastQuery);
    }

    [Fact]
    public async Task An_order_the_store_refuses_is_400_invalid_parameter()
    {
        _h.Store.Refusal = new Ingest.Storage.QueryArgumentException("'order=newest' lists all articles.", "order");
        var error = await BadRequestAsync(r => Functions.ListArticles(r, default), "?order=newest", "invalid_parameter", "order");
        Assert.Equal("'order=newest' lists all articles.", error.GetProperty("message").GetString());
    }
}

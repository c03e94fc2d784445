using Ingest.Core;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

/// <summary>DELETE /api/articles/{id}, GET /api/failures and the status of list items, over the fakes.</summary>
public sealed class DeleteAndFailuresTests
{
    private readonly Harness _h = new();
    private ArticlesHttpFunctions Functions => new(_h.Store, NullLogger<ArticlesHttpFunctions>.Instance);
    private DeleteArticleFunction Delete => new(_h.Store, _h.Raw, NullLogger<DeleteArticleFunction>.Instance);

    private async Task<(string Id, SourceRef Source)> IngestSampleAsync(string name = "news/harbor-bridge.txt")
    {
        byte[] bytes = await File.ReadAllBytesAsync(SamplePath("harbor-bridge.txt"));
        var source = new SourceRef("articles", name);
        _h.Raw.Blobs[source] = bytes;
        var outcome = await _h.Ingest.IngestAsync(source, new MemoryStream(bytes));
        Assert.Equal(IngestStatus.Stored, outcome.Status);
        return (outcome.ArticleId, source);
    }

    private static HttpRequest DeleteRequest(string queryString = "")
    {
        var request = Get(queryString);
        request.Method = "DELETE";
        return request;
    }

    /// <summary>Executes a result that may have no body (204).</summary>
    private static async Task<int> StatusAsync(IActionResult result, HttpRequest request)
    {
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new Microsoft.AspNetCore.Routing.RouteData(),
            new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        return request.HttpContext.Response.StatusCode;
    }

    [Fact]
    public async Task Delete_removes_the_record_keeps_the_blob_and_a_second_delete_is_404()
    {
        var (id, source) = await IngestSampleAsync();
        var request = DeleteRequest();
        Assert.Equal(204, await StatusAsync(await Delete.DeleteArticle(request, id, default), request));
        Assert.False(_h.Store.Records.ContainsKey(id));
        Assert.True(_h.Raw.Blobs.ContainsKey(source));

        request = DeleteRequest();
        var (status, body) = await ExecuteAsync(await Delete.DeleteArticle(request, id, default), request);
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("?blob=true")]
    [InlineData("?blob=TRUE")]
    public async Task Delete_with_blob_true_also_deletes_the_source_blob(string query)
    {
        var (id, source) = await IngestSampleAsync();
        var (other, otherSource) = await IngestSampleAsync("news/other.txt");
        var request = DeleteRequest(query);
        Assert.Equal(204, await StatusAsync(await Delete.DeleteArticle(request, id, default), request));
        Assert.False(_h.Store.Records.ContainsKey(id));
        Assert.False(_h.Raw.Blobs.ContainsKey(source));
        Assert.True(_h.Store.Records.ContainsKey(other));
        Assert.True(_h.Raw.Blobs.ContainsKey(otherSource));
    }

    [Fact]
    public async Task Delete_of_a_failed_blob_removes_the_failure_and_with_blob_true_the_file()
    {
        var source = new SourceRef("articles", "bad/empty.txt");
        _h.Raw.Blobs[source] = [];
        var outcome = await _h.Ingest.IngestAsync(source, new MemoryStream());
        Assert.Equal(IngestStatus.Failed, outcome.Status);
        var request = DeleteRequest("?blob=true");
        Assert.Equal(204, await StatusAsync(await Delete.DeleteArticle(request, outcome.ArticleId, default), request));
        Assert.Empty(_h.Store.Failures);
        Assert.Empty(_h.Raw.Blobs);
    }

    [Theory]
    [InlineData("NOT-AN-ID", "", "invalid_id", "id")]
    [InlineData("0123456789abcdef", "?blob=yes", "invalid_parameter", "blob")]
    [InlineData("0123456789abcdef", "?blob=true&blob=false", "invalid_parameter", "blob")]
    [InlineData("0123456789abcdef", "?blobs=true", "unknown_parameter", "blobs")]
    public async Task Delete_bad_requests_are_400_and_delete_nothing(string id, string query, string code, string parameter)
    {
        var (stored, _) = await IngestSampleAsync();
        var request = DeleteRequest(query);
        var (status, body) = await ExecuteAsync(await Delete.DeleteArticle(request, id, default), request);
        Assert.Equal(400, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(parameter, body.GetProperty("error").GetProperty("parameter").GetString());
        Assert.True(_h.Store.Records.ContainsKey(stored));
        Assert.Single(_h.Raw.Blobs);
    }

    [Fact]
    public async Task ListFailures_lists_failure_records_and_passes_paging_through()
    {
        await IngestSampleAsync();
        var outcome = await _h.Ingest.IngestAsync(new SourceRef("articles", "bad/empty.txt"), new MemoryStream());
        _h.Store.NextToken = "next";
        var request = Get("?pageSize=5&continuationToken=t1");
        var (status, body) = await ExecuteAsync(await Functions.ListFailures(request, default), request);
        Assert.Equal(200, status);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(outcome.ArticleId, item.GetProperty("id").GetString());
        Assert.Equal("bad/empty.txt", item.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal("decode", item.GetProperty("stage").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("reason").GetString()));
        Assert.Equal(PipelineInfo.Version, item.GetProperty("pipelineVersion").GetString());
        Assert.Equal(0, item.GetProperty("sizeBytes").GetInt64());
        Assert.True(item.TryGetProperty("failedAt", out _) && item.TryGetProperty("errorType", out _));
        Assert.Equal("next", body.GetProperty("continuationToken").GetString());
        Assert.Equal(("t1", 5), (_h.Store.LastQuery!.Value.Token, _h.Store.LastQuery.Value.PageSize));
    }

    [Fact]
    public async Task List_items_carry_status_stored_or_failed_with_the_failure()
    {
        var (id, source) = await IngestSampleAsync();
        var (other, _) = await IngestSampleAsync("news/other.txt");
        // The same content failing later (as under a newer pipeline) keeps the record listed: it is marked failed.
        await _h.Store.RecordFailureAsync(new IngestFailure
        {
            Id = id, Source = source, Stage = "quotes", Reason = "The quote stage threw.", ErrorType = "InvalidOperationException",
            PipelineVersion = "9.9.9", ContentHash = _h.Store.Records[id].ContentHash, SizeBytes = 10,
        });
        var request = Get();
        var (_, body) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        var items = body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal("failed", items[id].GetProperty("status").GetString());
        Assert.Equal("quotes", items[id].GetProperty("failure").GetProperty("stage").GetString());
        Assert.Equal("The quote stage threw.", items[id].GetProperty("failure").GetProperty("reason").GetString());
        Assert.Equal("stored", items[other].GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[other].GetProperty("failure").ValueKind);
    }

    [Fact]
    public async Task An_overwritten_blob_that_now_fails_leaves_the_list()
    {
        var (id, source) = await IngestSampleAsync();
        var outcome = await _h.Ingest.IngestAsync(source, new MemoryStream([0x00, 0x01, 0x02, 0xFF, 0xFE]));
        Assert.Equal(IngestStatus.Failed, outcome.Status);
        var request = Get();
        var (_, body) = await ExecuteAsync(await Functions.ListArticles(request, default), request);
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }
}

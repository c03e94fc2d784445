using System.Text;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

/// <summary>The Event Grid <c>BlobDeleted</c> webhook (<see cref="BlobDeletedEventFunction"/>) over the fakes.</summary>
public sealed class BlobDeletedEventTests
{
    private readonly Harness _h = new();

    private BlobDeletedEventFunction Function => new(_h.Ingest,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["IngestContainer"] = "articles" }).Build(),
        NullLogger<BlobDeletedEventFunction>.Instance);

    private static HttpRequest Post(string body)
    {
        var request = Get();
        request.Method = "POST";
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return request;
    }

    private static string Event(string type, string subject, string data) =>
        $$"""{"id":"{{Guid.NewGuid()}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct","subject":"{{subject}}","eventType":"{{type}}","eventTime":"2026-12-02T10:00:00Z","data":{{data}},"dataVersion":"1","metadataVersion":"1"}""";

    private static string Deleted(string container, string name) => Event("Microsoft.Storage.BlobDeleted",
        $"/blobServices/default/containers/{container}/blobs/{name}",
        $$"""{"api":"DeleteBlob","contentType":"text/plain","blobType":"BlockBlob","url":"https://acct.blob.core.windows.net/{{container}}/{{name}}","sequencer":"0001"}""");

    private async Task<(string Id, SourceRef Source)> IngestAsync(string name)
    {
        byte[] bytes = await File.ReadAllBytesAsync(SamplePath("harbor-bridge.txt"));
        var source = new SourceRef("articles", name);
        _h.Raw.Blobs[source] = bytes;
        var outcome = await _h.Ingest.IngestAsync(source, new MemoryStream(bytes));
        Assert.Equal(IngestStatus.Stored, outcome.Status);
        return (outcome.ArticleId, source);
    }

    [Fact]
    public async Task The_subscription_handshake_is_answered_with_its_validation_code()
    {
        var request = Post("[" + Event("Microsoft.EventGrid.SubscriptionValidationEvent", "", """{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://example.invalid/v"}""") + "]");
        var (status, body) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);

        Assert.Equal(200, status);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", body.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task A_deleted_blob_loses_its_record_and_a_redelivery_is_harmless()
    {
        var (id, source) = await IngestAsync("news/2026/harbor bridge.txt");
        var (keep, _) = await IngestAsync("news/other.txt");
        _h.Raw.Blobs.TryRemove(source, out _);

        for (int delivery = 0; delivery < 2; delivery++)
        {
            var request = Post("[" + Deleted("articles", "news/2026/harbor bridge.txt") + "]");
            var (status, body) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);
            Assert.Equal(200, status);
            Assert.Equal(1, body.GetProperty("deleted").GetInt32());
        }
        Assert.False(_h.Store.Records.ContainsKey(id));
        Assert.True(_h.Store.Records.ContainsKey(keep));
    }

    [Fact]
    public async Task A_blob_uploaded_again_before_the_event_arrives_keeps_its_record()
    {
        var (id, _) = await IngestAsync("news/back-again.txt"); // deleted, then uploaded anew: the blob exists
        var request = Post("[" + Deleted("articles", "news/back-again.txt") + "]");
        var (status, body) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("deleted").GetInt32());
        Assert.Equal(1, body.GetProperty("ignored").GetInt32());
        Assert.True(_h.Store.Records.ContainsKey(id));
    }

    [Fact]
    public async Task Deletions_in_other_containers_and_other_event_types_are_ignored()
    {
        var (id, source) = await IngestAsync("news/kept.txt");
        _h.Raw.Blobs.TryRemove(source, out _);
        var request = Post("[" + Deleted("article-records", "news/kept.txt") + "," +
            Event("Microsoft.Storage.BlobCreated", "/blobServices/default/containers/articles/blobs/news/kept.txt", """{"api":"PutBlob","url":"u"}""") + "]");
        var (status, body) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);

        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("ignored").GetInt32());
        Assert.True(_h.Store.Records.ContainsKey(id));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"eventType\":1}")]
    public async Task A_body_that_is_not_Event_Grid_events_is_400(string body)
    {
        var request = Post(body);
        var (status, json) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);

        Assert.Equal(400, status);
        Assert.Equal("invalid_body", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Storage_down_is_503_so_Event_Grid_retries()
    {
        var (_, source) = await IngestAsync("news/outage.txt");
        _h.Raw.Blobs.TryRemove(source, out _);
        _h.Store.Outage = new Azure.RequestFailedException(503, "The server is busy.");
        var request = Post("[" + Deleted("articles", "news/outage.txt") + "]");
        var (status, json) = await ExecuteAsync(await Function.BlobDeletedEvents(request, default), request);

        Assert.Equal(503, status);
        Assert.Equal("storage_unavailable", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/blobServices/default/containers/articles/blobs/a.txt", "articles", "a.txt")]
    [InlineData("/blobServices/default/containers/articles/blobs/news/2026/a b.txt", "articles", "news/2026/a b.txt")]
    [InlineData("/blobServices/default/containers/c/blobs/x/blobs/y", "c", "x/blobs/y")]
    [InlineData("/blobServices/default/containers/articles/blobs/", null, null)]
    [InlineData("/blobServices/default/containers//blobs/a.txt", null, null)]
    [InlineData("/other/a.txt", null, null)]
    public void The_subject_names_the_container_and_the_whole_blob_name(string subject, string? container, string? name)
    {
        var source = BlobDeletedEventFunction.ParseSubject(subject);
        Assert.Equal(container, source?.Container);
        Assert.Equal(name, source?.Name);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Core.Document;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// Upload → blob poller → BlobIngestFunction → Table storage → HTTP functions, through a real Ingest.LocalHost process on Azurite.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class LocalHostEndToEndTests(LocalHostFixture host)
{
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(45);

    private async Task<string> UploadAsync(string name, byte[] content)
    {
        await host.Container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return ArticleIds.For(new SourceRef(host.ContainerName, name));
    }

    /// <summary>Polls GET /api/articles/{id} while it answers 404; returns the first other answer.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> WaitForArticleAsync(string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await host.Api.GetAsync($"api/articles/{id}");
            if (response.StatusCode != HttpStatusCode.NotFound || watch.Elapsed > RecordTimeout)
            {
                string text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode != HttpStatusCode.NotFound,
                    $"Article {id} did not appear within {RecordTimeout.TotalSeconds:0} s. Host output:\n{host.Output}");
                using var doc = JsonDocument.Parse(text);
                return (response.StatusCode, doc.RootElement.Clone());
            }
            await Task.Delay(100);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await host.Api.GetAsync(path);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Uploaded_article_becomes_queryable_with_title_quotes_and_entities()
    {
        host.EnsureStarted();
        string id = await UploadAsync("news/harbor-bridge.txt", await File.ReadAllBytesAsync(HttpTestContext.SamplePath("harbor-bridge.txt")));

        var (status, record) = await WaitForArticleAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal("Harbor City Council Approves Funding for New Pedestrian Bridge", record.GetProperty("title").GetString());
        Assert.Contains(record.GetProperty("quotes").EnumerateArray(), q => q.GetProperty("speaker").GetString() == "Elena Marquez");
        Assert.Contains(record.GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString() == "Robert Tanaka");

        var (listStatus, list) = await GetJsonAsync("api/articles?entity=Elena%20Marquez&pageSize=10");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.True(list.TryGetProperty("continuationToken", out _));

        var (_, quotes) = await GetJsonAsync("api/quotes?speaker=Robert%20Tanaka");
        Assert.Contains(quotes.GetProperty("items").EnumerateArray(), q => q.GetProperty("text").GetString()!.Contains("potholes", StringComparison.Ordinal));

        var (_, entities) = await GetJsonAsync("api/entities?prefix=elena");
        Assert.Contains(entities.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "Elena Marquez");
    }

    [Fact]
    public async Task Bad_files_get_failure_records_the_blobs_stay_and_the_host_keeps_answering()
    {
        host.EnsureStarted();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89 };
        var huge = new byte[20 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'a');
        var bad = new Dictionary<string, (byte[] Content, string Stage)>
        {
            ["bad/empty.txt"] = ([], "decode"),
            ["bad/image.png"] = (png, "decode"),
            ["bad/broken.json"] = (Encoding.UTF8.GetBytes("{\"title\": \"Unterminated"), "decode"),
            ["bad/huge.txt"] = (huge, "read"),
        };
        var ids = new Dictionary<string, string>();
        foreach (var (name, (content, _)) in bad)
            ids[name] = await UploadAsync(name, content);

        foreach (var (name, (_, stage)) in bad)
        {
            var (status, body) = await WaitForArticleAsync(ids[name]);
            Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{name}: expected 422, got {(int)status}: {body}");
            Assert.Equal("failed", body.GetProperty("status").GetString());
            var failure = body.GetProperty("failure");
            Assert.Equal(stage, failure.GetProperty("stage").GetString());
            Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("reason").GetString()), $"{name}: empty reason");
            Assert.Equal(name, failure.GetProperty("source").GetProperty("name").GetString());
        }

        var (healthStatus, health) = await GetJsonAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        foreach (string name in bad.Keys)
            Assert.True((await host.Container.GetBlobClient(name).ExistsAsync()).Value, $"{name} was removed from the container");
    }

    [Theory]
    [InlineData("api/articles?from=2025-02-30", HttpStatusCode.BadRequest, "invalid_date")]
    [InlineData("api/articles?pageSize=5000", HttpStatusCode.BadRequest, "invalid_parameter")]
    [InlineData("api/articles/NOT-AN-ID", HttpStatusCode.BadRequest, "invalid_id")]
    [InlineData("api/articles/0000000000000000", HttpStatusCode.NotFound, "not_found")]
    public async Task Bad_requests_get_json_errors(string path, HttpStatusCode expected, string code)
    {
        host.EnsureStarted();
        var (status, body) = await GetJsonAsync(path);
        Assert.Equal(expected, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reprocess_endpoint_answers_and_a_bad_queue_message_ends_in_the_poison_queue()
    {
        host.EnsureStarted();
        using var response = await host.Api.PostAsync("api/reprocess", content: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using (var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            Assert.True(doc.RootElement.GetProperty("queued").GetInt32() >= 0);

        await host.Queues.GetQueueClient(host.ReprocessQueueName).SendMessageAsync("this is not a reprocess message");
        var poison = host.Queues.GetQueueClient(host.PoisonQueueName);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var peeked = (await poison.PeekMessagesAsync(maxMessages: 32)).Value;
            if (peeked.Any(m => m.MessageText == "this is not a reprocess message"))
                return;
            await Task.Delay(250);
        }
        Assert.Fail($"The bad message did not reach {host.PoisonQueueName} within 60 s. Host output:\n{host.Output}");
    }
}

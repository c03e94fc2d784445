using System.Text;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

public sealed class OtherFunctionsTests
{
    private readonly Harness _h = new(maxBytes: 64 * 1024);
    private static readonly IConfiguration Config = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["IngestContainer"] = "articles" }).Build();

    private BlobIngestFunction Blob => new(_h.Ingest, Config, NullLogger<BlobIngestFunction>.Instance);

    [Fact]
    public async Task Blob_trigger_stores_the_article()
    {
        await using var file = File.OpenRead(SamplePath("harbor-bridge.txt"));
        await Blob.RunAsync(file, "2025/harbor-bridge.txt", default);
        string id = ArticleIds.For(new SourceRef("articles", "2025/harbor-bridge.txt"));
        Assert.True(_h.Store.Records.ContainsKey(id));
    }

    public static TheoryData<string, byte[]> BadInputs => new()
    {
        { "empty.txt", [] },
        { "picture.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0] },
        { "broken.json", Encoding.UTF8.GetBytes("{\"title\": \"unterminated") },
        { "huge.txt", new byte[128 * 1024] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Blob_trigger_never_throws_on_bad_input_and_records_a_failure(string name, byte[] bytes)
    {
        await Blob.RunAsync(new MemoryStream(bytes), name, default);
        string id = ArticleIds.For(new SourceRef("articles", name));
        var failure = Assert.Contains(id, (IDictionary<string, IngestFailure>)_h.Store.Failures);
        Assert.False(string.IsNullOrWhiteSpace(failure.Stage));
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
        Assert.DoesNotContain(id, (IDictionary<string, ArticleRecord>)_h.Store.Records);
    }

    [Fact]
    public async Task Reprocess_http_queues_outdated_articles_and_returns_the_count()
    {
        var old = new ArticleRecord { Id = "0000000000000001", Source = new("articles", "old.txt"), PipelineVersion = "0.0.1", ContentHash = "x" };
        _h.Store.Records[old.Id] = old;
        var function = new ReprocessHttpFunction(_h.Ingest, NullLogger<ReprocessHttpFunction>.Instance);
        var request = Get();
        request.Method = "POST";
        var (status, body) = await ExecuteAsync(await function.Reprocess(request, default), request);
        Assert.Equal(202, status);
        Assert.Equal(1, body.GetProperty("queued").GetInt32());
        Assert.Equal(new SourceRef("articles", "old.txt"), Assert.Single(_h.Queue.Messages));
    }

    [Fact]
    public async Task Timer_queues_outdated_articles_even_when_past_due()
    {
        var old = new ArticleRecord { Id = "0000000000000002", Source = new("articles", "old2.txt"), PipelineVersion = "0.0.1", ContentHash = "x" };
        _h.Store.Records[old.Id] = old;
        var function = new ReprocessTimerFunction(_h.Ingest, NullLogger<ReprocessTimerFunction>.Instance);
        await function.RunAsync(new TimerInfo { IsPastDue = true }, default);
        Assert.Single(_h.Queue.Messages);
    }

    [Fact]
    public async Task Queue_trigger_reprocesses_the_named_blob()
    {
        var source = new SourceRef("articles", "q/harbor.txt");
        _h.Raw.Blobs[source] = await File.ReadAllBytesAsync(SamplePath("harbor-bridge.txt"));
        var function = new ReprocessQueueFunction(_h.Ingest, NullLogger<ReprocessQueueFunction>.Instance);
        await function.RunAsync(ReprocessMessage.Format(source), default);
        Assert.True(_h.Store.Records.ContainsKey(ArticleIds.For(source)));
    }

    [Fact]
    public async Task Queue_trigger_with_a_vanished_blob_does_nothing()
    {
        var function = new ReprocessQueueFunction(_h.Ingest, NullLogger<ReprocessQueueFunction>.Instance);
        await function.RunAsync("{\"container\":\"articles\",\"name\":\"gone.txt\"}", default);
        Assert.Empty(_h.Store.Records);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"container\":\"articles\"}")]
    [InlineData("null")]
    public void Malformed_queue_messages_throw_format_exception(string message) =>
        Assert.Throws<FormatException>(() => ReprocessMessage.Parse(message));

    [Fact]
    public void Queue_message_round_trips()
    {
        var source = new SourceRef("articles", "a/b c.txt");
        Assert.Equal("{\"container\":\"articles\",\"name\":\"a/b c.txt\"}", ReprocessMessage.Format(source));
        Assert.Equal(source, ReprocessMessage.Parse(ReprocessMessage.Format(source)));
    }

    [Theory]
    [InlineData(true, 200, "healthy")]
    [InlineData(false, 503, "unhealthy")]
    public async Task Health_reports_storage_reachability(bool healthy, int expectedStatus, string expected)
    {
        var function = new HealthFunction(new FakeHealthProbe(healthy), NullLogger<HealthFunction>.Instance);
        var request = Get();
        var (status, body) = await ExecuteAsync(await function.Health(request, default), request);
        Assert.Equal(expectedStatus, status);
        Assert.Equal(expected, body.GetProperty("status").GetString());
    }
}

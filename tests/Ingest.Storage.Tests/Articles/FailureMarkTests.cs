using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Storage.Tests.Faults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Articles;

/// <summary>
/// The failure mark in the articles table: an article's state is one request, a write of an article that never failed sends
/// nothing to the failures table, a failure is cleared (row and mark) by the next successful write, and repair gives the
/// failure rows of an older build their marks.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class FailureMarkTests(AzuriteFixture fixture)
{
    /// <summary>Records "METHOD path" of every request (path without the account segment of Azurite).</summary>
    private sealed class RecordingPolicy : HttpPipelinePolicy
    {
        private readonly List<string> _requests = [];

        public IReadOnlyList<string> Requests { get { lock (_requests) return [.. _requests]; } }

        public void Clear() { lock (_requests) _requests.Clear(); }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Add(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Add(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Add(HttpMessage message)
        {
            lock (_requests)
                _requests.Add($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path)}");
        }
    }

    private (TableArticleStore Store, RecordingPolicy Policy) RecordingStore(StorageUnderTest s)
    {
        var policy = new RecordingPolicy();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var store = new TableArticleStore(new TableServiceClient(fixture.ConnectionString, tableOptions),
            new BlobServiceClient(fixture.ConnectionString, blobOptions),
            Options.Create(new StorageOptions { NamePrefix = s.Prefix }), NullLogger<TableArticleStore>.Instance);
        return (store, policy);
    }

    private static IngestFailure Failure(string id, string contentHash, string container = "articles") => new()
    {
        Id = id, Source = new SourceRef(container, $"test/{id}.html"), Stage = "decode", Reason = "The bytes were not text.",
        ErrorType = "DecodeException", PipelineVersion = Version1, ContentHash = contentHash, SizeBytes = 17,
        FailedAt = new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero),
    };

    [Fact]
    public async Task The_state_is_one_request_whether_stored_failed_or_unknown()
    {
        var s = await fixture.CreateAsync();
        var stored = Article("abab000000000001");
        await s.Store.UpsertAsync(stored);
        await s.Store.RecordFailureAsync(Failure("abab000000000002", new string('7', 64)));
        var (store, policy) = RecordingStore(s);

        var states = new List<StoredArticleState?>();
        foreach (string id in new[] { "abab000000000001", "abab000000000002", "abab000000000003" })
        {
            policy.Clear();
            states.Add(await store.GetStateAsync(id));
            Assert.Single(policy.Requests);
        }

        Assert.Equal(new StoredArticleState("abab000000000001", stored.Source, stored.ContentHash, Version1, Failed: false), states[0]);
        Assert.Equal(new StoredArticleState("abab000000000002", new SourceRef("articles", "test/abab000000000002.html"),
            new string('7', 64), Version1, Failed: true), states[1]);
        Assert.Null(states[2]);
    }

    [Fact]
    public async Task A_write_of_an_article_that_never_failed_sends_nothing_to_the_failures_table()
    {
        var s = await fixture.CreateAsync();
        var (store, policy) = RecordingStore(s);

        Assert.Equal(UpsertOutcome.Created, await store.UpsertAsync(Article("abab000000000011")));
        Assert.Equal(UpsertOutcome.Updated, await store.UpsertAsync(Article("abab000000000011", body: "A later version of it.")));
        Assert.Equal(UpsertOutcome.Unchanged, await store.UpsertAsync(Article("abab000000000011", body: "A later version of it.")));

        Assert.DoesNotContain(policy.Requests, r => r.Contains(s.Names.Failures, StringComparison.Ordinal));
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task A_successful_write_clears_the_failure_row_and_its_mark()
    {
        var s = await fixture.CreateAsync();
        var record = Article("abab000000000021");
        await s.Store.RecordFailureAsync(Failure(record.Id, new string('8', 64)));
        Assert.True((await s.Store.GetStateAsync(record.Id))!.Failed);
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));

        Assert.Null(await s.Store.GetFailureAsync(record.Id));
        Assert.False((await s.Store.GetStateAsync(record.Id))!.Failed);
        var articles = s.Tables.GetTableClient(s.Names.Articles);
        Assert.False((await articles.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(record.Id), "failure")).HasValue);
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        // An unchanged write after a failure of the same content clears it too.
        await s.Store.RecordFailureAsync(Failure(record.Id, record.ContentHash));
        Assert.Equal(UpsertOutcome.Unchanged, await s.Store.UpsertAsync(record));
        Assert.Null(await s.Store.GetFailureAsync(record.Id));
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task Repair_gives_an_older_builds_failure_rows_their_marks_and_drops_marks_without_rows()
    {
        var s = await fixture.CreateAsync();
        var articles = s.Tables.GetTableClient(s.Names.Articles);
        // A source container that does not exist: repair keeps failures whose source it cannot see.
        await s.Store.RecordFailureAsync(Failure("abab000000000031", new string('9', 64), "nocontainer" + s.Prefix));
        await s.Store.RecordFailureAsync(Failure("abab000000000032", new string('6', 64), "nocontainer" + s.Prefix));
        // As an older build left it: a failure row without a mark; and a clear stopped between row and mark.
        await articles.DeleteEntityAsync(TableKeys.Escape("abab000000000031"), "failure");
        await s.Tables.GetTableClient(s.Names.Failures).DeleteEntityAsync(TableKeys.Escape("abab000000000032"), "failure");
        Assert.Equal(["failure row abab000000000031 has no failure mark", "failure mark abab000000000032 has no failure row"],
            await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        await ((IStoreRepair)s.Store).RepairAsync();

        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
        Assert.True((await s.Store.GetStateAsync("abab000000000031"))!.Failed);
        Assert.Null(await s.Store.GetStateAsync("abab000000000032"));
        // Now the next successful write clears the failure.
        await s.Store.UpsertAsync(Article("abab000000000031"));
        Assert.Null(await s.Store.GetFailureAsync("abab000000000031"));
    }
}

using System.Text;
using Azure.Storage.Blobs;
using Ingest.Core;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Tests.EndToEnd;
using Ingest.LocalHost;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Tests.LocalHost;

/// <summary>
/// The blob poller in process, on Azurite, with a store that misbehaves for chosen blobs: one that always throws gets a
/// failure record after its tries; one that hangs does not hold up the others.
/// </summary>
public class BlobPollingWorkerTests
{
    /// <summary>Delegates to the real store, but throws or waits on upserts of chosen blob names.</summary>
    private sealed class MisbehavingStore(IArticleStore inner, Func<string, Task> beforeUpsert) : IArticleStore
    {
        public Task<ArticleRecord?> GetAsync(string articleId, CancellationToken cancellationToken = default) => inner.GetAsync(articleId, cancellationToken);
        public Task<IngestFailure?> GetFailureAsync(string articleId, CancellationToken cancellationToken = default) => inner.GetFailureAsync(articleId, cancellationToken);
        public Task<StoredArticleState?> GetStateAsync(string articleId, CancellationToken cancellationToken = default) => inner.GetStateAsync(articleId, cancellationToken);
        public async Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken = default)
        {
            await beforeUpsert(record.Source.Name);
            return await inner.UpsertAsync(record, cancellationToken);
        }
        public Task RecordFailureAsync(IngestFailure failure, CancellationToken cancellationToken = default) => inner.RecordFailureAsync(failure, cancellationToken);
        public Task<bool> WithdrawAsync(string articleId, string? contentHash, CancellationToken cancellationToken = default) => inner.WithdrawAsync(articleId, contentHash, cancellationToken);
        public Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken = default) => inner.DeleteAsync(articleId, cancellationToken);
        public Task<Page<ArticleSummary>> QueryArticlesAsync(ArticleQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
            inner.QueryArticlesAsync(query, continuationToken, pageSize, cancellationToken);
        public Task<Page<QuoteHit>> QueryQuotesAsync(QuoteQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
            inner.QueryQuotesAsync(query, continuationToken, pageSize, cancellationToken);
        public Task<Page<EntityCount>> QueryEntitiesAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
            inner.QueryEntitiesAsync(prefix, continuationToken, pageSize, cancellationToken);
        public Task<Page<IngestFailure>> QueryFailuresAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
            inner.QueryFailuresAsync(continuationToken, pageSize, cancellationToken);
        public IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion, CancellationToken cancellationToken = default) =>
            inner.ListOutdatedAsync(currentPipelineVersion, cancellationToken);
        public Task<Story?> GetCopiesAsync(string articleId, CancellationToken cancellationToken = default) =>
            inner.GetCopiesAsync(articleId, cancellationToken);
    }

    private static byte[] Story(string title) => Encoding.UTF8.GetBytes(
        $"{title}\n\nBy Test Writer\n\nThe ferry service across the bay resumed on Friday after a week of repairs to the " +
        "landing stage.\n\n\"Passengers can travel again,\" said Ada Quill, who runs the service.\n");

    private static async Task<(ServiceProvider Services, BlobContainerClient Container, BlobPollingWorker Worker)> StartAsync(
        Func<string, Task> beforeUpsert, long maxArticleBytes = 10 * 1024 * 1024)
    {
        string prefix = "pw" + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IngestStorage"] = LocalHostFixture.SharedConnectionString,
            ["StorageOptions:NamePrefix"] = prefix,
            ["IngestOptions:MaxArticleBytes"] = maxArticleBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        configuration.AddIngestResourceNames();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddIngestPipeline(configuration);
        services.AddIngestStorage(configuration);
        services.AddIngestFunctions();
        services.AddSingleton<IArticleStore>(sp => new MisbehavingStore(sp.GetRequiredService<TableArticleStore>(), beforeUpsert));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
        var container = provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(IngestSettings.Container(configuration));
        return (provider, container, await StartWorkerAsync(provider));
    }

    /// <summary>A new poller over the same store, as after a host restart: it remembers nothing of what it did.</summary>
    private static async Task<BlobPollingWorker> StartWorkerAsync(ServiceProvider provider, TimeSpan? interval = null, PollSignal? signal = null)
    {
        var options = Options.Create(new LocalHostOptions { BlobPollInterval = interval ?? TimeSpan.FromMilliseconds(100), BlobParallelism = 2 });
        var worker = new BlobPollingWorker(provider.GetRequiredService<BlobServiceClient>(), provider,
            provider.GetRequiredService<IConfiguration>(), options, NullLogger<BlobPollingWorker>.Instance, signal ?? new PollSignal());
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    private static async Task StopAsync(ServiceProvider services, BlobContainerClient container, BlobPollingWorker worker)
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
        var names = new StorageNames(services.GetRequiredService<IOptions<StorageOptions>>().Value);
        var tables = services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        foreach (string table in names.Tables)
            await tables.DeleteTableAsync(table);
        foreach (string c in names.Containers)
            await services.GetRequiredService<BlobServiceClient>().DeleteBlobContainerAsync(c);
        await services.DisposeAsync();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        for (int i = 0; i < 600; i++)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("Timed out waiting for " + what);
    }

    [Fact]
    public async Task A_blob_that_always_throws_gets_a_failure_record_after_its_tries_and_the_others_are_stored()
    {
        int tries = 0;
        var (services, container, worker) = await StartAsync(name =>
        {
            if (name == "cursed.txt")
            {
                Interlocked.Increment(ref tries);
                throw new Azure.RequestFailedException(503, "The server is busy.");
            }
            return Task.CompletedTask;
        });
        try
        {
            await container.GetBlobClient("cursed.txt").UploadAsync(BinaryData.FromBytes(Story("Ferry back")));
            await container.GetBlobClient("fine.txt").UploadAsync(BinaryData.FromBytes(Story("Ferry resumes")));
            var store = services.GetRequiredService<IArticleStore>();
            string cursed = ArticleIds.For(new SourceRef(container.Name, "cursed.txt"));
            var failure = await EventuallyAsync(() => store.GetFailureAsync(cursed), "the failure record of the cursed blob");

            Assert.Equal("host", failure.Stage);
            Assert.Equal("GaveUp", failure.ErrorType);
            Assert.Contains("5 times", failure.Reason, StringComparison.Ordinal);
            Assert.Contains("server is busy", failure.Reason, StringComparison.Ordinal);
            Assert.Equal(IngestSettings.MaxDequeueCount, Volatile.Read(ref tries));
            Assert.NotNull(await store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "fine.txt"))));
            Assert.True((await container.GetBlobClient("cursed.txt").ExistsAsync()).Value); // the blob stays
        }
        finally
        {
            await StopAsync(services, container, worker);
        }
    }

    [Fact]
    public async Task A_wake_lists_the_container_before_the_next_poll()
    {
        var (services, container, firstWorker) = await StartAsync(_ => Task.CompletedTask);
        await firstWorker.StopAsync(CancellationToken.None);
        firstWorker.Dispose();
        // An interval the test never reaches: only the listing at start and the wakes can find the blobs.
        var signal = new PollSignal();
        var worker = await StartWorkerAsync(services, TimeSpan.FromHours(1), signal);
        try
        {
            var store = services.GetRequiredService<IArticleStore>();
            await Task.Delay(500); // the listing at start is done (the container was empty)
            await container.GetBlobClient("woken.txt").UploadAsync(BinaryData.FromBytes(Story("Ferry woken")));
            signal.Wake();
            signal.Wake(); // collapses into the same pending wake
            await EventuallyAsync(() => store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "woken.txt"))), "the woken blob");

            // A second wake after the first was consumed lists again.
            await container.GetBlobClient("again.txt").UploadAsync(BinaryData.FromBytes(Story("Ferry again")));
            signal.Wake();
            await EventuallyAsync(() => store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "again.txt"))), "the second woken blob");
        }
        finally
        {
            await StopAsync(services, container, worker);
        }
    }

    [Fact]
    public async Task A_blob_that_hangs_does_not_hold_up_blobs_uploaded_after_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (services, container, worker) = await StartAsync(name => name == "slow.txt" ? release.Task : Task.CompletedTask);
        try
        {
            var store = services.GetRequiredService<IArticleStore>();
            await container.GetBlobClient("slow.txt").UploadAsync(BinaryData.FromBytes(Story("Slow ferry")));
            await Task.Delay(300); // the slow blob is taken first and now waits inside its upsert
            await container.GetBlobClient("small.txt").UploadAsync(BinaryData.FromBytes(Story("Small ferry")));

            await EventuallyAsync(() => store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "small.txt"))), "the small blob");
            Assert.Null(await store.GetStateAsync(ArticleIds.For(new SourceRef(container.Name, "slow.txt")))); // still in flight

            release.SetResult();
            await EventuallyAsync(() => store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "slow.txt"))), "the slow blob");
        }
        finally
        {
            release.TrySetResult();
            await StopAsync(services, container, worker);
        }
    }

    [Fact]
    public async Task A_too_large_blob_that_already_failed_is_not_read_again_after_a_restart_but_is_when_it_changes()
    {
        int upserts = 0;
        var (services, container, worker) = await StartAsync(_ => { Interlocked.Increment(ref upserts); return Task.CompletedTask; },
            maxArticleBytes: 2_000);
        try
        {
            var store = services.GetRequiredService<IArticleStore>();
            string big = ArticleIds.For(new SourceRef(container.Name, "big.txt"));
            byte[] tooLarge = Story("Big ferry").Concat(Encoding.UTF8.GetBytes(new string('x', 3_000))).ToArray();
            await container.GetBlobClient("big.txt").UploadAsync(BinaryData.FromBytes(tooLarge));
            var first = await EventuallyAsync(() => store.GetFailureAsync(big), "the too-large failure");
            Assert.Equal(nameof(ArticleTooLargeException), first.ErrorType);
            Assert.Equal(tooLarge.Length, first.SizeBytes);

            // Restart: a new poller lists the big blob again; the stored failure answers for it, so it is not read (a read
            // would record the failure again, with a later time).
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
            worker = await StartWorkerAsync(services);
            await container.GetBlobClient("small.txt").UploadAsync(BinaryData.FromBytes(Story("Small ferry")));
            await EventuallyAsync(() => store.GetAsync(ArticleIds.For(new SourceRef(container.Name, "small.txt"))), "the small blob");
            await Task.Delay(1_000);
            Assert.Equal(first.FailedAt, (await store.GetFailureAsync(big))!.FailedAt);

            // The blob changed to a file within the limit: it is read and stored.
            await container.GetBlobClient("big.txt").UploadAsync(BinaryData.FromBytes(Story("Big ferry, shorter")), overwrite: true);
            var record = await EventuallyAsync(() => store.GetAsync(big), "the record of the rewritten blob");
            Assert.Equal("Big ferry, shorter", record.Title);
        }
        finally
        {
            await StopAsync(services, container, worker);
        }
    }
}

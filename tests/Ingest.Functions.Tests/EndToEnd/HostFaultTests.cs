using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Ingest.Core.Document;
using Ingest.Storage.Tests.Faults;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// Faults around the running local host, bounded and on loopback: the host killed mid-batch, its storage stopped and
/// started again mid-run, tables deleted under it. Each ends with exactly one record or failure record per blob and
/// tables that agree (<see cref="StoreConsistency"/> reads them directly).
/// </summary>
public class HostFaultTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    /// <summary>A made-up article; every third is bad input (a failure record is its outcome).</summary>
    private static byte[] Article(int i)
    {
        if (i % 3 == 2)
            return [0x00, 0x01, 0x02, 0x03, (byte)i, 0xFF, 0xFE, 0x00, 0x00, 0x00];
        string[] people = ["Ada Quill", "Tomas Reed", "Lena Ortiz", "Mina Dale"];
        string speaker = people[i % people.Length];
        return Encoding.UTF8.GetBytes(
            $"Harbour works, part {i}\n\nBy Test Writer\n\nThe harbour board of Port Elwin met on day {i} to discuss the " +
            $"sea wall and the ferry timetable.\n\n\"We will finish stage {i} before the winter storms,\" said {speaker}, " +
            "who chairs the board.\n\nThe Harbor Trust said it would publish the costs next month.\n");
    }

    private static async Task UploadAsync(LocalHostFixture host, int from, int count)
    {
        for (int i = from; i < from + count; i++)
            await host.Container.GetBlobClient($"faults/story-{i:D3}.txt").UploadAsync(BinaryData.FromBytes(Article(i)), overwrite: true);
    }

    /// <summary>Starts a host over <paramref name="connectionString"/> (null: the shared Azurite), runs the test, and
    /// stops the host and deletes its resources whatever happens.</summary>
    private static async Task WithHostAsync(string? connectionString, Func<LocalHostFixture, Task> test,
        string? reconcileInterval = null)
    {
        var host = new LocalHostFixture(connectionString);
        if (reconcileInterval is not null)
            host.HostEnvironment["LocalHost__ReconcileInterval"] = reconcileInterval;
        try
        {
            await host.InitializeAsync();
            host.EnsureStarted();
            await test(host);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until the blobs in the container (at least <paramref name="atLeast"/>) and the stored articles match one to
    /// one — each blob has an article row or a failure row, no row of a blob that is not there — and the tables agree.
    /// </summary>
    private static async Task AssertSettledAsync(LocalHostFixture host, int atLeast)
    {
        var names = host.Names;
        var watch = Stopwatch.StartNew();
        string state = "";
        while (watch.Elapsed < Settle)
        {
            try
            {
                var expected = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var blob in host.Container.GetBlobsAsync())
                    expected.Add(ArticleIds.For(new SourceRef(host.Container.Name, blob.Name)));
                var stored = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var row in host.Tables.GetTableClient(names.Articles).QueryAsync<TableEntity>(select: ["ArticleId"]))
                    stored.Add(row.GetString("ArticleId")!);
                int articles = stored.Count;
                var failed = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var row in host.Tables.GetTableClient(names.Failures).QueryAsync<TableEntity>(select: ["ArticleId"]))
                    failed.Add(row.GetString("ArticleId")!);
                stored.UnionWith(failed);
                var problems = await StoreConsistency.ProblemsAsync(host.Tables, host.Blobs, names);
                state = $"{expected.Count} blobs, {articles} articles, {failed.Count} failures, {expected.Except(stored).Count()} unsettled, " +
                        $"{stored.Except(expected).Count()} of blobs not there; problems: {string.Join("; ", problems)}";
                if (expected.Count >= atLeast && expected.SetEquals(stored) && problems.Count == 0)
                    return;
            }
            catch (Azure.RequestFailedException ex)
            {
                state = "storage: " + ex.Message.Split('\n')[0]; // a table is being created again
            }
            await Task.Delay(500);
        }
        Assert.Fail($"not settled after {Settle.TotalSeconds:0} s: {state}\n{host.Output[^Math.Min(host.Output.Length, 3000)..]}");
    }

    [Fact]
    public async Task The_host_killed_mid_batch_and_started_again_leaves_one_record_or_failure_per_blob()
    {
        await WithHostAsync(null, async host =>
        {
            await UploadAsync(host, 0, 30);
            // Kill as soon as the first articles land: the rest of the batch is mid-flight.
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(30) &&
                   !await host.Tables.GetTableClient(host.Names.Articles).QueryAsync<TableEntity>(maxPerPage: 1).AnyAsync())
                await Task.Delay(20);
            await host.KillAsync();

            await host.RestartAsync();
            host.EnsureStarted();
            await AssertSettledAsync(host, 30);
        });
    }

    [Fact]
    public async Task Storage_stopped_and_started_again_mid_run_leaves_one_record_or_failure_per_blob()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        await WithHostAsync(azurite.ConnectionString, async host =>
        {
            await UploadAsync(host, 0, 24);
            await Task.Delay(400);
            await azurite.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await azurite.StartAsync();
            // Azurite may lose what it acknowledged just before it was killed (its metadata is saved lazily), the
            // container included: a user uploads again; the blobs present afterwards are what must settle.
            await host.Container.CreateIfNotExistsAsync();
            await UploadAsync(host, 24, 6);
            await AssertSettledAsync(host, 6);
        }, reconcileInterval: "00:00:05");
    }

    [Fact]
    public async Task Storage_down_answers_503_with_the_error_body_and_the_api_answers_again_when_it_is_back()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        // A killed Azurite may come back without its tables (503 TableNotFound until then): the repair pass creates them.
        await WithHostAsync(azurite.ConnectionString, async host =>
        {
            await UploadAsync(host, 0, 1);
            string id = ArticleIds.For(new SourceRef(host.ContainerName, "faults/story-000.txt"));
            var watch = Stopwatch.StartNew();
            while ((await host.Api.GetAsync($"api/articles/{id}")).StatusCode != System.Net.HttpStatusCode.OK)
            {
                Assert.True(watch.Elapsed < Settle, $"the article did not appear. Host output:\n{host.Output}");
                await Task.Delay(100);
            }

            await azurite.StopAsync();
            foreach (var (method, path) in new[]
                     {
                         (HttpMethod.Get, "api/articles?entity=Ada%20Quill"), (HttpMethod.Get, $"api/articles/{id}"),
                         (HttpMethod.Get, "api/failures"), (HttpMethod.Delete, $"api/articles/{id}"), (HttpMethod.Post, "api/reprocess"),
                     })
            {
                using var response = await host.Api.SendAsync(new HttpRequestMessage(method, path));
                string text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode} {text}");
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                Assert.Equal("storage_unavailable", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
                Assert.Equal("5", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await azurite.StartAsync();
            watch.Restart();
            System.Net.HttpStatusCode status;
            while ((status = (await host.Api.GetAsync("api/articles?entity=Ada%20Quill")).StatusCode) != System.Net.HttpStatusCode.OK)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"still {(int)status} after Azurite came back: {await (await host.Api.GetAsync("api/articles?entity=Ada%20Quill")).Content.ReadAsStringAsync()}");
                await Task.Delay(250);
            }
        }, reconcileInterval: "00:00:05");
    }

    [Fact]
    public async Task Tables_deleted_under_the_running_host_are_created_again_and_every_blob_settles()
    {
        await WithHostAsync(null, async host =>
        {
            await UploadAsync(host, 0, 9);
            await AssertSettledAsync(host, 9);
            await host.Tables.DeleteTableAsync(host.Names.Articles);
            await host.Tables.DeleteTableAsync(host.Names.EntityIndex);
            await host.Tables.DeleteTableAsync(host.Names.Failures);

            await UploadAsync(host, 9, 9);
            // The earlier nine lost their rows with the tables; the reconcile pass offers them again.
            await AssertSettledAsync(host, 18);
        }, reconcileInterval: "00:00:05");
    }
}

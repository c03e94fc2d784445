using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Ingest.Cli.Tests;

/// <summary>
/// <c>ingest repair</c> as a child process against Azurite, each test with its own name prefix (its tables and containers are
/// deleted again). Azurite must already run (scripts/test.sh starts it).
/// </summary>
public sealed class RepairCommandTests : IAsyncLifetime
{
    private readonly string _prefix = "rp" + Guid.NewGuid().ToString("N")[..10];
    private readonly TableServiceClient _tables = new(CliProcess.Azurite);
    private readonly BlobServiceClient _blobs = new(CliProcess.Azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await foreach (var table in _tables.QueryAsync(t => t.Name.CompareTo(_prefix) >= 0 && t.Name.CompareTo(_prefix + "~") < 0))
            await _tables.DeleteTableAsync(table.Name);
        await foreach (var container in _blobs.GetBlobContainersAsync(prefix: _prefix))
            await _blobs.DeleteBlobContainerAsync(container.Name);
    }

    private async Task<List<string>> ResourcesWithPrefixAsync()
    {
        var names = new List<string>();
        await foreach (var table in _tables.QueryAsync())
        {
            if (table.Name.StartsWith(_prefix, StringComparison.Ordinal))
                names.Add(table.Name);
        }
        await foreach (var container in _blobs.GetBlobContainersAsync(prefix: _prefix))
            names.Add(container.Name);
        return names;
    }

    private Task<(int Exit, string Out, string Err)> RepairAsync() =>
        CliProcess.RunAsync(Path.GetTempPath(), ["repair", "--connection", CliProcess.Azurite, "--prefix", _prefix]);

    [Fact]
    public async Task A_prefix_with_no_store_is_refused_and_nothing_is_created()
    {
        var (exit, stdout, stderr) = await RepairAsync();

        Assert.Equal(2, exit);
        Assert.Contains("no Ingest store here", stderr);
        Assert.Contains($"{_prefix}-article-records", stderr);
        Assert.DoesNotContain("records checked", stdout);
        Assert.Empty(await ResourcesWithPrefixAsync());
    }

    [Fact]
    public async Task A_store_that_lost_its_index_tables_is_repaired_and_they_come_back()
    {
        // An empty store of this prefix, made by the same code the hosts run at start, without its index tables (deleted under it).
        await _blobs.CreateBlobContainerAsync($"{_prefix}-article-records");
        await _tables.CreateTableAsync($"{_prefix}Articles");
        await _tables.CreateTableAsync($"{_prefix}ArticleFailures");

        var (exit, stdout, stderr) = await RepairAsync();

        Assert.True(exit == 0, stderr);
        Assert.Contains("records checked: 0", stdout);
        // The index tables repair reads came back (TemplateLines belongs to the template memory, not to repair).
        var after = await ResourcesWithPrefixAsync();
        foreach (string table in new[] { "EntityIndex", "EntityNames", "SpeakerIndex", "SourceIndex", "DateIndex", "QuoteIndex" })
            Assert.Contains(_prefix + table, after);
    }

    [Fact]
    public async Task Purge_needs_yes_and_refuses_a_prefix_with_no_store()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(Path.GetTempPath(), ["purge", "--connection", CliProcess.Azurite, "--prefix", _prefix]);
        Assert.Equal(1, exit);
        Assert.Contains("--yes", stderr);
        // The store is named (account, table endpoint, prefix) but never its key.
        Assert.Contains($"account 'devstoreaccount1' (tables at http://127.0.0.1:10002/devstoreaccount1), prefix '{_prefix}'", stderr);
        Assert.DoesNotContain("AccountKey", stderr);

        (exit, _, stderr) = await CliProcess.RunAsync(Path.GetTempPath(), ["purge", "--yes", "--connection", CliProcess.Azurite, "--prefix", _prefix]);
        Assert.Equal(2, exit);
        Assert.Contains("no Ingest store here", stderr);
        Assert.Empty(await ResourcesWithPrefixAsync());
    }

    [Fact]
    public async Task Templates_reset_forgets_the_named_publisher_and_purge_empties_the_tables()
    {
        await _blobs.CreateBlobContainerAsync($"{_prefix}-article-records");
        var templates = _tables.GetTableClient($"{_prefix}TemplateLines");
        await templates.CreateAsync();
        // Rows as the template memory writes them: PK the publisher's name key, one row per line.
        await templates.AddEntityAsync(new TableEntity(Ingest.Storage.TableKeys.NameKey("Harbor Gazette"), "l1") { ["Line"] = "Subscribe", ["Articles"] = 3 });
        await templates.AddEntityAsync(new TableEntity(Ingest.Storage.TableKeys.NameKey("Harbor Gazette"), "l2") { ["Line"] = "Follow us", ["Articles"] = 3 });
        await templates.AddEntityAsync(new TableEntity(Ingest.Storage.TableKeys.NameKey("Other Daily"), "l1") { ["Line"] = "Newsletter", ["Articles"] = 3 });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Path.GetTempPath(),
            ["templates", "reset", "--publisher", "Harbor Gazette", "--connection", CliProcess.Azurite, "--prefix", _prefix]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("template lines forgotten: 2 (publisher 'Harbor Gazette')", stdout);
        Assert.Equal([Ingest.Storage.TableKeys.NameKey("Other Daily")], templates.Query<TableEntity>().Select(e => e.PartitionKey));

        (exit, stdout, stderr) = await CliProcess.RunAsync(Path.GetTempPath(), ["purge", "--yes", "--connection", CliProcess.Azurite, "--prefix", _prefix]);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"purging account 'devstoreaccount1' (tables at http://127.0.0.1:10002/devstoreaccount1), prefix '{_prefix}'", stdout);
        Assert.Contains("table rows deleted: 1", stdout);
        Assert.Empty(templates.Query<TableEntity>());
    }
}

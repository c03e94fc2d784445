using Azure.Data.Tables;
using Ingest.Core.Document;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Storage.Tests;

/// <summary><see cref="StoreMaintenance"/>: purge and the reset of the template memory, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class StoreMaintenanceTests(AzuriteFixture fixture)
{
    private static async Task<int> RowsAsync(StorageUnderTest s)
    {
        int n = 0;
        foreach (string table in s.Names.Tables)
        {
            await foreach (var _ in s.Tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
                n++;
        }
        return n;
    }

    private static async Task<int> BlobsAsync(StorageUnderTest s, string container)
    {
        int n = 0;
        await foreach (var _ in s.Blobs.GetBlobContainerClient(container).GetBlobsAsync())
            n++;
        return n;
    }

    [Fact]
    public async Task Purge_empties_every_table_and_the_records_and_keeps_the_article_files()
    {
        var s = await fixture.CreateAsync();
        var incoming = s.Blobs.GetBlobContainerClient(s.Names.IncomingContainer);
        for (int i = 0; i < 3; i++)
        {
            string id = $"{i:x16}";
            await s.Store.UpsertAsync(Records.Article(id, entities: [Records.Person("Ada Quill")], quotes: [("The pier is open", "Ada Quill")]));
            await incoming.UploadBlobAsync($"test/{id}.html", BinaryData.FromString("<p>made-up</p>"));
        }
        await s.TemplateMemory.ObserveAsync("Harbor Gazette", "a1", ["Subscribe to the Gazette"]);
        Assert.True(await RowsAsync(s) > 10);
        var maintenance = s.Services.GetRequiredService<StoreMaintenance>();

        var report = await maintenance.PurgeAsync(sourceBlobs: false);

        Assert.Equal(0, await RowsAsync(s));
        Assert.Equal(0, await BlobsAsync(s, s.Names.RecordsContainer));
        Assert.Equal(3, await BlobsAsync(s, s.Names.IncomingContainer)); // the files stay, to be processed again
        Assert.Equal(3, report.Records);
        Assert.Equal(0, report.SourceBlobs);
        Assert.True(report.Rows > 10);
        Assert.Null(await s.Store.GetAsync($"{0:x16}"));
        Assert.Empty((await s.Store.QueryEntitiesAsync("ada", null, 10)).Items);

        // Idempotent; with the files.
        var again = await maintenance.PurgeAsync(sourceBlobs: true);
        Assert.Equal(new PurgeReport(0, 0, 3), again);
        Assert.Equal(0, await BlobsAsync(s, s.Names.IncomingContainer));
    }

    [Fact]
    public async Task Template_reset_forgets_one_publisher_and_leaves_the_others()
    {
        var s = await fixture.CreateAsync(c => c["StorageOptions:TemplateLineThreshold"] = "2");
        string[] lines = ["Subscribe to the Gazette", "Follow us on the radio"];
        foreach (string article in new[] { "a1", "a2" })
        {
            await s.TemplateMemory.ObserveAsync("Harbor Gazette", article, lines);
            await s.TemplateMemory.ObserveAsync("Other Daily", article, ["Other Daily newsletter"]);
        }
        Assert.Equal(2, (await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette")).Count);
        var maintenance = s.Services.GetRequiredService<StoreMaintenance>();

        Assert.Equal(2, await maintenance.ResetTemplatesAsync("harbor gazette")); // keyed as the memory keys names
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette"));
        Assert.Equal(["Other Daily newsletter"], await s.TemplateMemory.GetTemplateLinesAsync("Other Daily"));

        Assert.Equal(1, await maintenance.ResetTemplatesAsync(null));
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Other Daily"));
        await Assert.ThrowsAsync<ArgumentException>(() => maintenance.ResetTemplatesAsync(" "));
    }
}

using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Ingest.Core.Document;

namespace Ingest.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public class OtherStoresTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Template_lines_need_the_threshold_of_distinct_articles()
    {
        var s = await fixture.CreateAsync();
        string[] lines = ["follow us on the harbor app", "subscribe to the tide letter", "only in one article"];

        await s.TemplateMemory.ObserveAsync("Harbor Gazette", "a1", lines);
        await s.TemplateMemory.ObserveAsync("Harbor Gazette", "a1", lines); // same article again: no new count
        await s.TemplateMemory.ObserveAsync("harbor gazette", "a2", lines[..2]);
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette"));

        await s.TemplateMemory.ObserveAsync("HARBOR GAZETTE", "a3", [lines[0], lines[1], lines[1]]);
        Assert.Equal(lines[..2].ToHashSet(), (await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette")).ToHashSet());
        // Per publisher.
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Other Daily"));
        await s.TemplateMemory.ObserveAsync("Other Daily", "b1", lines);
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Other Daily"));
    }

    [Fact]
    public async Task Template_threshold_and_line_limit_are_options()
    {
        var s = await fixture.CreateAsync(c =>
        {
            c["StorageOptions:TemplateLineThreshold"] = "2";
            c["StorageOptions:TemplateMaxLinesPerArticle"] = "2";
        });
        string[] lines = ["line one of the page", "line two of the page", "line three of the page"];
        await s.TemplateMemory.ObserveAsync("Harbor Gazette", "a1", lines);
        await s.TemplateMemory.ObserveAsync("Harbor Gazette", "a2", lines);
        Assert.Equal(lines[..2].ToHashSet(), (await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette")).ToHashSet());
    }

    [Fact]
    public async Task Template_lines_of_concurrent_articles_and_of_long_articles_are_all_counted()
    {
        var s = await fixture.CreateAsync(c => c["StorageOptions:TemplateMaxLinesPerArticle"] = "250");
        // 130 lines: two transactions (at most 100 rows each) and ten queries (at most 14 row keys each) per article.
        string[] lines = [.. Enumerable.Range(0, 130).Select(i => $"harbor gazette footer line {i}")];
        // Four articles at once: the transactions that lose a race are read and built again.
        await Task.WhenAll(Enumerable.Range(1, 4).Select(i => s.TemplateMemory.ObserveAsync("Harbor Gazette", $"a{i}", lines)));
        Assert.Equal(lines.ToHashSet(), (await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette")).ToHashSet());
        var table = s.Tables.GetTableClient(s.Names.TemplateLines);
        var counts = table.Query<Azure.Data.Tables.TableEntity>().Where(e => e.RowKey != TableTemplateMemory.RecentRowKey)
            .Select(e => e.GetInt32("Articles")).ToList();
        Assert.Equal(130, counts.Count);
        Assert.All(counts, c => Assert.Equal(4, c));
    }

    [Fact]
    public async Task Template_lines_the_recent_articles_no_longer_carry_are_forgotten()
    {
        var s = await fixture.CreateAsync();
        var memory = (TableTemplateMemory)s.TemplateMemory;
        const string old = "listen to the harbor hour podcast", house = "harbor gazette letters to the editor";
        for (int n = 1; n <= 3; n++)
            await memory.ObserveAsync("Harbor Gazette", $"a{n}", [old, house, $"only in article {n}"]);
        Assert.Equal(new HashSet<string> { old, house }, (await memory.GetTemplateLinesAsync("Harbor Gazette")).ToHashSet());

        // The podcast line leaves the template; the letters line stays in every article.
        for (int n = 4; n < 4 + memory.RecentArticles - 1; n++)
            await memory.ObserveAsync("Harbor Gazette", $"a{n}", [house]);
        // Of the publisher's 20 latest articles only one (a3) carried it: below the threshold of three.
        Assert.Equal(new HashSet<string> { house }, (await memory.GetTemplateLinesAsync("Harbor Gazette")).ToHashSet());

        // Seen again in new articles, it comes back; an old article observed again does not revive it.
        await memory.ObserveAsync("Harbor Gazette", "a2", [old, house]);
        Assert.DoesNotContain(old, await memory.GetTemplateLinesAsync("Harbor Gazette"));
        for (int n = 100; n < 103; n++)
            await memory.ObserveAsync("Harbor Gazette", $"a{n}", [old, house]);
        Assert.Contains(old, await memory.GetTemplateLinesAsync("Harbor Gazette"));
    }

    [Fact]
    public async Task Raw_documents_are_read_and_missing_ones_are_null()
    {
        var s = await fixture.CreateAsync();
        var container = s.Blobs.GetBlobContainerClient(s.Names.IncomingContainer);
        byte[] content = Encoding.UTF8.GetBytes("<html><body><p>A made-up page.</p></body></html>");
        await container.GetBlobClient("2024/05/page one.html").UploadAsync(new BinaryData(content));

        await using (var stream = await s.RawDocuments.OpenReadAsync(new SourceRef(s.Names.IncomingContainer, "2024/05/page one.html")))
        {
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.Null(await s.RawDocuments.OpenReadAsync(new SourceRef(s.Names.IncomingContainer, "missing.html")));
        // A missing container is an error, not a missing blob (MissingResourceTests).
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => s.RawDocuments.OpenReadAsync(new SourceRef("no-such-container-x", "missing.html")));

        // The existence check asks the same questions without downloading.
        Assert.True(await s.RawDocuments.ExistsAsync(new SourceRef(s.Names.IncomingContainer, "2024/05/page one.html")));
        Assert.False(await s.RawDocuments.ExistsAsync(new SourceRef(s.Names.IncomingContainer, "missing.html")));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => s.RawDocuments.ExistsAsync(new SourceRef("no-such-container-x", "missing.html")));
    }

    [Fact]
    public async Task Reprocess_messages_are_base64_json_of_the_source()
    {
        var s = await fixture.CreateAsync();
        var source = new SourceRef("articles", "2024/05/page one.html");
        await s.ReprocessQueue.EnqueueAsync(source);

        // Read with a client that does not decode, as the raw queue would show it.
        var raw = new QueueClient(fixture.ConnectionString, s.Names.ReprocessQueue,
            new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 10)).Value);
        string json = Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("articles", doc.RootElement.GetProperty("container").GetString());
        Assert.Equal("2024/05/page one.html", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal(source, QueueReprocessQueue.ParseMessage(json));
    }

    [Fact]
    public async Task Initializer_creates_everything_and_is_idempotent()
    {
        var s = await fixture.CreateAsync();
        var initializer = (IStorageInitializer)s.Services.GetService(typeof(IStorageInitializer))!;
        await initializer.EnsureCreatedAsync();

        Assert.True(await s.Blobs.GetBlobContainerClient(s.Names.IncomingContainer).ExistsAsync());
        Assert.True(await s.Blobs.GetBlobContainerClient(s.Names.RecordsContainer).ExistsAsync());
        Assert.True(await s.Queues.GetQueueClient(s.Names.ReprocessQueue).ExistsAsync());
        Assert.True(await s.Queues.GetQueueClient(s.Prefix + "-reprocess-poison").ExistsAsync());
        var tables = new List<string>();
        await foreach (var t in s.Tables.QueryAsync(Azure.Data.Tables.TableServiceClient.CreateQueryFilter($"TableName ge {s.Prefix}")))
        {
            if (t.Name.StartsWith(s.Prefix, StringComparison.Ordinal))
                tables.Add(t.Name);
        }
        Assert.Equal(s.Names.Tables.Order(), tables.Order());
    }

    [Fact]
    public async Task Development_storage_shorthand_reaches_azurite()
    {
        if (fixture.ConnectionString != AzuriteFixture.AzuriteConnectionString)
            return; // only meaningful against the local emulator
        var s = await fixture.CreateAsync(c => c["IngestStorage"] = "UseDevelopmentStorage=true");
        var record = Records.Article("abcd000000000001", entities: [Records.Person("Ada Quill")]);
        Assert.Equal(Ingest.Core.Abstractions.UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        Assert.Equal(record.Body, (await s.Store.GetAsync(record.Id))!.Body);
        await s.ReprocessQueue.EnqueueAsync(record.Source);
    }
}

using System.Text;
using Ingest.Core;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests;

/// <summary>The Core ingest service over the real storage implementations (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public class IngestServiceTests(AzuriteFixture fixture)
{
    // Made-up page for these tests.
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head>
        <title>Harbor council approves new lighthouse lamps</title>
        <meta property="og:site_name" content="Harbor Gazette">
        <meta property="article:published_time" content="2024-05-02T09:00:00Z">
        </head><body><article>
        <h1>Harbor council approves new lighthouse lamps</h1>
        <p>The harbor council voted on Tuesday to replace the lamps of the old lighthouse, ending a debate that lasted two winters.</p>
        <p>"The lamps stay lit all night, and now they will cost half as much," said Mira Stone, the council's treasurer.</p>
        <p>Ada Quill, who leads the Lantern Works cooperative, said the new lamps would be installed before the autumn storms.</p>
        <p>The old lamps will be given to the maritime museum on the north quay.</p>
        </article></body></html>
        """;

    private static IngestService Service(StorageUnderTest s) => new(
        ArticleExtractor.Default, s.Store, s.RawDocuments, s.ReprocessQueue, Options.Create(new IngestOptions()),
        NullLogger<IngestService>.Instance, s.TemplateMemory);

    [Fact]
    public async Task Ingest_stores_a_record_and_reprocess_reads_the_blob_again()
    {
        var s = await fixture.CreateAsync();
        var source = new SourceRef(s.Names.IncomingContainer, "2024/05/lighthouse.html");
        byte[] bytes = Encoding.UTF8.GetBytes(Page);
        await s.Blobs.GetBlobContainerClient(source.Container).GetBlobClient(source.Name).UploadAsync(new BinaryData(bytes));
        var service = Service(s);

        var first = await service.IngestAsync(source, new MemoryStream(bytes));
        Assert.Equal(IngestStatus.Stored, first.Status);
        Assert.Equal(ArticleIds.For(source), first.ArticleId);
        var record = await s.Store.GetAsync(first.ArticleId);
        Assert.NotNull(record);
        Assert.Contains("lighthouse", record.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ArticleIds.ContentHash(bytes), record.ContentHash);
        Assert.Equal([first.ArticleId], (await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 10)).Items.Select(a => a.Id));
        foreach (var entity in record.Entities)
            Assert.Contains(first.ArticleId, (await s.Store.QueryArticlesAsync(new ArticleQuery(Entity: entity.Name), null, 10)).Items.Select(a => a.Id));

        Assert.Equal(IngestStatus.Unchanged, (await service.IngestAsync(source, new MemoryStream(bytes))).Status);
        var again = await service.ReprocessAsync(source);
        Assert.NotNull(again);
        Assert.NotEqual(IngestStatus.Failed, again.Status);
        // A blob that is gone is removed from the store, so it is not queued again.
        Assert.Equal(IngestStatus.Deleted, (await service.ReprocessAsync(source with { Name = "2024/05/gone.html" })).Status);

        // An article of an older pipeline version is queued for reprocessing.
        await s.Store.UpsertAsync(Article("9999000000000001", pipelineVersion: "0.0-old"));
        Assert.Equal(1, await service.EnqueueOutdatedAsync());
    }

    [Fact]
    public async Task A_good_article_overwritten_by_a_bad_file_leaves_the_lists_but_keeps_its_record_until_fixed()
    {
        var s = await fixture.CreateAsync();
        var service = Service(s);
        var source = new SourceRef(s.Names.IncomingContainer, "2024/06/pier.txt");
        byte[] good = System.Text.Encoding.UTF8.GetBytes(
            "Pier reopens after storm\n\nBy Test Writer\n\nThe harbour pier in Port Elwin reopened on Monday after " +
            "three weeks of repairs.\n\n\"We are glad to have it back,\" said Ada Quill, the harbour master.\n");
        var stored = await service.IngestAsync(source, new MemoryStream(good));
        Assert.Equal(IngestStatus.Stored, stored.Status);
        Assert.Single((await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 10)).Items);

        var failed = await service.IngestAsync(source, new MemoryStream([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00]));

        Assert.Equal(IngestStatus.Failed, failed.Status);
        Assert.Empty((await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 10)).Items);
        Assert.Empty((await s.Store.QueryEntitiesAsync("", null, 10)).Items);
        Assert.Contains("harbour pier", (await s.Store.GetAsync(stored.ArticleId))!.Body, StringComparison.Ordinal); // last record kept
        Assert.True((await s.Store.GetStateAsync(stored.ArticleId))!.Failed);

        Assert.Equal(IngestStatus.Stored, (await service.IngestAsync(source, new MemoryStream(good))).Status);
        Assert.Single((await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 10)).Items);
        Assert.False((await s.Store.GetStateAsync(stored.ArticleId))!.Failed);
    }

    [Fact]
    public async Task Bad_input_leaves_a_failure_record()
    {
        var s = await fixture.CreateAsync();
        var source = new SourceRef(s.Names.IncomingContainer, "empty.html");
        var outcome = await Service(s).IngestAsync(source, new MemoryStream([]));

        Assert.Equal(IngestStatus.Failed, outcome.Status);
        var failure = await s.Store.GetFailureAsync(outcome.ArticleId);
        Assert.NotNull(failure);
        Assert.Equal(source, failure.Source);
        Assert.True((await s.Store.GetStateAsync(outcome.ArticleId))!.Failed);
    }

    /// <summary>Counts pipeline runs; reads and writes nothing.</summary>
    private sealed class RunCounter : Ingest.Core.Pipeline.IPipelineStage
    {
        public int Runs;
        public string Name => "run-counter";
        public IReadOnlySet<Ingest.Core.Pipeline.AnnotationKey> Requires { get; } = new HashSet<Ingest.Core.Pipeline.AnnotationKey>();
        public IReadOnlySet<Ingest.Core.Pipeline.AnnotationKey> Produces { get; } = new HashSet<Ingest.Core.Pipeline.AnnotationKey>();
        public void Process(ArticleDocument document) => Interlocked.Increment(ref Runs);
    }

    private static string Story(int n) => $"""
        <!DOCTYPE html><html lang="en"><head><title>Harbor story number {n} of the week</title>
        <meta property="og:site_name" content="Harbor Gazette"></head><body><article>
        <h1>Harbor story number {n} of the week</h1>
        <p>The harbor council met on day {n} of the session to discuss the ferry timetable and the repairs on the north quay.</p>
        <p>Every tide chart in this paper is drawn by the Gazette's own cartographers.</p>
        <p>Councillors agreed that ferry {n} would keep its winter timetable until the repairs were finished in spring.</p>
        </article></body></html>
        """;

    /// <summary>A made-up text dump of the Harbor Gazette: its own lines, and a house line (chrome) in every story.</summary>
    private static string StoryDump(int n) => string.Join("\n\n",
        "Harbor Gazette",
        $"Harbor story number {n} of the week",
        "By Lena Marsh",
        $"The harbor council met on day {n} of the session to discuss the ferry timetable and the repairs on the north quay.",
        "Gazette tide charts are drawn in house",
        $"Councillors agreed that ferry {n} would keep its winter timetable until the repairs were finished in spring.",
        "The quay will reopen to foot traffic once the last of the new stones is laid, the harbor master said on Friday.");

    [Fact]
    public async Task Template_lines_learnt_from_a_publisher_are_removed_in_one_pipeline_run()
    {
        var s = await fixture.CreateAsync();
        var counter = new RunCounter();
        // The classifier only scores here (it removes nothing itself): the house line it reads as chrome stays in the
        // first articles, is learnt from them, and the template removes it from the fourth.
        var options = new Ingest.Core.Pipeline.PipelineOptions();
        options.Boilerplate.LineClassifier = false;
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(options).Add(counter).Build());
        var service = new IngestService(extractor, s.Store, s.RawDocuments, s.ReprocessQueue, Options.Create(new IngestOptions()),
            NullLogger<IngestService>.Instance, s.TemplateMemory);

        for (int n = 1; n <= 4; n++)
        {
            var outcome = await service.IngestAsync(new SourceRef(s.Names.IncomingContainer, $"story-{n}.txt"), new MemoryStream(Encoding.UTF8.GetBytes(StoryDump(n))));
            Assert.Equal(IngestStatus.Stored, outcome.Status);
        }
        Assert.Equal(4, counter.Runs); // once per article, template or not

        var first = await s.Store.GetAsync(ArticleIds.For(new SourceRef(s.Names.IncomingContainer, "story-1.txt")));
        var fourth = await s.Store.GetAsync(ArticleIds.For(new SourceRef(s.Names.IncomingContainer, "story-4.txt")));
        Assert.Contains("tide chart", first!.Body);
        Assert.DoesNotContain("tide chart", fourth!.Body);
        Assert.Contains(fourth.Boilerplate, b => b.Reason == "template" && b.Text.Contains("tide chart"));
        // The lines that differ between the articles stay: the template takes only what recurs.
        Assert.Contains("day 4 of the session", fourth.Body);
        Assert.Contains("keep its winter timetable", fourth.Body);
    }

    [Fact]
    public async Task Body_paragraphs_that_recur_in_a_publishers_pages_are_never_learnt()
    {
        // HTML gets no line scores: only what the rules removed is learnt, so the recurring paragraph stays in every story.
        var s = await fixture.CreateAsync();
        var service = Service(s);
        for (int n = 1; n <= 4; n++)
            Assert.Equal(IngestStatus.Stored, (await service.IngestAsync(new SourceRef(s.Names.IncomingContainer, $"story-{n}.html"),
                new MemoryStream(Encoding.UTF8.GetBytes(Story(n))))).Status);
        var fourth = await s.Store.GetAsync(ArticleIds.For(new SourceRef(s.Names.IncomingContainer, "story-4.html")));
        Assert.Contains("tide chart", fourth!.Body);
        Assert.DoesNotContain(fourth.Boilerplate, b => b.Reason == "template");
        Assert.Empty(await s.TemplateMemory.GetTemplateLinesAsync("Harbor Gazette"));
    }

    [Fact]
    public async Task An_article_is_stored_when_the_template_memory_fails()
    {
        var s = await fixture.CreateAsync();
        var service = new IngestService(ArticleExtractor.Default, s.Store, s.RawDocuments, s.ReprocessQueue,
            Options.Create(new IngestOptions()), NullLogger<IngestService>.Instance, new BrokenTemplateMemory());
        var source = new SourceRef(s.Names.IncomingContainer, "story-1.txt");
        var outcome = await service.IngestAsync(source, new MemoryStream(Encoding.UTF8.GetBytes(StoryDump(1))));
        Assert.Equal(IngestStatus.Stored, outcome.Status);
        var record = await s.Store.GetAsync(outcome.ArticleId);
        Assert.Contains("day 1 of the session", record!.Body);
        Assert.Null(await s.Store.GetFailureAsync(outcome.ArticleId));
    }

    /// <summary>A template memory whose table is unreachable: every call throws as the storage client would.</summary>
    private sealed class BrokenTemplateMemory : ITemplateMemory
    {
        public Task<IReadOnlySet<string>> GetTemplateLinesAsync(string publisher, CancellationToken cancellationToken = default) =>
            throw new Azure.RequestFailedException(503, "Server busy");

        public Task ObserveAsync(string publisher, string articleId, IEnumerable<string> lines, CancellationToken cancellationToken = default) =>
            throw new Azure.RequestFailedException(503, "Server busy");
    }

    [Fact]
    public async Task The_same_article_uploaded_under_many_names_keeps_its_whole_body()
    {
        var s = await fixture.CreateAsync();
        var service = Service(s);
        var bodies = new List<string>();
        for (int n = 1; n <= 5; n++)
        {
            var outcome = await service.IngestAsync(new SourceRef(s.Names.IncomingContainer, $"copy-{n}.html"), new MemoryStream(Encoding.UTF8.GetBytes(Page)));
            Assert.Equal(IngestStatus.Stored, outcome.Status);
            bodies.Add((await s.Store.GetAsync(outcome.ArticleId))!.Body);
        }
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Contains("given to the maritime museum", bodies[^1]);
    }
}

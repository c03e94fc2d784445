using System.Collections;
using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Stages;

namespace Ingest.Core.Tests;

/// <summary>Records stay clean whatever the input carries: control characters never reach a field.</summary>
public class CleanRecordTests
{
    /// <summary>Every string reachable from the record's public properties, with its path (Source excluded: it names the blob).</summary>
    internal static IEnumerable<(string Path, string Value)> Strings(object? value, string path = "record")
    {
        switch (value)
        {
            case null:
                yield break;
            case string s:
                yield return (path, s);
                yield break;
            case SourceRef:
                yield break;
            case IEnumerable items:
                int i = 0;
                foreach (var item in items)
                    foreach (var found in Strings(item, $"{path}[{i++}]"))
                        yield return found;
                yield break;
        }
        if (value.GetType().IsPrimitive)
            yield break;
        foreach (var p in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
            foreach (var found in Strings(p.GetValue(value), $"{path}.{p.Name}"))
                yield return found;
    }

    private static void AssertNoControls(ArticleRecord record)
    {
        var dirty = Strings(record).Where(f => f.Value.Any(TextNormalizer.IsControl)).Select(f => f.Path).ToList();
        Assert.Empty(dirty);
    }

    [Fact]
    public void TheWalkSeesEveryKindOfField()
    {
        var record = new ArticleRecord
        {
            Id = "0123456789abcdef", Source = new SourceRef("c", "n"), Title = "T", Authors = ["A"],
            Boilerplate = [new BoilerplateItem("B", "share")], Quotes = [new QuoteRecord("Q", "S", "person", "said", 0)],
            Entities = [new EntityRecord("E", "person", 1, ["Alias"])], PipelineVersion = "v", ContentHash = "h",
        };
        var paths = Strings(record).Select(f => f.Path).ToHashSet();
        Assert.Contains("record.Title", paths);
        Assert.Contains("record.Authors[0]", paths);
        Assert.Contains("record.Boilerplate[0].Reason", paths);
        Assert.Contains("record.Quotes[0].Cue", paths);
        Assert.Contains("record.Entities[0].Aliases[0]", paths);
        Assert.DoesNotContain("record.Source.Name", paths);
    }

    [Fact]
    public void NormalizerRemovesC0AndC1ControlsAndKeepsSeparatorsAsSpaces()
    {
        Assert.Equal("Title with bell and NEL break", TextNormalizer.Normalize("Ti\0tle\u0001 with be\u0007ll\u007F and\u0085NEL\tbreak\u009F"));
        Assert.Equal("", TextNormalizer.Normalize("\0\u001B\u0090"));
        Assert.Equal("one\ntwo\tthree", TextNormalizer.StripControls("o\0ne\n\u0002two\t\u009Bthree"));
    }

    private const string DirtyDump =
        "The Pinecrest Herald\n\n" +
        "Ferry\0 service returns to\u0085 Gull Island after repairs\n\n" +
        "By Mara\u0007 Lindqvist\n" +
        "April 3, 2025\n\n" +
        "The county fe\0rry resumed its run to Gull Island on Tuesday after six weeks in dry dock, and the first boat\u0090 left the harbor at seven in the morning.\n\n" +
        "\u201CWe missed the\u0001 mainland more than we expected,\u201D said Oskar Brandt, who runs the island\u2019s only shop. \u201CThe boat is our road.\u201D\n\n" +
        "The Pinecrest Ferry Board said the repairs came in under budget and that the winter timetable would stay in place until May.\n";

    [Fact]
    public void ControlCharactersInATextDumpNeverReachTheRecord()
    {
        var record = TestArticles.Extract("dirty.txt", DirtyDump);
        AssertNoControls(record);
        Assert.Equal("Ferry service returns to Gull Island after repairs", record.Title);
        Assert.Equal(["Mara Lindqvist"], record.Authors);
        Assert.StartsWith("The county ferry resumed its run", record.Body);
        Assert.Equal("We missed the mainland more than we expected, The boat is our road.", record.Quotes[0].Text);
        Assert.Equal("Oskar Brandt", record.Quotes[0].Speaker);
    }

    [Fact]
    public void ControlCharactersInJsonFieldsAndHintsNeverReachTheRecord()
    {
        const string json = """
            {"title": "Ferry\u0000 service returns\u0085 to Gull Island",
             "author": ["Mara\u0007 Lindqvist"], "description": "Six weeks\u0090 in dry dock",
             "site_name": "Pinecrest\u0000 Herald", "url": "https://herald.example/\u0001ferry", "language": "en\u0000",
             "text": "The county fe\u0000rry resumed its run to Gull Island on Tuesday after six weeks in dry dock.\n\nThe Pinecrest Ferry Board said the\u009B repairs came in under budget and that the winter timetable would stay."}
            """;
        var record = TestArticles.Extract("dirty.json", json);
        AssertNoControls(record);
        Assert.Equal("Ferry service returns to Gull Island", record.Title);
        Assert.Equal(["Mara Lindqvist"], record.Authors);
        Assert.Equal("Pinecrest Herald", record.Publisher);
        Assert.Equal("https://herald.example/ferry", record.CanonicalUrl);
        Assert.StartsWith("The county ferry resumed", record.Body);
    }

    [Fact]
    public void ControlCharactersInHtmlMetaTagsAndTextNeverReachTheRecord()
    {
        string html = "<html><head><title>Ferry\u0001 service returns to Gull Island</title>" +
            "<meta property=\"og:title\" content=\"Ferry\u0002 service returns to Gull Island\">" +
            "<meta name=\"author\" content=\"Mara\u0007 Lindqvist\"><meta property=\"og:site_name\" content=\"Pinecrest\u0085Herald\">" +
            "</head><body><article><h1>Ferry service returns to Gull Island</h1>" +
            "<p>The county fe\u0003rry resumed its run to Gull Island on Tuesday after six weeks in dry dock, and the first boat left at seven.</p>" +
            "<p>The Pinecrest Ferry Board said the repairs\u0090 came in under budget and that the winter timetable would stay in place until May.</p>" +
            "</article></body></html>";
        var record = TestArticles.Extract("dirty.html", html);
        AssertNoControls(record);
        Assert.Equal("Ferry service returns to Gull Island", record.Title);
        Assert.Equal(["Mara Lindqvist"], record.Authors);
        Assert.Equal("Pinecrest Herald", record.Publisher);
        Assert.Contains("The county ferry resumed", record.Body);
    }

    [Fact]
    public void RecordBuilderStripsControlsFromEveryFieldAStageLeftThem()
    {
        // Layers written by hand, as a stage that forgot to normalize would leave them.
        var doc = new ArticleDocument(new SourceRef("test", "guard.txt"), Encoding.UTF8.GetBytes("x"));
        var blocks = new BlockList([new Block { Text = "Bo\0dy text." }, new Block { Text = "Sh\u0001are this." }]);
        doc.Set(Layers.Blocks, blocks);
        doc.Set(Layers.Zones, new HeaderZones(blocks.Count));
        var page = new BoilerplateMarks();
        page.Mark(1, "sha\u0002re");
        doc.Set(Layers.PageBoilerplate, page);
        doc.Set(Layers.HeaderBoilerplate, new BoilerplateMarks());
        doc.Set(Layers.TemplateBoilerplate, new BoilerplateMarks());
        doc.Set(Layers.Body, new BodyText([0], [blocks[0]]));
        var meta = new ArticleMetadata
        {
            Title = "Ti\0tle", Subtitle = "Sub\u0085title", PublishedAt = "2025-04-03\0", Publisher = "Pub\u009Flisher",
            OriginalSource = "Ori\u0003gin", CanonicalUrl = "https://x.example/\0a", Language = "e\u0004n",
        };
        meta.Authors.Add("Au\u0005thor");
        doc.Set(Layers.Metadata, meta);
        doc.Set(Layers.Quotes, new QuoteList { new Quote { Text = "Quo\0te", Cue = "sa\u0006id", SpeakerKind = "per\u0007son" } });
        doc.Set(Layers.Entities, new EntityLayer([new EntityRecord("Ent\u0008ity", "per\u000Bson", 2, ["Al\u000Cias"])], (_, _) => null));
        doc.Set(Layers.Speakers, new SpeakerLinks(["Spea\u000Eker"]));

        var record = RecordBuilder.Build(doc, "v");

        AssertNoControls(record);
        Assert.Equal("Title", record.Title);
        Assert.Equal("Subtitle", record.Subtitle);
        Assert.Equal(["Author"], record.Authors);
        Assert.Equal("2025-04-03", record.PublishedAt);
        Assert.Equal("Publisher", record.Publisher);
        Assert.Equal("Origin", record.OriginalSource);
        Assert.Equal("https://x.example/a", record.CanonicalUrl);
        Assert.Equal("en", record.Language);
        Assert.Equal("Body text.", record.Body);
        Assert.Equal(new BoilerplateItem("Share this.", "share"), Assert.Single(record.Boilerplate));
        Assert.Equal(new QuoteRecord("Quote", "Speaker", "person", "said", 0), Assert.Single(record.Quotes));
        var entity = Assert.Single(record.Entities);
        Assert.Equal(("Entity", "person", 2, "Alias"), (entity.Name, entity.Type, entity.Mentions, Assert.Single(entity.Aliases)));
    }
}

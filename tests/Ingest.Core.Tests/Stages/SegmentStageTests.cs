using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Stages;

namespace Ingest.Core.Tests.Stages;

public class SegmentStageTests
{
    private static ArticleDocument Segment(string name, string text)
    {
        var doc = new ArticleDocument(new SourceRef("test", name), Encoding.UTF8.GetBytes(text));
        new DecodeStage().Process(doc);
        new SegmentStage().Process(doc);
        return doc;
    }

    [Fact]
    public void BlankLinesSeparateParagraphsAndOffsetsPointBack()
    {
        var doc = Segment("a.txt", "First  paragraph\u00A0here.\n\nSecond one.\r\n\r\nThird.");
        Assert.Equal(["First paragraph here.", "Second one.", "Third."], doc.Blocks.Select(b => b.Text));
        var second = doc.Blocks[1];
        Assert.Equal("Second one.", doc.Get(Layers.Text).Text.Substring(second.SourceStart, second.SourceLength));
    }

    [Fact]
    public void HardWrappedLinesJoinIntoOneParagraph()
    {
        const string text = "The council met on Tuesday evening to discuss the budget for the coming\nyear, and members spent most of the session arguing about road repairs\nand the cost of new buses.\n\nNext paragraph.";
        var doc = Segment("a.txt", text);
        Assert.Equal(2, doc.Blocks.Count);
        Assert.StartsWith("The council met", doc.Blocks[0].Text);
        Assert.EndsWith("cost of new buses.", doc.Blocks[0].Text);
    }

    [Fact]
    public void ShortLinesInOneBlockStaySeparate()
    {
        var doc = Segment("a.txt", "Related stories\nRoad repairs delayed again\nBus fares rise in June");
        Assert.Equal(3, doc.Blocks.Count);
        Assert.Equal("Bus fares rise in June", doc.Blocks[2].Text);
    }

    [Fact]
    public void MenuGapsAreCountedBeforeNormalizationRemovesThem()
    {
        var doc = Segment("a.txt", "Home   About   Archive   Contact\n\nA sentence of the story.");
        Assert.Equal("Home About Archive Contact", doc.Blocks[0].Text);
        Assert.Equal(4, doc.Blocks[0].GapSeparatedItems);
        Assert.Equal(0, doc.Blocks[1].GapSeparatedItems);
    }

    [Fact]
    public void MarkdownFrontMatterBecomesHintsAndSetextHeadingsAreHeadings()
    {
        const string md = "---\ntitle: \"Ferry Fares Frozen\"\ndate: 2024-02-03\nauthor: \"Island Press Trust\"\n---\n\nFerry Fares Frozen\n==================\n\nThe board froze fares for a **second** year, see [the notice](https://x.example/n).\n\n- Adults: $5\n- Children: free\n";
        var doc = Segment("story.md", md);
        Assert.Equal("Ferry Fares Frozen", doc.Hint(HintKeys.Title));
        Assert.Equal("2024-02-03", doc.Hint(HintKeys.Published));
        Assert.Equal("Island Press Trust", doc.Hint(HintKeys.SiteName));
        Assert.Equal(BlockKind.Heading, doc.Blocks[0].Kind);
        Assert.Equal(1, doc.Blocks[0].Level);
        Assert.Equal("The board froze fares for a second year, see the notice.", doc.Blocks[1].Text);
        Assert.Equal(BlockKind.ListItem, doc.Blocks[2].Kind);
        Assert.DoesNotContain(doc.Blocks, b => b.Text.Contains("title:"));
    }

    [Fact]
    public void TextNormalizerUsesNfcAndDropsInvisibleCharacters()
    {
        string decomposed = "Cafe\u0301\u200B  menu\u00AD";
        Assert.Equal("Café menu", TextNormalizer.Normalize(decomposed));
    }

    /// <summary>A made-up dump: masthead, headline, byline, date, hard-wrapped paragraphs, a one-line quote paragraph.</summary>
    private const string WrappedDump =
        "The Pinecrest Herald\n\n" +
        "Ferry service returns to Gull Island after repairs\n\n" +
        "By Mara Lindqvist\n" +
        "April 3, 2025\n\n" +
        "The county ferry resumed its run to Gull Island on Tuesday after six weeks\n" +
        "in dry dock, and the first boat left the harbor at seven in the morning\n" +
        "with a full deck of cars and a crate of mail for the island school.\n\n" +
        "\u201CThe boat is our road,\u201D said Oskar Brandt, who runs the island\u2019s only shop.\n\n" +
        "The Pinecrest Ferry Board said the repairs came in under budget and that\n" +
        "the winter timetable would stay in place until the end of May this year.\n";

    private const string FrontMatterArticle =
        "---\ntitle: Ferry service returns to Gull Island\ndate: 2025-04-03\nauthor: Mara Lindqvist\n---\n\n" +
        "Ferry service returns to Gull Island\n====================================\n\n" +
        "The county ferry resumed its run to Gull Island on Tuesday after six weeks\n" +
        "in dry dock, and the first boat left the harbor at seven in the morning.\n\n" +
        "- Cars: $20\n- Foot passengers: $4\n";

    private static string Json(ArticleRecord record) =>
        System.Text.Json.JsonSerializer.Serialize(record with { ContentHash = "" });

    [Theory]
    [InlineData("ferry.txt", WrappedDump)]
    [InlineData("ferry.md", FrontMatterArticle)]
    public void LfCrlfAndLoneCrLineEndingsGiveTheSameRecord(string name, string lf)
    {
        var expected = TestArticles.Extract(name, lf);
        Assert.Equal(Json(expected), Json(TestArticles.Extract(name, lf.Replace("\n", "\r\n"))));
        Assert.Equal(Json(expected), Json(TestArticles.Extract(name, lf.Replace("\n", "\r"))));
        Assert.Equal(Json(expected), Json(TestArticles.Extract(name, lf.Replace("\n\n", "\r\n\r\n").Replace("\n", "\r"))));
    }

    [Fact]
    public void OldMacLineEndingsKeepTheHeadlineAndJoinHardWraps()
    {
        var record = TestArticles.Extract("ferry.txt", WrappedDump.Replace("\n", "\r"));
        Assert.Equal("Ferry service returns to Gull Island after repairs", record.Title);
        Assert.Equal(["Mara Lindqvist"], record.Authors);
        Assert.Equal("2025-04-03", record.PublishedAt);
        var paragraphs = TestArticles.Paragraphs(record);
        Assert.Equal(3, paragraphs.Length);
        Assert.Equal("The county ferry resumed its run to Gull Island on Tuesday after six weeks in dry dock, and the first boat left the "
            + "harbor at seven in the morning with a full deck of cars and a crate of mail for the island school.", paragraphs[0]);
        var md = TestArticles.Extract("ferry.md", FrontMatterArticle.Replace("\n", "\r"));
        Assert.Equal(("Ferry service returns to Gull Island", "2025-04-03"), (md.Title, md.PublishedAt));
        Assert.DoesNotContain("title:", md.Body);
    }

    [Fact]
    public void BlockOffsetsPointIntoTheDecodedTextWhateverTheLineEndings()
    {
        foreach (string text in new[] { WrappedDump, WrappedDump.Replace("\n", "\r\n"), WrappedDump.Replace("\n", "\r") })
        {
            var doc = Segment("ferry.txt", text);
            string decoded = doc.Get(Layers.Text).Text;
            Assert.DoesNotContain('\r', decoded);
            Assert.Equal(7, doc.Blocks.Count);
            foreach (var block in doc.Blocks)
                Assert.Equal(block.Text, TextNormalizer.Normalize(decoded.Substring(block.SourceStart, block.SourceLength)));
        }
    }
}

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
}

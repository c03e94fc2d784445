namespace Ingest.Eval.Tests;

/// <summary>The text-dump renderer, the block labels and the Zyte score, on made-up pages.</summary>
public class DumpCorpusTests
{
    private const string Page = """
        <html><head><title>T</title><style>p { color: red }</style></head><body>
        <nav><a href="/">Home</a> <a href="/n">News</a> <a href="/s">Sports</a></nav>
        <script>var hidden = "never shown";</script>
        <h1>Ferry landing to reopen</h1>
        <div class="body"><p>The county board voted on <b>Tuesday</b> to reopen the
        old ferry landing.</p><p>Repairs will cost about $400,000.<br>Work starts in June.</p>
        <ul><li>new ramps</li><li>a ticket office</li></ul></div>
        <div style="display:none">Secret promo</div>
        <footer>© 2024 The Riverside Courier</footer></body></html>
        """;

    [Fact]
    public void RendererDropsScriptsAndHiddenTextAndLaysOutMenusPerStyle()
    {
        string tight = DumpRenderer.Render(Page, DumpStyle.Tight);
        Assert.Equal("Home\nNews\nSports\nFerry landing to reopen\nThe county board voted on Tuesday to reopen the old ferry landing.\n"
                     + "Repairs will cost about $400,000.\nWork starts in June.\nnew ramps\na ticket office\n© 2024 The Riverside Courier\n", tight);
        string pipes = DumpRenderer.Render(Page, DumpStyle.Pipes);
        Assert.StartsWith("Home | News | Sports\n\nFerry landing to reopen\n\n", pipes);
        Assert.Contains("new ramps\na ticket office", pipes);
        Assert.StartsWith("Home   News   Sports\n\n", DumpRenderer.Render(Page, DumpStyle.Gaps));
        Assert.DoesNotContain("never shown", pipes);
        Assert.DoesNotContain("Secret promo", pipes);
        string wrapped = DumpRenderer.Render(Page.Replace("old ferry landing.</p>", "old ferry landing, which has been closed since the storm two winters ago.</p>"), DumpStyle.Wrapped);
        Assert.Contains("Home\nNews\nSports\n\n", wrapped);
        Assert.Contains("The county board voted on Tuesday to reopen the old ferry landing, which has\nbeen closed", wrapped);
        Assert.Equal(DumpRenderer.StyleOf("abc"), DumpRenderer.StyleOf("abc"));
    }

    [Fact]
    public void BlocksAreLabelledByTheirShinglesInTheGold()
    {
        const string gold = "The county board voted on Tuesday to reopen the old ferry landing.\nWhat comes next\nRepairs will cost about $400,000.";
        var blocks = DumpCorpus.Segment("Home\n\nThe county board voted on Tuesday to reopen the old ferry landing.\n\nWhat comes next\n\n"
                                        + "Repairs will cost about $400,000.\n\nShare this story with your friends today\n\nNews");
        Assert.Equal([false, true, true, true, false, false], DumpCorpus.Label(blocks, gold));
    }

    [Fact]
    public void ZyteScoreMatchesTheBenchmarkDefinition()
    {
        var perfect = new ZyteScore();
        perfect.Add("one two three four five", "one, two three four five!");
        Assert.Equal((1.0, 1.0, 1.0), perfect.Prf);

        // Gold has 2 shingles, the prediction 3, 1 shared: tp=1, fp=2, fn=1, normalised by 4.
        var half = new ZyteScore();
        half.Add("a b c d e", "a b c d x y");
        var (p, r, f) = half.Prf;
        Assert.Equal(1.0 / 3, p, 6);
        Assert.Equal(0.5, r, 6);
        Assert.Equal(0.4, f, 6);

        // An empty prediction counts for recall only.
        var empty = new ZyteScore();
        empty.Add("a b c d", "");
        empty.Add("a b c d", "a b c d");
        Assert.Equal((1.0, 0.5), (empty.Prf.P, empty.Prf.R));
    }
}

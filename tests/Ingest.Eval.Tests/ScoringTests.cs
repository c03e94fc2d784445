namespace Ingest.Eval.Tests;

/// <summary>The text and scoring helpers on made-up strings.</summary>
public class ScoringTests
{
    [Fact]
    public void JoinerAttachesPunctuationQuotesAndClitics()
    {
        var tokens = new List<(string, string?, bool)>
        {
            ("The", "DT", false), ("mayor", "NN", false), ("'s", "POS", false), ("aide", "NN", false), ("said", "VVD", false), (",", ",", false),
            ("\"", "``", false), ("It", "PP", false), ("is", "VBZ", false), ("n't", "RB", false), ("a", "DT", false), ("self", "NN", false),
            ("-", "HYPH", false), ("made", "VVN", false), ("(", "(", false), ("sic", "RB", false), (")", ")", false), ("mess", "NN", false),
            (".", "SENT", false), ("\"", "''", false),
        };
        Assert.Equal("The mayor's aide said, \"It isn't a self-made (sic) mess.\"", TokenJoiner.Join(tokens));
    }

    [Fact]
    public void JoinerKeepsWordsGluedInsideW()
    {
        var tokens = new List<(string, string?, bool)> { ("co", "NN", false), ("op", "NN", true), ("rules", "NNS", false) };
        Assert.Equal("coop rules", TokenJoiner.Join(tokens));
    }

    [Fact]
    public void QuoteMatchIsShareOfTheLongerQuote()
    {
        Assert.Equal(1.0, Text.QuoteMatch("We will win.", "“we WILL win”"));
        Assert.Equal(0.5, Text.QuoteMatch("one two three four", "one two"));
        Assert.Equal(0.0, Text.QuoteMatch("", "anything"));
    }

    [Fact]
    public void SpeakerOkFollowsScorePy()
    {
        Assert.True(Text.SpeakerOk("Elena Varga", "person", "Secretary of State Elena Varga"));
        Assert.False(Text.SpeakerOk("Elena Varga", "person", "Varga"));
        Assert.True(Text.SpeakerOk("the ministry", "organization", "Harborland foreign ministry"));
        Assert.True(Text.SpeakerOk(null, "unknown", null));
        Assert.False(Text.SpeakerOk(null, "unknown", "Someone"));
    }

    [Fact]
    public void EntKeyDropsLeadingTheAndCase()
    {
        Assert.Equal("river board", Text.EntKey("the River Board"));
        Assert.Equal("board", Text.Head(Text.EntKey("The River Board")));
    }

    [Fact]
    public void GreedyMatchingIsOneToOne()
    {
        var gold = new[] { "a b c d e", "a b c d e" };
        var pred = new[] { "a b c d e" };
        var m = GumEval.MatchQuotes(gold, pred, 0.8);
        Assert.Single(m);
        Assert.Empty(GumEval.MatchQuotes(["a b c d e"], ["a b x y z"], 0.8));
        Assert.Single(GumEval.MatchQuotes(["a b c d e"], ["a b x y z"], 0.3));
    }

    [Fact]
    public void SubsequenceIsContiguous()
    {
        Assert.True(GumEval.IsSubsequence(["dan", "smith"], ["mr", "dan", "smith", "said"]));
        Assert.False(GumEval.IsSubsequence(["dan", "said"], ["mr", "dan", "smith", "said"]));
    }
}

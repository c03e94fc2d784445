using Ingest.Core.Document;

namespace Ingest.Eval.Tests;

/// <summary>The PolNeAR converter and speaker rule on made-up articles and brat annotations.</summary>
public class PolnearCorpusTests
{
    // Offsets below are code points; the emoji before "Ada" is one code point but two UTF-16 units.
    private const string Article =
        "Bridge opens\n\n" +                                                                  // 0-12, headline
        "🌉 Ada Park said \"the bridge opens in May.\" Critics believe it will be late.\n\n" + // 14-
        "“It is ready,” Park said, “and safe.” She added that crews were “tired” and “proud.”\n\n" +
        "The council and other critics called it a “bridge to nowhere.”\n";

    /// <summary>The code-point offset of <paramref name="find"/> in the article.</summary>
    private static int Cp(string find)
    {
        var i = Article.IndexOf(find, StringComparison.Ordinal);
        Assert.True(i >= 0, find);
        return Article[..i].EnumerateRunes().Count();
    }

    private static string Ann()
    {
        static int Q(string s) => Cp(s);
        var p1 = Q("\"the bridge");
        var p1End = Q(" Critics");
        var ready = Q("“It is ready");
        var readyEnd = Q(" Park said,");
        var safe = Q("“and safe");
        var safeEnd = Q(" She added");
        var crews = Q("crews were");
        var crewsEnd = Q("\n\nThe council");
        return string.Join('\n',
            $"T1\tSource {Q("Ada Park")} {Q("Ada Park") + 8}\tAda Park",
            $"T2\tCue {Q(" said \"") + 1} {Q(" said \"") + 5}\tsaid",
            $"T3\tContent {p1} {p1End}\t\"the bridge opens in May.\"",
            $"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            $"T4\tAttribution {Q(" said \"") + 1} {Q(" said \"") + 5}\tsaid",
            $"T5\tSource {Q("Critics")} {Q("Critics") + 7}\tCritics",
            $"T6\tContent {Q("it will")} {Q("it will") + 15}\tit will be late",
            $"E2\tSource:T5 Content:T6",
            // a quotation split by its attribution: one discontinuous Content
            $"T7\tContent {ready} {readyEnd};{safe} {safeEnd}\t“It is ready,” “and safe.”",
            $"T8\tSource {Q("Park said,")} {Q("Park said,") + 4}\tPark",
            $"E3\tContent:T7 Source:T8",
            // reported speech with two partial quotes: Content words lie between them
            $"T9\tSource {Q("She added")} {Q("She added") + 3}\tShe",
            $"T10\tContent {crews} {crewsEnd}\tcrews were “tired”",
            "and “proud.”",
            $"E4\tContent:T10 Source:T9",
            "#1\tAnnotatorNotes T10\ta note");
    }

    [Fact]
    public void ParsesSpansAcrossContinuationLinesAndCodePointOffsets()
    {
        var ann = AnnFile.Parse(Ann(), Article);
        Assert.Equal(4, ann.Relations.Count);
        var e1 = ann.Relations[0];
        Assert.Equal("Ada Park", e1.Source!.TextOf(Article));
        Assert.Equal("said", e1.Cue!.TextOf(Article));
        Assert.Equal("\"the bridge opens in May.\"", Assert.Single(e1.Contents).TextOf(Article));
        Assert.Equal("“It is ready,” “and safe.”", ann.Relations[2].Contents[0].TextOf(Article));
        Assert.Equal("crews were “tired” and “proud.”", ann.Relations[3].Contents[0].TextOf(Article));
        Assert.Null(ann.Relations[1].Cue);
    }

    [Fact]
    public void BadOffsetsAreAFormatError()
    {
        Assert.Throws<FormatException>(() => AnnFile.Parse("T1\tSource 5 900\tx", Article));
        Assert.Throws<FormatException>(() => AnnFile.Parse("E1\tSource:T9", Article));
    }

    [Fact]
    public void GoldQuotesJoinSplitQuotationsAndKeepPartialQuotesApart()
    {
        var a = PolnearArticle.FromText("made-up", "0000", Article, Ann());
        Assert.Equal(["the bridge opens in May.", "It is ready, and safe.", "tired", "proud."], a.Quotes.Select(q => q.Text));
        Assert.All(a.Quotes, q => Assert.Equal(q.Text.StartsWith("the") ? 1 : 2, q.Paragraph));
        // indirect speech (no marks) is no quote; the scare quote no attribution covers is listed apart
        var scare = Assert.Single(a.Unattributed);
        Assert.Equal("bridge to nowhere.", Article[scare.InnerStart..scare.InnerEnd]);
    }

    [Fact]
    public void MarkedSpansRunToTheParagraphEndWhenUnclosed()
    {
        var spans = PolnearArticle.MarkedSpans("Head\n\n“We will go on.\n\n“And win,” she said \"today.\"");
        Assert.Equal(3, spans.Count);
        Assert.Equal([1, 2, 2], spans.Select(s => s.Paragraph));
        Assert.Equal("We will go on.", "Head\n\n“We will go on.\n\n“And win,” she said \"today.\""[spans[0].InnerStart..spans[0].InnerEnd]);
    }

    [Fact]
    public void PronounsTakeTheNearestFittingNamedSource()
    {
        var a = PolnearArticle.FromText("made-up", "0000", Article, Ann());
        var she = PolnearSpeakers.Resolve(a, a.Quotes[2].Relation);
        Assert.True(she.IsPronoun);
        Assert.Equal("Park", she.Antecedent);
        Assert.Equal(GoldKinds.Person, she.Kind);
        Assert.True(PolnearSpeakers.Matches(she, "Ada Park"));
        Assert.False(PolnearSpeakers.Matches(she, "she"));
    }

    [Theory]
    [InlineData("Ada Park", "Ada Park", true)]
    [InlineData("Park", "Ada Park", true)]
    [InlineData("Sen. Ada Park", "Park", true)]
    [InlineData("Ada Park", "Tom Park", false)]
    [InlineData("Rep. Ada Park", "Rep.", false)]
    [InlineData("the campaign", "Park campaign", true)]
    [InlineData("a senior aide", "a senior aide", true)]
    [InlineData("The Harbor Gazette", "Harbor Gazette", true)]
    [InlineData("Ada Park", null, false)]
    public void SpeakerMatchesBySurnameHeadOrAlias(string gold, string? predicted, bool ok)
    {
        var g = new GoldSpeaker(gold, PolnearSpeakers.KindOf(gold), null, false);
        Assert.Equal(ok, PolnearSpeakers.Matches(g, predicted));
    }

    [Fact]
    public void AnEntityAliasMatches()
    {
        var g = new GoldSpeaker("HBA", PolnearSpeakers.KindOf("HBA"), null, false);
        Assert.Equal(GoldKinds.Organization, g.Kind);
        Assert.False(PolnearSpeakers.Matches(g, "Harbor Bridge Authority"));
        var entities = new[] { new EntityRecord("Harbor Bridge Authority", EntityTypes.Organization, 2, ["HBA"]) };
        Assert.True(PolnearSpeakers.Matches(g, "Harbor Bridge Authority", entities));
    }

    [Theory]
    [InlineData("Ada Park", GoldKinds.Person)]
    [InlineData("The Harbor Gazette", GoldKinds.Organization)]
    [InlineData("a Park aide", GoldKinds.Nominal)]
    [InlineData("officials", GoldKinds.Nominal)]
    [InlineData("the Park campaign", GoldKinds.Organization)]
    public void KindsFollowTheHeadWord(string mention, string kind) => Assert.Equal(kind, PolnearSpeakers.KindOf(mention));
}

/// <summary>The cue lemma derivation on made-up annotations.</summary>
public class PolnearCuesTests
{
    [Fact]
    public void LemmaIsTheCandidateTheCorpusAttestsAndNeedsPastAndIngForms()
    {
        var vocabulary = new Dictionary<string, int> { ["note"] = 3, ["notes"] = 2, ["noting"] = 1, ["noted"] = 4, ["not"] = 9, ["always"] = 5 };
        Assert.Equal("note", PolnearCues.Lemma("noted", vocabulary));
        Assert.Null(PolnearCues.Lemma("always", vocabulary));
    }

    [Fact]
    public void CountsCueLemmasOfDirectQuoteAttributionsOnly()
    {
        const string text = "Head\n\n“We go,” Ada Park vowed. Critics vowed otherwise. “Fine,” Tom Vask vowed, and he was vowing more.\n";
        int At(string s) => text.IndexOf(s, StringComparison.Ordinal);
        var ann = string.Join('\n',
            $"T1\tContent {At("“We go")} {At(" Ada")}\t“We go,”", $"T2\tCue {At("vowed. C")} {At("vowed. C") + 5}\tvowed",
            $"T3\tSource {At("Ada")} {At("Ada") + 8}\tAda Park", "E1\tContent:T1 Cue:T2 Source:T3",
            $"T4\tCue {At("vowed other")} {At("vowed other") + 5}\tvowed", $"T5\tContent {At("otherwise")} {At("otherwise") + 9}\totherwise",
            "E2\tContent:T5 Cue:T4",
            $"T6\tContent {At("“Fine")} {At(" Tom")}\t“Fine,”", $"T7\tCue {At("vowed, and")} {At("vowed, and") + 5}\tvowed", "E3\tContent:T6 Cue:T7");
        var a = PolnearArticle.FromText("made-up", "0000", text, ann);
        var vocabulary = new Dictionary<string, int> { ["vowed"] = 3, ["vowing"] = 1, ["vow"] = 1 };
        var counts = PolnearCues.Count([a], vocabulary);
        Assert.Equal(2, counts["vow"]);
        Assert.Single(counts);
    }
}

using System.Text.RegularExpressions;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Tests.Stages;

/// <summary>The embedded line-rule table (Resources/Rules/line_rules.tsv): every row is well formed, removes its own
/// example, and leaves ordinary news prose alone.</summary>
public class BoilerplateRuleTableTests
{
    /// <summary>Article sentences that mention words the rules look for, in ordinary reporting.</summary>
    public static readonly TheoryData<string> NewsProse =
    [
        "The council voted 5-2 to subscribe to a regional emergency alert service, a move its supporters said would save money.",
        "Supporters of the measure packed the hearing, and several said they would keep pushing for a monthly newsletter on water rates.",
        "The lawsuit alleges the company infringed the copyright of three photographers whose images appeared in its spring catalog.",
        "Residents left dozens of comments on the proposal, most of them opposed to the new parking fees near the waterfront.",
        "She said the district's newsletter had warned parents about the schedule change weeks before the first snow day.",
        "Officials said they would support the plan if the state covered at least half of the cost of the new bridge.",
        "The mayor declined to comment on the investigation, citing pending litigation, but said the city would cooperate.",
        "Analysts said the company would need about 40,000 more subscribers to reach profitability by the end of next year.",
        "Donations to the food bank fell by a third this spring, and volunteers said the shelves were nearly empty by June.",
        "The app, which the county launched in March, lets residents report potholes and broken streetlights with a photo.",
        "Her lawyer said the photos, taken by a neighbor on the night of the fire, showed the back door was already open.",
        "The report, released on Tuesday by the state auditor, found the agency had spent $2 million on unused software licenses.",
        "Editors at the student paper said they had received no warning before the university cut its printing budget.",
        "In an email to staff, the superintendent said the district would share more details about the new schedule next week.",
        "Tribal leaders said the agreement, which took six years to negotiate, is the first of its kind in the region.",
        "The festival drew more than 12,000 visitors last year, and organizers said they expect a bigger crowd this summer.",
        "The novel can be read in 40 languages, and her publisher said a film version is planned for next year.",
        "The broadcaster said its streaming service would go ad-free for paying subscribers starting next spring.",
    ];

    /// <summary>Made-up lines of the same kind as a rule's example in other wordings: each rule describes its kind of
    /// boilerplate, not one site's sentence.</summary>
    public static readonly TheoryData<string, string> OtherWordings = new()
    {
        { "promo-go-ad-free", "Enjoy an ad-free experience with Harbor Plus." },
        { "promo-go-ad-free", "Get ad-free access for $3 a month" },
        { "promo-if-you-value", "On supporting local journalism" },
        { "promo-if-you-value", "If you are enjoying our coverage, please consider becoming a member." },
        { "promo-translate-widget", "Our reports are available in 30 languages by using the menu at the top of the page." },
        { "republication-original-source", "The original source of this post is the Upland Review." },
        { "republication-original-source", "Original source: Prairie Farm Notes" },
    };

    [Fact]
    public void TableLoadsInFileOrderWithCaseInsensitivePatterns()
    {
        var rules = BoilerplateRules.Lines;
        Assert.True(rules.Length > 50);
        Assert.Same(rules, BoilerplateRules.Lines);
        Assert.All(rules, r => Assert.True(r.Pattern.Current.Options.HasFlag(RegexOptions.IgnoreCase)));
        Assert.Equal("republication-first-appeared", rules[0].Id);
    }

    [Fact]
    public void A_tiered_pattern_is_compiled_after_its_tries_and_answers_the_same_before_and_after()
    {
        var pattern = new TieredRegex(@"^this (?:story|post) first appeared (?:on|in)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        string[] lines = ["This story first appeared on Harbor Gazette.", "THIS POST FIRST APPEARED IN the Quill.", "The story first appeared on Monday.", ""];
        bool[] before = [.. lines.Select(pattern.IsMatch)];
        Assert.Equal([true, true, false, false], before);
        Assert.False(pattern.Current.Options.HasFlag(RegexOptions.Compiled));

        for (int i = lines.Length; i < TieredRegex.CompileAfter; i++)
            pattern.IsMatch(lines[i % lines.Length]);

        Assert.True(pattern.Current.Options.HasFlag(RegexOptions.Compiled));
        Assert.True(pattern.Current.Options.HasFlag(RegexOptions.IgnoreCase));
        Assert.Equal(before, lines.Select(pattern.IsMatch));
    }

    [Fact]
    public void IdsAreUniqueAndReasonsAndFamiliesAreKnownNames()
    {
        var rules = BoilerplateRules.Lines;
        Assert.Empty(rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(rules, r => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Id));
        Assert.All(rules, r => Assert.Contains(r.Reason, BoilerplateRules.Reasons));
        Assert.All(rules, r => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Family));
        Assert.All(rules, r => Assert.InRange(r.MaxWords, 1, 200));
    }

    [Fact]
    public void EveryRuleRemovesItsExample()
    {
        Assert.All(BoilerplateRules.Lines, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Example), r.Id);
            Assert.True(r.Pattern.IsMatch(r.Example), $"{r.Id}: example does not match");
            Assert.True(BoilerplateStage.WordCount(r.Example) <= r.MaxWords, $"{r.Id}: example is longer than max_words");
            Assert.NotNull(BoilerplateStage.Classify(new Document.Block { Text = r.Example }));
        });
    }

    [Theory]
    [MemberData(nameof(OtherWordings))]
    public void RulesRemoveOtherWordingsOfTheirKind(string id, string line)
    {
        var rule = BoilerplateRules.Lines.Single(r => r.Id == id);
        Assert.True(BoilerplateStage.WordCount(line) <= rule.MaxWords && rule.Pattern.IsMatch(line), $"{id} does not remove '{line}'");
        Assert.Equal(rule.Reason, BoilerplateStage.Classify(new Document.Block { Text = line }));
    }

    [Theory]
    [MemberData(nameof(NewsProse))]
    public void NoRuleRemovesNewsProse(string sentence)
    {
        int words = BoilerplateStage.WordCount(sentence);
        var hits = BoilerplateRules.Lines.Where(r => words <= r.MaxWords && r.Pattern.IsMatch(sentence)).Select(r => r.Id);
        Assert.Empty(hits);
    }

    [Fact]
    public void ParseKeepsTrailingSpacesAndRejectsShortRows()
    {
        var rules = BoilerplateRules.Parse("# comment\nid\treason\tfamily\tmax_words\tpattern\texample\nx-1\tpromo\tgeneral\t5\t^a \ta b\r\n");
        var rule = Assert.Single(rules);
        Assert.Equal("^a ", rule.Pattern.ToString());
        Assert.Equal(("x-1", "promo", "general", 5, "a b"), (rule.Id, rule.Reason, rule.Family, rule.MaxWords, rule.Example));
        Assert.Throws<FormatException>(() => BoilerplateRules.Parse("x-2\tpromo\tgeneral\t5\t^a\n"));
        Assert.Throws<FormatException>(() => BoilerplateRules.Parse("x-3\tpromo\tgeneral\tmany\t^a\tA\n"));
    }
}

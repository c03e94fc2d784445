using Ingest.Core.Document;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Entities;
using Ingest.Core.Stages.Quotes;

namespace Ingest.Core.Tests.Stages;

public class SpeakerRankerTests
{
    private static readonly List<string> Article =
    [
        "The county's chief engineer, Helen Whitfield, spoke first. Whitfield told reporters on Tuesday that the bridge would close for repairs.",
        "The closure follows an inspection that Governor Alan Price ordered last spring, after the Harbor Transit Authority raised concerns.",
        "“We found cracks in two of the main supports,” she said.",
    ];

    private static AttributionContext Context() => new(MentionFinder.ForParagraphs(Article));

    [Fact]
    public void ShippedWeightsLoadAndRankTheEarlierWomanFirstForShe()
    {
        var ranker = SpeakerRanker.Shipped;
        Assert.NotNull(ranker);
        Assert.True(ranker.Weights.Count > 50, $"only {ranker.Weights.Count} weights");
        var set = SpeakerCandidates.For(Context(), 2, Article[2].IndexOf('“'), 'F', null);
        Assert.Equal(["Helen Whitfield", "Alan Price"], set.Candidates.Select(c => c.Name).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("Helen Whitfield", set.Candidates[ranker.Choose(set)].Name);
    }

    [Fact]
    public void CandidatesForHeAndSheArePeopleAndForItOrganisations()
    {
        var ctx = Context();
        int offset = Article[2].IndexOf('“');
        var people = SpeakerCandidates.For(ctx, 2, offset, 'M', null);
        Assert.All(people.Candidates, c => Assert.True(c.IsPerson, c.Name));
        var orgs = SpeakerCandidates.For(ctx, 2, offset, 'N', null);
        Assert.Contains(orgs.Candidates, c => c.Name == "Harbor Transit Authority");
        Assert.All(orgs.Candidates, c => Assert.False(c.IsPerson, c.Name));
        // Features come alone and conjoined with the anaphor class; the rules' choice is marked.
        var marked = SpeakerCandidates.For(ctx, 2, offset, 'F', "Helen Whitfield");
        var dana = marked.Candidates.Single(c => c.Name == "Helen Whitfield");
        Assert.Contains("rule", dana.Features);
        Assert.Contains("F:rule", dana.Features);
        Assert.Contains("F:gender=agree", dana.Features);
        Assert.Contains("cuesubj", dana.Features);
        Assert.Contains("F:gender=disagree", marked.Candidates.Single(c => c.Name == "Alan Price").Features);
    }

    [Fact]
    public void PipelineResolvesSheAndItWithTheShippedRanker()
    {
        var r = TestArticles.Extract("r.txt", "Bridge closure test headline\n\n" + string.Join("\n\n", Article)
            + "\n\n“Riders will see longer waits for a month,” it said in a statement.");
        Assert.Equal("Helen Whitfield", TestArticles.QuoteStartingWith(r, "We found cracks").Speaker);
        Assert.Equal("Harbor Transit Authority", TestArticles.QuoteStartingWith(r, "Riders will see").Speaker);
    }

    private static CandidateSet Set(params string[][] features) =>
        new('M', features.Select((f, i) => new SpeakerCandidate("c" + i, true, f)).ToList());

    private static List<(CandidateSet, bool[])> Examples() =>
    [
        (Set(["near", "other"], ["far", "subject"]), [false, true]),
        (Set(["far", "subject"], ["near"]), [true, false]),
        (Set(["near", "subject"], ["far"], ["near"]), [true, false, false]),
        (Set(["near"], ["far", "subject"], ["far"]), [false, true, false]),
        (Set(["near"], ["far"]), [false, false]),   // no right candidate: skipped
    ];

    [Fact]
    public void TrainerLearnsTheFeatureOfTheRightCandidatesAndRetrainsByteIdentically()
    {
        var options = new SpeakerRankerOptions(Epochs: 20, Seed: 7);
        var ranker = SpeakerRankerTrainer.Train(Examples(), options);
        Assert.True(ranker.Weights["subject"] > ranker.Weights.GetValueOrDefault("near"), "subject should outweigh near");
        Assert.Equal(1, ranker.Best(Set(["near"], ["far", "subject"])));

        using var first = new MemoryStream();
        ranker.Save(first);
        using var second = new MemoryStream();
        SpeakerRankerTrainer.Train(Examples(), options).Save(second);
        Assert.Equal(first.ToArray(), second.ToArray());

        first.Position = 0;
        var loaded = SpeakerRanker.Load(first);
        Assert.Equal(Math.Round(ranker.Weights["subject"], 4), loaded.Weights["subject"]);
    }

    [Fact]
    public void ChooseKeepsTheRulesChoiceWithinTheMargin()
    {
        var ranker = new SpeakerRanker(new Dictionary<string, double> { ["near"] = 0.5, ["subject"] = 3 });
        var close = Set(["near", "rule"], ["subject"]);
        Assert.Equal(1, ranker.Choose(close, margin: 1));   // 3 against 0.5: the ranker overrides
        Assert.Equal(0, ranker.Choose(close, margin: 3));   // within the margin: the rules keep it
    }

    [Fact]
    public void LoadRejectsAnotherFile()
    {
        using var s = new MemoryStream("not weights\nx\t1\n"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => SpeakerRanker.Load(s));
    }
}

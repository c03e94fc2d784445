using Ingest.Core.Stages.Entities;

namespace Ingest.Eval.Tests;

/// <summary>The CoNLL reader and the mention-level counts of the ner command, on made-up lines.</summary>
public class NerCorpusTests
{
    private static readonly string[] Lines =
    [
        "# doc made-1", "Ines\tB-PER", "Vardoulis\tI-PER", "visited\tO", "Oxley\tB-LOC", ".\tO", "",
        "The\tO", "Brellow\tB-MISC", "Prize\tI-MISC", "", "# doc made-2", "New Harbor\tB-ORG", "won\tO",
    ];

    [Fact]
    public void DocumentsSentencesAndLabelsWithMiscAsO()
    {
        var docs = NerCorpus.Parse(Lines);
        Assert.Equal(["made-1", "made-2"], docs.Select(d => d.Id));
        Assert.Equal(2, docs[0].Sentences.Count);
        Assert.Equal([1, 2, 0, 5, 0], docs[0].Labels[0]);
        Assert.Equal([0, 0, 0], docs[0].Labels[1]);
        // Split at the tab only: a token may hold a space.
        Assert.Equal(["New Harbor", "won"], docs[1].Sentences[0]);
        Assert.Equal([3, 0], docs[1].Labels[0]);
    }

    [Fact]
    public void PlaceNamesEndingInAFacilityWordTrainAsOrganizations()
    {
        var doc = new NerDocument("made-3", [["Oxley", "Museum", "and", "Oxley", "Harbor", "House", "in", "Oxley"]], [[5, 6, 0, 5, 6, 6, 0, 5]]);
        Assert.Equal([3, 4, 0, 3, 4, 4, 0, 5], NerEval.FacilitiesAsOrganizations(doc).Labels[0]);
        // The input is left as it was.
        Assert.Equal([5, 6, 0, 5, 6, 6, 0, 5], doc.Labels[0]);
    }

    [Fact]
    public void MentionsCountOnlyExactSpanAndType()
    {
        var counts = new MentionCounts();
        // gold: PER 0-2, LOC 3; predicted: PER 0-1 (wrong span), LOC 3 (right), ORG 4 (extra)
        counts.Add([1, 2, 0, 5, 0], [1, 0, 0, 5, 3]);
        Assert.Equal((1, 3, 2), (counts.Tp, counts.Pred, counts.Gold));
        Assert.Equal(1, counts.TypeTp[2]);
        Assert.Equal(0.4, counts.Prf.F, 3);
    }
}

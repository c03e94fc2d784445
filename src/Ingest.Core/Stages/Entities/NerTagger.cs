namespace Ingest.Core.Stages.Entities;

/// <summary>A name the tagger found: token range [<paramref name="First"/>, <paramref name="End"/>) of a sentence and its type index (0 PER, 1 ORG, 2 LOC).</summary>
internal readonly record struct NerSpan(int First, int End, int Type);

/// <summary>A name the tagger found in a body paragraph.</summary>
/// <param name="Paragraph">Body paragraph index.</param>
/// <param name="Start">Offset of the first character in the paragraph.</param>
/// <param name="End">Offset just past the last character.</param>
/// <param name="Type">Type index: 0 PER, 1 ORG, 2 LOC.</param>
internal readonly record struct NerMention(int Paragraph, int Start, int End, int Type);

/// <summary>
/// The two-pass tagger: the first pass labels every sentence of a document from its token features; the second labels
/// it again, adding for each word the scores of the labels the first pass gave the same word elsewhere in the document.
/// Thread-safe (no state).
/// </summary>
internal sealed class NerTagger(NerModel model)
{
    /// <summary>A tagger over the shipped weights, or null when none are embedded.</summary>
    public static NerTagger? Shipped { get; } = NerModel.Shipped is { } m ? new NerTagger(m) : null;

    /// <summary>The weights.</summary>
    public NerModel Model { get; } = model;

    /// <summary>The labels (see <see cref="NerLabels"/>) of each token of each sentence of one document.</summary>
    /// <param name="sentences">The tokens of each sentence.</param>
    /// <param name="rules">The rule cascade's codes of each token (<see cref="NerRules"/>); computed from the tokens when
    /// null and the model uses them.</param>
    /// <param name="domain">The training domain to tag as (<see cref="NerDocument.Domain"/>): 0, articles, except to
    /// score the tagger on the posts it was trained with.</param>
    public int[][] Tag(IReadOnlyList<string[]> sentences, int[][]? rules = null, int domain = 0)
    {
        if (Model.UsesRules)
            rules ??= NerRules.ForTokens(sentences);
        else
            rules = null;
        var infos = NerFeatures.Prepare(sentences, out var lower, out var midCap);
        var w = Model.Weights;
        var features = new List<int>();
        var scores = new float[infos.Length][];
        var first = new int[infos.Length][];
        for (int s = 0; s < infos.Length; s++)
        {
            var t = infos[s];
            var (offsets, candidate) = Start(t, features);
            for (int i = 0; i < t.Length; i++)
            {
                offsets[i] = features.Count;
                if (!candidate[i])
                    continue;
                NerFeatures.ExtractBase(t, i, lower, midCap, rules?[s], w.Mask, features);
                if (domain != 0)
                    NerFeatures.Augment(features, offsets[i], domain, w.Mask);
            }
            offsets[t.Length] = features.Count;
            scores[s] = w.Emissions(features, offsets, candidate);
            first[s] = w.Viterbi(scores[s], candidate);
        }
        // The second pass adds its history features' scores to the first pass's.
        var history = HistoryOf(infos, first);
        var second = new int[infos.Length][];
        for (int s = 0; s < infos.Length; s++)
        {
            var t = infos[s];
            var (offsets, candidate) = Start(t, features);
            for (int i = 0; i < t.Length; i++)
            {
                offsets[i] = features.Count;
                if (!candidate[i])
                    continue;
                NerFeatures.ExtractHistory(t, i, history, first[s], w.Mask, features);
                if (domain != 0)
                    NerFeatures.Augment(features, offsets[i], domain, w.Mask);
            }
            offsets[t.Length] = features.Count;
            second[s] = w.Decode(features, offsets, candidate, scores[s]);
        }
        return second;
    }

    /// <summary>Clears <paramref name="features"/> and gives the offsets and candidate flags of a sentence's tokens.</summary>
    private static (int[] Offsets, bool[] Candidate) Start(NerTokenInfo[] t, List<int> features)
    {
        features.Clear();
        var candidate = new bool[t.Length];
        for (int i = 0; i < t.Length; i++)
            candidate[i] = t[i].Candidate;
        return (new int[t.Length + 1], candidate);
    }

    /// <summary>The first pass's labels of the candidate tokens by lower-case form (the second pass's history).</summary>
    internal static NerFeatures.History HistoryOf(NerTokenInfo[][] infos, int[][] labels)
    {
        var history = new NerFeatures.History();
        for (int s = 0; s < infos.Length; s++)
            for (int i = 0; i < infos[s].Length; i++)
                if (infos[s][i].Candidate)
                    history.Add(infos[s][i].Lower, labels[s][i]);
        return history;
    }

    /// <summary>The names in a label sequence.</summary>
    public static List<NerSpan> Spans(int[] labels)
    {
        var spans = new List<NerSpan>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0)
                continue;
            int type = NerLabels.TypeOf(labels[i]);
            int j = i + 1;
            while (j < labels.Length && NerLabels.IsInside(labels[j]) && NerLabels.TypeOf(labels[j]) == type)
                j++;
            spans.Add(new NerSpan(i, j, type));
            i = j - 1;
        }
        return spans;
    }

    /// <summary>The names in body paragraphs (the whole body is one document for the second pass).</summary>
    /// <param name="paragraphs">The body paragraphs.</param>
    /// <param name="rules">The rule cascade's decisions over the paragraphs (<see cref="NerRules.Spans"/>), used when the
    /// model was trained with them; null runs the cascade here when needed.</param>
    public List<NerMention> TagParagraphs(IReadOnlyList<string> paragraphs, IReadOnlyList<NerRuleSpan>? rules = null)
    {
        var sentences = new List<NerToken[]>();
        var paragraphOf = new List<int>();
        for (int p = 0; p < paragraphs.Count; p++)
            foreach (var s in NerTokenizer.Sentences(paragraphs[p]))
            {
                sentences.Add(s);
                paragraphOf.Add(p);
            }
        var codes = Model.UsesRules && rules is not null ? NerRules.Apply(rules, sentences, paragraphOf) : null;
        var labels = Tag(sentences.Select(s => s.Select(t => t.Text).ToArray()).ToList(), codes);
        var mentions = new List<NerMention>();
        for (int s = 0; s < sentences.Count; s++)
            foreach (var span in Spans(labels[s]))
                mentions.Add(new NerMention(paragraphOf[s], sentences[s][span.First].Start, sentences[s][span.End - 1].End, span.Type));
        return mentions;
    }
}

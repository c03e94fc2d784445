namespace Ingest.Core.Stages.Entities;

/// <summary>A training document: sentences of tokens and their labels (see <see cref="NerLabels"/>), in order.</summary>
/// <param name="Id">Document id (for logs).</param>
/// <param name="Sentences">Tokens of each sentence.</param>
/// <param name="Labels">Labels of each sentence, one per token.</param>
/// <param name="Domain">0 for prose like the articles the tagger runs on; another value for text that writes names
/// differently (posts), whose features then also get a copy of their own (asymmetric feature augmentation, after
/// Daumé 2007), so that its habits go to weights the tagger never uses on articles.</param>
internal sealed record NerDocument(string Id, IReadOnlyList<string[]> Sentences, IReadOnlyList<int[]> Labels, int Domain = 0);

/// <summary>Settings of <see cref="NerTrainer.Train"/>.</summary>
/// <param name="Bits">log2 of the number of feature buckets (18: 262,144 buckets × 7 labels).</param>
/// <param name="Epochs">Passes over the training sentences.</param>
/// <param name="Seed">Seed of the sentence order (shuffled each epoch).</param>
/// <param name="Folds">Folds of the jackknife that gives the second model realistic first-pass labels to learn from.</param>
/// <param name="Rules">Whether the rule cascade's decisions are features (<see cref="NerRules"/>).</param>
internal sealed record NerTrainingOptions(int Bits = 18, int Epochs = 10, ulong Seed = 20250613, int Folds = 5, bool Rules = true);

/// <summary>
/// Trains the two-pass tagger with the averaged structured perceptron (Collins 2002) over Viterbi decoding. One model
/// learns from token features and from the first pass's labels of the same word elsewhere in the document (history
/// features); those labels come from token-feature models trained without the document's fold (a jackknife), so that
/// the model learns how far to trust them. The tagger's first pass runs the same model without history features.
/// Deterministic: a fixed seed and order, integer updates.
/// </summary>
internal static class NerTrainer
{
    private sealed class Sentence
    {
        public required List<int> Features;
        public required int[] Offsets;
        public required bool[] Candidate;
        public required int[] Gold;
    }

    /// <summary>Trains the model on <paramref name="documents"/>.</summary>
    /// <param name="documents">Training documents.</param>
    /// <param name="options">Settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    public static NerModel Train(IReadOnlyList<NerDocument> documents, NerTrainingOptions options, Action<string>? log = null)
    {
        int mask = (1 << options.Bits) - 1;
        var prepared = documents.Select(d => Prepare(d, options.Rules)).ToList();
        var tokenFeatures = prepared.Select(p => Featurize(p, null, mask)).ToList();
        log?.Invoke($"{tokenFeatures.Sum(f => f.Count)} sentences");
        // First-pass labels for the history features, each document's from a model trained without its fold.
        var jackknife = new int[documents.Count][][];
        for (int k = 0; k < options.Folds; k++)
        {
            var train = tokenFeatures.Where((_, d) => d % options.Folds != k).SelectMany(f => f).ToList();
            var fold = Perceptron(train, options, null);
            for (int d = k; d < documents.Count; d += options.Folds)
                jackknife[d] = tokenFeatures[d].Select(s => fold.Decode(s.Features, s.Offsets, s.Candidate)).ToArray();
            log?.Invoke($"jackknife fold {k + 1}/{options.Folds}");
        }
        var all = prepared.Select((p, d) => Featurize(p, jackknife[d], mask)).SelectMany(f => f).ToList();
        return new NerModel(Perceptron(all, options, log), options.Rules);
    }

    private sealed record Prepared(NerTokenInfo[][] Infos, HashSet<string> Lower, HashSet<string> MidCap, int[][] Gold, int[][]? Rules, int Domain);

    private static Prepared Prepare(NerDocument d, bool rules)
    {
        var infos = NerFeatures.Prepare(d.Sentences, out var lower, out var midCap);
        var gold = new int[infos.Length][];
        for (int s = 0; s < infos.Length; s++)
        {
            // Tokens that may not be part of a name are O whatever the data says (lower-case names in posts).
            gold[s] = d.Labels[s].Select((l, i) => infos[s][i].Candidate ? l : 0).ToArray();
            NerLabels.Repair(gold[s]);
        }
        return new Prepared(infos, lower, midCap, gold, rules ? NerRules.ForTokens(d.Sentences) : null, d.Domain);
    }

    /// <summary>The features of each sentence of a document: token features, and history features when <paramref name="firstPass"/> is given.</summary>
    private static List<Sentence> Featurize(Prepared p, int[][]? firstPass, int mask)
    {
        var history = firstPass is null ? null : NerTagger.HistoryOf(p.Infos, firstPass);
        var list = new List<Sentence>(p.Infos.Length);
        for (int s = 0; s < p.Infos.Length; s++)
        {
            var t = p.Infos[s];
            var features = new List<int>();
            var offsets = new int[t.Length + 1];
            var candidate = new bool[t.Length];
            for (int i = 0; i < t.Length; i++)
            {
                offsets[i] = features.Count;
                candidate[i] = t[i].Candidate;
                if (!candidate[i])
                    continue;
                NerFeatures.Extract(t, i, p.Lower, p.MidCap, history, firstPass?[s], p.Rules?[s], mask, features);
                if (p.Domain != 0)
                    NerFeatures.Augment(features, offsets[i], p.Domain, mask);
            }
            offsets[t.Length] = features.Count;
            list.Add(new Sentence { Features = features, Offsets = offsets, Candidate = candidate, Gold = p.Gold[s] });
        }
        return list;
    }

    private static NerWeights Perceptron(List<Sentence> sentences, NerTrainingOptions options, Action<string>? log)
    {
        const int L = NerLabels.Count;
        var w = new NerWeights(options.Bits);
        var sumE = new double[w.Emission.Length];
        var sumT = new double[w.Transition.Length];
        long c = 1;
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        ulong state = TrainingShuffle.Start(options.Seed);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            TrainingShuffle.Shuffle(order, ref state);
            int errors = 0;
            foreach (int s in order)
            {
                var x = sentences[s];
                if (!x.Candidate.Any(b => b))
                    continue;
                var pred = w.Decode(x.Features, x.Offsets, x.Candidate);
                bool wrong = false;
                for (int i = 0; i < pred.Length; i++)
                {
                    int g = x.Gold[i], p = pred[i];
                    int gp = i == 0 ? -1 : x.Gold[i - 1], pp = i == 0 ? -1 : pred[i - 1];
                    if (g != p)
                    {
                        wrong = true;
                        for (int f = x.Offsets[i]; f < x.Offsets[i + 1]; f++)
                        {
                            int b = x.Features[f] * L;
                            w.Emission[b + g] += 1;
                            sumE[b + g] += c;
                            w.Emission[b + p] -= 1;
                            sumE[b + p] -= c;
                        }
                    }
                    if (g != p || gp != pp)
                    {
                        int tg = (gp + 1) * L + g, tp = (pp + 1) * L + p;
                        w.Transition[tg] += 1;
                        sumT[tg] += c;
                        w.Transition[tp] -= 1;
                        sumT[tp] -= c;
                    }
                }
                if (wrong)
                    errors++;
                c++;
            }
            log?.Invoke($"  epoch {epoch}: {errors} of {sentences.Count} sentences wrong");
        }
        // Averaged weights: w − (Σ c·Δ) / c (the lazy form of the average over all steps).
        var avg = new NerWeights(options.Bits);
        for (int i = 0; i < w.Emission.Length; i++)
            avg.Emission[i] = (float)(w.Emission[i] - sumE[i] / c);
        for (int i = 0; i < w.Transition.Length; i++)
            avg.Transition[i] = (float)(w.Transition[i] - sumT[i] / c);
        return avg;
    }
}

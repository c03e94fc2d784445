using System.Globalization;
using System.Text;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// The learnt speaker ranker: a linear score over the named features of a speaker candidate
/// (<see cref="SpeakerCandidates"/>); the highest-scoring candidate of a set is the speaker (ties go to the nearest).
/// Weights are conditional-logit weights (<see cref="SpeakerRankerTrainer"/>) stored as text: a header line
/// <c># ingest speaker ranker v1</c>, then one <c>feature TAB weight</c> line per non-zero weight in ordinal order
/// (four decimals, invariant culture). The shipped weights are the embedded resource
/// <c>Ingest.Core.Resources.Models.speakers.tsv</c>, written by <c>ingest-eval train-speakers</c> from the Source spans
/// of PolNeAR's train split (THIRD-PARTY-NOTICES.md), loaded once on first use.
/// </summary>
internal sealed class SpeakerRanker
{
    /// <summary>The first line of a weights file; raise its version when the features change.</summary>
    public const string Header = "# ingest speaker ranker v1";

    /// <summary>The embedded resource name of the shipped weights.</summary>
    public const string ResourceName = "Ingest.Core.Resources.Models.speakers.tsv";

    private static readonly Lazy<SpeakerRanker?> _shipped = new(() =>
    {
        using var stream = typeof(SpeakerRanker).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    });

    private readonly Dictionary<string, double> _weights;

    /// <summary>Creates a ranker from feature weights.</summary>
    public SpeakerRanker(IReadOnlyDictionary<string, double> weights) => _weights = new Dictionary<string, double>(weights, StringComparer.Ordinal);

    /// <summary>The shipped weights, or null when the build embeds none.</summary>
    public static SpeakerRanker? Shipped => _shipped.Value;

    /// <summary>The weights by feature name.</summary>
    public IReadOnlyDictionary<string, double> Weights => _weights;

    /// <summary>The score of one candidate (sum of its features' weights; unknown features weigh 0).</summary>
    public double Score(SpeakerCandidate candidate)
    {
        double s = 0;
        foreach (var f in candidate.Features)
            if (_weights.TryGetValue(f, out var w))
                s += w;
        return s;
    }

    /// <summary>The index of the best candidate of <paramref name="set"/> (the first of equal scores), or -1 when it is empty.</summary>
    public int Best(CandidateSet set) => BestIndex(set.Candidates, Score);

    /// <summary>
    /// The index of the candidate to take: the best one, unless the rules' choice (the candidate with feature
    /// <c>rule</c>) scores within <paramref name="margin"/> of it, then the rules' choice; -1 when the set is empty.
    /// </summary>
    public int Choose(CandidateSet set, double margin = Margin)
    {
        int best = Best(set);
        if (best < 0)
            return best;
        double top = Score(set.Candidates[best]);
        for (int i = 0; i < set.Candidates.Count; i++)
            if (set.Candidates[i].Features.Contains("rule") && Score(set.Candidates[i]) >= top - margin)
                return i;
        return best;
    }

    /// <summary>How much better (in log-odds) than the rules' choice the ranker's must score to replace it: the rules keep a
    /// close call (chosen on PolNeAR dev candidate sets, 0.763 at 0 and 0.797 at 1; train 0.705 and 0.694).</summary>
    public const double Margin = 1;

    internal static int BestIndex(IReadOnlyList<SpeakerCandidate> candidates, Func<SpeakerCandidate, double> score)
    {
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < candidates.Count; i++)
        {
            double s = score(candidates[i]);
            if (s > bestScore)
            {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    /// <summary>Reads weights written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a speaker-ranker weights file of this version.</exception>
    public static SpeakerRanker Load(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (reader.ReadLine() != Header)
            throw new InvalidDataException("Not a speaker ranker weights file (" + Header + ").");
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            int tab = line.LastIndexOf('\t');
            if (tab <= 0 || !double.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
                throw new InvalidDataException("Bad weight line: " + line);
            weights[line[..tab]] = w;
        }
        return new SpeakerRanker(weights);
    }

    /// <summary>Writes the weights (rounded to four decimals, zero weights left out, features in ordinal order).</summary>
    public void Save(Stream stream)
    {
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        foreach (var (f, w) in _weights.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string v = Math.Round(w, 4).ToString("0.####", CultureInfo.InvariantCulture);
            if (v is "0" or "-0")
                continue;
            sb.Append(f).Append('\t').Append(v).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        stream.Write(bytes);
    }
}

/// <summary>Options of <see cref="SpeakerRankerTrainer"/>.</summary>
/// <param name="Epochs">Passes over the examples.</param>
/// <param name="Seed">Seed of the example order (<see cref="TrainingShuffle"/>).</param>
/// <param name="LearningRate">SGD step size.</param>
/// <param name="L2">L2 penalty per step on the weights a set touches.</param>
internal sealed record SpeakerRankerOptions(int Epochs = 10, ulong Seed = 20250615, double LearningRate = 0.05, double L2 = 0);

/// <summary>
/// Trains <see cref="SpeakerRanker"/> weights: a conditional logit (multinomial logistic regression over the candidates
/// of each set; McFadden 1974, as in mention-ranking coreference models) by stochastic gradient descent. The loss of a
/// set is minus the log of the probability mass of its right candidates (several may refer to the gold speaker), with an
/// L2 penalty on the weights of the features the set uses. Examples are visited in a <see cref="TrainingShuffle"/> order
/// per epoch: the same examples and options give the same weights.
/// </summary>
internal static class SpeakerRankerTrainer
{
    /// <summary>Trains on <paramref name="examples"/>; sets without a right candidate, or with only right ones, teach nothing and are skipped.</summary>
    public static SpeakerRanker Train(IReadOnlyList<(CandidateSet Set, bool[] Right)> examples, SpeakerRankerOptions options)
    {
        var usable = examples.Where(e => e.Right.Any(r => r) && e.Right.Any(r => !r)).ToList();
        var w = new Dictionary<string, double>(StringComparer.Ordinal);
        int[] order = Enumerable.Range(0, usable.Count).ToArray();
        ulong state = TrainingShuffle.Start(options.Seed);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            TrainingShuffle.Shuffle(order, ref state);
            foreach (int i in order)
            {
                var (set, right) = usable[i];
                int n = set.Candidates.Count;
                var score = new double[n];
                double max = double.NegativeInfinity;
                for (int k = 0; k < n; k++)
                {
                    foreach (var f in set.Candidates[k].Features)
                        score[k] += w.GetValueOrDefault(f);
                    max = Math.Max(max, score[k]);
                }
                double z = 0, zRight = 0;
                var prob = new double[n];
                for (int k = 0; k < n; k++)
                {
                    prob[k] = Math.Exp(score[k] - max);
                    z += prob[k];
                    if (right[k])
                        zRight += prob[k];
                }
                var touched = new SortedSet<string>(StringComparer.Ordinal);
                var grad = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int k = 0; k < n; k++)
                {
                    // d(-log P(right)) / d score_k = p_k - q_k, q the distribution restricted to the right candidates
                    double g = prob[k] / z - (right[k] ? prob[k] / zRight : 0);
                    foreach (var f in set.Candidates[k].Features)
                    {
                        grad[f] = grad.GetValueOrDefault(f) + g;
                        touched.Add(f);
                    }
                }
                foreach (var f in touched)
                {
                    double v = w.GetValueOrDefault(f);
                    w[f] = v - options.LearningRate * (grad[f] + options.L2 * v);
                }
            }
        }
        return new SpeakerRanker(w);
    }
}

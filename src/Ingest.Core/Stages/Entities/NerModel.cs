using System.IO.Compression;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// The tagger's labels (BIO over three types): 0 O, 1 B-PER, 2 I-PER, 3 B-ORG, 4 I-ORG, 5 B-LOC, 6 I-LOC. MISC is not
/// a label: the training data's MISC is read as O.
/// </summary>
internal static class NerLabels
{
    /// <summary>The number of labels.</summary>
    public const int Count = 7;

    /// <summary>The three entity types, in label order.</summary>
    public static readonly string[] Types = ["PER", "ORG", "LOC"];

    /// <summary>The label names, by index.</summary>
    public static readonly string[] Names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

    /// <summary>The label of a CoNLL tag ("B-PER", "I-LOC"); MISC, other types and malformed tags are O.</summary>
    public static int Parse(string tag)
    {
        int i = Array.IndexOf(Names, tag);
        return i < 0 ? 0 : i;
    }

    /// <summary>The type index (0 PER, 1 ORG, 2 LOC) of an entity label, -1 for O.</summary>
    public static int TypeOf(int label) => label == 0 ? -1 : (label - 1) / 2;

    /// <summary>Whether <paramref name="label"/> is an I- label.</summary>
    public static bool IsInside(int label) => label != 0 && label % 2 == 0;

    /// <summary>The <see cref="EntityTypes"/> value of a type index.</summary>
    public static string EntityType(int type) => type switch { 0 => EntityTypes.Person, 1 => EntityTypes.Organization, _ => EntityTypes.Location };

    /// <summary>Whether <paramref name="label"/> may follow <paramref name="previous"/> (-1 at a sentence start): I-X only after B-X or I-X.</summary>
    public static bool Allowed(int previous, int label) =>
        !IsInside(label) || previous > 0 && TypeOf(previous) == TypeOf(label);

    /// <summary>Labels with I- tags that follow neither B- nor I- of their type turned into B- (after gating or bad input).</summary>
    public static void Repair(int[] labels)
    {
        for (int i = 0; i < labels.Length; i++)
            if (!Allowed(i == 0 ? -1 : labels[i - 1], labels[i]))
                labels[i]--;
    }
}

/// <summary>
/// One linear model of the tagger: emission weights per hashed feature bucket and label, transition weights per label
/// pair (and from the sentence start). Scores are sums of weights; decoding is Viterbi under the BIO constraint.
/// </summary>
internal sealed class NerWeights
{
    /// <summary>Creates a zero model with 2^<paramref name="bits"/> buckets.</summary>
    public NerWeights(int bits)
    {
        Bits = bits;
        Emission = new float[(1 << bits) * NerLabels.Count];
        Transition = new float[(NerLabels.Count + 1) * NerLabels.Count];
    }

    /// <summary>log2 of the number of feature buckets.</summary>
    public int Bits { get; }

    /// <summary>The bucket mask for <see cref="NerFeatures.Extract"/>.</summary>
    public int Mask => (1 << Bits) - 1;

    /// <summary>Bucket-major emission weights: <c>Emission[bucket * 7 + label]</c>.</summary>
    public float[] Emission { get; }

    /// <summary>Transition weights: <c>Transition[(previous + 1) * 7 + label]</c>, previous -1 at the sentence start.</summary>
    public float[] Transition { get; }

    /// <summary>
    /// The emission scores of a sentence, <c>[token * 7 + label]</c>: for each candidate token the sum of its features'
    /// weights, added to <paramref name="baseScores"/> when given (the second pass adds to the first pass's scores).
    /// <paramref name="features"/> holds the buckets of the candidate tokens, <paramref name="offsets"/> where each token's
    /// buckets start (length n + 1; equal neighbours mean no features), and <paramref name="candidate"/> which tokens may
    /// be labelled other than O.
    /// </summary>
    public float[] Emissions(List<int> features, int[] offsets, bool[] candidate, float[]? baseScores = null)
    {
        const int L = NerLabels.Count;
        var emit = baseScores is null ? new float[candidate.Length * L] : (float[])baseScores.Clone();
        var e = Emission;
        for (int i = 0; i < candidate.Length; i++)
        {
            if (!candidate[i])
                continue;
            int o = i * L;
            for (int f = offsets[i]; f < offsets[i + 1]; f++)
            {
                int b = features[f] * L;
                emit[o] += e[b];
                emit[o + 1] += e[b + 1];
                emit[o + 2] += e[b + 2];
                emit[o + 3] += e[b + 3];
                emit[o + 4] += e[b + 4];
                emit[o + 5] += e[b + 5];
                emit[o + 6] += e[b + 6];
            }
        }
        return emit;
    }

    [ThreadStatic] private static float[]? _score;
    [ThreadStatic] private static int[]? _back;

    /// <summary><see cref="NerLabels.Allowed"/> of each label pair, <c>[previous * 7 + label]</c>.</summary>
    private static readonly bool[] AllowedPairs = Enumerable.Range(0, NerLabels.Count * NerLabels.Count)
        .Select(k => NerLabels.Allowed(k / NerLabels.Count, k % NerLabels.Count)).ToArray();

    /// <summary>The best label sequence for a sentence (see <see cref="Emissions"/>).</summary>
    public int[] Decode(List<int> features, int[] offsets, bool[] candidate, float[]? baseScores = null) =>
        Viterbi(Emissions(features, offsets, candidate, baseScores), candidate);

    /// <summary>
    /// The best label sequence under the BIO constraint for emission scores <paramref name="emit"/>
    /// (<c>[token * 7 + label]</c>) and this model's transitions; tokens not in <paramref name="candidate"/> are O.
    /// </summary>
    public int[] Viterbi(float[] emit, bool[] candidate)
    {
        int n = candidate.Length;
        const int L = NerLabels.Count;
        // Per-thread buffers: a sentence's lattice is rebuilt from scratch, so they need no clearing.
        if (_score is null || _score.Length < n * L)
        {
            _score = new float[Math.Max(n * L, 64 * L)];
            _back = new int[_score.Length];
        }
        var score = _score;
        var back = _back!;
        for (int i = 0; i < n; i++)
        {
            if (!candidate[i] && i > 0)
            {
                // Outside every name: only O, reached from the best previous label (the common case, so done apart).
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int p = 0; p < L; p++)
                {
                    float s = score[(i - 1) * L + p] + Transition[(p + 1) * L];
                    if (s > best)
                    {
                        best = s;
                        arg = p;
                    }
                }
                score[i * L] = best;
                back[i * L] = arg;
                for (int l = 1; l < L; l++)
                    score[i * L + l] = float.NegativeInfinity;
                continue;
            }
            for (int l = 0; l < L; l++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                if (candidate[i] || l == 0)
                {
                    if (i == 0)
                    {
                        if (NerLabels.Allowed(-1, l))
                            best = Transition[l];
                    }
                    else
                        for (int p = 0; p < L; p++)
                        {
                            if (!AllowedPairs[p * L + l])
                                continue;
                            float s = score[(i - 1) * L + p] + Transition[(p + 1) * L + l];
                            if (s > best)
                            {
                                best = s;
                                arg = p;
                            }
                        }
                }
                score[i * L + l] = best + (candidate[i] ? emit[i * L + l] : 0);
                back[i * L + l] = arg;
            }
        }
        var labels = new int[n];
        if (n == 0)
            return labels;
        float top = float.NegativeInfinity;
        for (int l = 0; l < L; l++)
            if (score[(n - 1) * L + l] > top)
            {
                top = score[(n - 1) * L + l];
                labels[n - 1] = l;
            }
        for (int i = n - 1; i > 0; i--)
            labels[i - 1] = back[i * L + labels[i]];
        return labels;
    }
}

/// <summary>
/// The tagger's weights: one linear model over token features and history features (the labels the first pass gave
/// the same word elsewhere in the document). The first pass scores the token features; the second adds the history
/// features' scores to the first pass's, so it costs only those few features. Stored as a gzip of a small binary format
/// (magic "INER", format version, whether rule features are used, bucket bits, the transitions as float32 and the
/// emission weights quantised to int16 with a float32 scale). The shipped weights are the embedded resource
/// <c>Ingest.Core.Resources.Models.ner.bin.gz</c>, written by <c>ingest-eval train-ner</c>, loaded once on first use.
/// </summary>
internal sealed class NerModel(NerWeights weights, bool usesRules)
{
    private const int Magic = 0x52454E49; // "INER"

    /// <summary>Format version; raise it when the features change (old weights then fail to load).</summary>
    public const int FormatVersion = 2;

    /// <summary>The embedded resource name of the shipped weights.</summary>
    public const string ResourceName = "Ingest.Core.Resources.Models.ner.bin.gz";

    private static readonly Lazy<NerModel?> _shipped = new(() =>
    {
        using var stream = typeof(NerModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    });

    /// <summary>The shipped weights, or null when the build embeds none.</summary>
    public static NerModel? Shipped => _shipped.Value;

    /// <summary>The weights of both passes.</summary>
    public NerWeights Weights { get; } = weights;

    /// <summary>Whether the model was trained with the rule cascade's decisions as features (<see cref="NerRules"/>).</summary>
    public bool UsesRules { get; } = usesRules;

    /// <summary>Writes the model as gzip to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(UsesRules ? 1 : 0);
        var m = Weights;
        w.Write(m.Bits);
        foreach (var t in m.Transition)
            w.Write(t);
        float max = 0;
        foreach (var e in m.Emission)
            max = Math.Max(max, Math.Abs(e));
        float scale = max > 0 ? max / short.MaxValue : 1;
        w.Write(scale);
        // Quantised values, label-major so that runs of zeros (buckets no feature hit) compress well.
        for (int l = 0; l < NerLabels.Count; l++)
            for (int b = l; b < m.Emission.Length; b += NerLabels.Count)
                w.Write((short)Math.Round(m.Emission[b] / scale));
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a tagger model of this format version.</exception>
    public static NerModel Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(new BufferedStream(gz, 1 << 16));
        if (r.ReadInt32() != Magic)
            throw new InvalidDataException("Not a tagger model (bad magic).");
        int version = r.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"Tagger model format {version}, expected {FormatVersion}: retrain with ingest-eval train-ner.");
        bool usesRules = r.ReadInt32() != 0;
        int bits = r.ReadInt32();
        if (bits is < 4 or > 24)
            throw new InvalidDataException($"Tagger model has {bits} bucket bits.");
        var m = new NerWeights(bits);
        for (int i = 0; i < m.Transition.Length; i++)
            m.Transition[i] = r.ReadSingle();
        float scale = r.ReadSingle();
        var e = m.Emission;
        var raw = new short[e.Length];
        // One read for the table (BinaryWriter wrote little-endian int16s).
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(raw.AsSpan()));
        if (!BitConverter.IsLittleEndian)
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(raw, raw);
        for (int l = 0, k = 0; l < NerLabels.Count; l++)
            for (int b = l; b < e.Length; b += NerLabels.Count)
                e[b] = raw[k++] * scale;
        return new NerModel(m, usesRules);
    }
}

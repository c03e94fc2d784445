using System.IO.Compression;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Boilerplate;

/// <summary>
/// The line classifier of text dumps: the probability that each block is article body rather than page chrome, from
/// a logistic regression over hashed features (<see cref="LineFeatures"/>). Two passes: the first scores each block from
/// its own and its neighbours' features; the second adds the first pass's scores around the block (stacking), so that a
/// short line amid body paragraphs and a long line amid menus are read in their context. Stored as a gzip of a small
/// binary format (magic "ILIN", format version, bucket bits, pass count, then per pass a float32 scale and the weights
/// quantised to int16). The shipped weights are the embedded resource <c>Ingest.Core.Resources.Models.lines.bin.gz</c>,
/// written by <c>ingest-eval train-lines</c> from text dumps rendered from the Zyte benchmark pages, loaded once on first use.
/// </summary>
internal sealed class LineModel
{
    private const int Magic = 0x4E494C49; // "ILIN"

    /// <summary>Format version; raise it when the features change (old weights then fail to load).</summary>
    public const int FormatVersion = 2;

    /// <summary>The embedded resource name of the shipped weights.</summary>
    public const string ResourceName = "Ingest.Core.Resources.Models.lines.bin.gz";

    private static readonly Lazy<LineModel?> _shipped = new(() =>
    {
        using var stream = typeof(LineModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    });

    /// <summary>Creates a model from its weights: one table per pass, each of 2^<paramref name="bits"/> floats.</summary>
    public LineModel(int bits, IReadOnlyList<float[]> passes)
    {
        if (passes.Count is < 1 or > 2 || passes.Any(p => p.Length != 1 << bits))
            throw new ArgumentException("One or two weight tables of 2^bits floats are expected.", nameof(passes));
        Bits = bits;
        Passes = passes;
    }

    /// <summary>The shipped weights, or null when the build embeds none.</summary>
    public static LineModel? Shipped => _shipped.Value;

    /// <summary>log2 of the number of feature buckets.</summary>
    public int Bits { get; }

    /// <summary>The bucket mask for <see cref="LineFeatures.Extract"/>.</summary>
    public int Mask => (1 << Bits) - 1;

    /// <summary>The weight tables: the first pass, then (when present) the second.</summary>
    public IReadOnlyList<float[]> Passes { get; }

    /// <summary>The body probability (0-1) of each block of <paramref name="blocks"/>, a text dump's blocks in order.</summary>
    public double[] Score(IReadOnlyList<Block> blocks) => ScoreWithRules(blocks).Scores;

    /// <summary>
    /// <see cref="Score"/>, with the line rules' reason for each block (the <see cref="LineInfo.Rule"/> feature), for
    /// <see cref="LineScores.RuleReasons"/>.
    /// </summary>
    internal (double[] Scores, string?[] Rules) ScoreWithRules(IReadOnlyList<Block> blocks)
    {
        var infos = LineFeatures.Describe(blocks);
        return (ScoreInfos(blocks, infos), [.. infos.Select(i => i.Rule)]);
    }

    /// <summary>
    /// Both passes, with each block's pass-independent features extracted once (they are most of the work: shapes, words,
    /// byline and date patterns) and handed to <see cref="ScorePass"/> for each pass.
    /// </summary>
    private double[] ScoreInfos(IReadOnlyList<Block> blocks, LineInfo[] infos)
    {
        var prose = LineFeatures.ProseBefore(infos);
        var baseFeatures = BaseFeatures(blocks, infos, prose, Mask);
        double[]? previous = null;
        foreach (var weights in Passes)
            previous = ScorePass(blocks, infos, prose, weights, previous, Mask, baseFeatures);
        return previous ?? [];
    }

    /// <summary>Each block's features that do not depend on the pass (<see cref="LineFeatures.Extract"/> without a first pass).</summary>
    internal static int[][] BaseFeatures(IReadOnlyList<Block> blocks, LineInfo[] infos, int[] prose, int mask)
    {
        var features = new List<int>(128);
        var result = new int[blocks.Count][];
        for (int i = 0; i < blocks.Count; i++)
        {
            features.Clear();
            LineFeatures.Extract(blocks, infos, prose, i, null, mask, features);
            result[i] = [.. features];
        }
        return result;
    }

    /// <summary>
    /// One pass's probabilities; <paramref name="firstPass"/> is null for the first pass. <paramref name="baseFeatures"/>
    /// (from <see cref="BaseFeatures"/>) saves extracting the pass-independent features again; the sums run over the
    /// features in the order <see cref="LineFeatures.Extract"/> gives them, so the scores are the same to the bit.
    /// </summary>
    internal static double[] ScorePass(IReadOnlyList<Block> blocks, LineInfo[] infos, int[] prose, float[] weights,
        double[]? firstPass, int mask, int[][]? baseFeatures = null)
    {
        baseFeatures ??= BaseFeatures(blocks, infos, prose, mask);
        var p = new double[blocks.Count];
        var features = new List<int>(64);
        var second = firstPass is null ? null : LineFeatures.SecondPass.From(firstPass, infos);
        for (int i = 0; i < blocks.Count; i++)
        {
            double z = 0;
            foreach (int f in baseFeatures[i])
                z += weights[f];
            if (second is not null)
            {
                features.Clear();
                LineFeatures.ExtractPass(infos, i, second, mask, features);
                foreach (int f in features)
                    z += weights[f];
            }
            p[i] = Sigmoid(z);
        }
        return p;
    }

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));

    /// <summary>Writes the model as gzip to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(Bits);
        w.Write(Passes.Count);
        foreach (var table in Passes)
        {
            float max = 0;
            foreach (var v in table)
                max = Math.Max(max, Math.Abs(v));
            float scale = max > 0 ? max / short.MaxValue : 1;
            w.Write(scale);
            foreach (var v in table)
                w.Write((short)Math.Round(v / scale));
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a line model of this format version.</exception>
    public static LineModel Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(new BufferedStream(gz, 1 << 16));
        if (r.ReadInt32() != Magic)
            throw new InvalidDataException("Not a line model (bad magic).");
        int version = r.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"Line model format {version}, expected {FormatVersion}: retrain with ingest-eval train-lines.");
        int bits = r.ReadInt32();
        int passes = r.ReadInt32();
        if (bits is < 4 or > 24 || passes is < 1 or > 2)
            throw new InvalidDataException($"Line model has {bits} bucket bits and {passes} passes.");
        var tables = new List<float[]>();
        for (int p = 0; p < passes; p++)
        {
            float scale = r.ReadSingle();
            var raw = new short[1 << bits];
            r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(raw.AsSpan()));
            if (!BitConverter.IsLittleEndian)
                System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(raw, raw);
            tables.Add(raw.Select(v => v * scale).ToArray());
        }
        return new LineModel(bits, tables);
    }
}

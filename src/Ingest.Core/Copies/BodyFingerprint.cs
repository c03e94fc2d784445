using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Ingest.Core.Copies;

/// <summary>
/// A near-duplicate fingerprint of an article body: the set of its word shingles (<see cref="ShingleWords"/> consecutive
/// normalised words) summarised by a MinHash signature of <see cref="Hashes"/> values, cut into <see cref="Bands"/> bands of
/// <see cref="RowsPerBand"/> values for locality-sensitive hashing (LSH). Two bodies whose shingle sets have Jaccard
/// similarity J agree on each signature value with probability J, so <see cref="EstimateJaccard"/> is an unbiased estimate
/// of J (standard deviation √(J(1−J)/96), 0.05 at J = 0.5), and they share at least one band key — and so find each other by
/// exact key lookups — with probability 1 − (1 − J³)³² (0.99 at J = 0.5, 0.58 at J = 0.3, 0.03 at J = 0.1).
/// </summary>
/// <remarks>
/// <para>Method: Broder, "On the resemblance and containment of documents" (1997) for shingles and MinHash; Leskovec, Rajaraman
/// and Ullman, <i>Mining of Massive Datasets</i>, ch. 3 for the banding. Words are maximal runs of letters and digits after
/// Unicode NFKC and lower-casing; an apostrophe inside a word is dropped ("Council’s" → "councils"), everything else separates
/// words, so punctuation, quote marks, line breaks and paragraph breaks do not matter. The body is the record's body, boilerplate
/// already removed, so a republication under another header, footer or promo has (nearly) the same shingles.</para>
/// <para>Hashing is deterministic across processes and machines (XxHash3 with fixed seeds, no <see cref="string.GetHashCode()"/>),
/// because band keys are stored and compared across runs; <see cref="Version"/> is mixed into every band key, so changing the
/// method changes every key and old rows never match new ones.</para>
/// </remarks>
public sealed class BodyFingerprint
{
    /// <summary>Words per shingle.</summary>
    public const int ShingleWords = 5;

    /// <summary>LSH bands.</summary>
    public const int Bands = 32;

    /// <summary>Signature values per band.</summary>
    public const int RowsPerBand = 3;

    /// <summary>Signature values: <see cref="Bands"/> × <see cref="RowsPerBand"/>.</summary>
    public const int Hashes = Bands * RowsPerBand;

    /// <summary>Version of the method, mixed into the band keys.</summary>
    public const int Version = 1;

    // Fixed seeds: the i-th value of the signature is min over shingles of Mix(shingle hash XOR Seeds[i]).
    private static readonly ulong[] Seeds = MakeSeeds();

    private readonly uint[] _signature;

    private BodyFingerprint(uint[] signature, int shingles)
    {
        _signature = signature;
        Shingles = shingles;
    }

    /// <summary>Number of distinct shingles of the body (0 for a body without words).</summary>
    public int Shingles { get; }

    /// <summary>The MinHash signature, <see cref="Hashes"/> values.</summary>
    public IReadOnlyList<uint> Signature => _signature;

    /// <summary>Fingerprints a body.</summary>
    /// <param name="body">Article body (paragraphs separated by blank lines; any text).</param>
    /// <returns>The fingerprint. A body with fewer than <see cref="ShingleWords"/> words has one shingle of all its words;
    /// one without words has none and a signature of <see cref="uint.MaxValue"/> values that matches nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static BodyFingerprint Compute(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string[] words = [.. Words(body)];
        var shingles = new HashSet<ulong>();
        if (words.Length is > 0 and < ShingleWords)
            shingles.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(string.Join(' ', words))));
        for (int i = 0; i + ShingleWords <= words.Length; i++)
            shingles.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(string.Join(' ', words, i, ShingleWords))));

        var signature = new uint[Hashes];
        Array.Fill(signature, uint.MaxValue);
        foreach (ulong shingle in shingles)
        {
            for (int h = 0; h < Hashes; h++)
            {
                uint value = (uint)(Mix(shingle ^ Seeds[h]) >> 32);
                if (value < signature[h])
                    signature[h] = value;
            }
        }
        return new BodyFingerprint(signature, shingles.Count);
    }

    /// <summary>Reads a fingerprint written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes"><see cref="Hashes"/> × 4 bytes, little-endian.</param>
    /// <param name="shingles">The <see cref="Shingles"/> count stored beside it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not <see cref="Hashes"/> × 4 bytes long.</exception>
    public static BodyFingerprint FromBytes(byte[] bytes, int shingles)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != Hashes * 4)
            throw new ArgumentException($"A signature is {Hashes * 4} bytes, not {bytes.Length}.", nameof(bytes));
        var signature = new uint[Hashes];
        for (int i = 0; i < Hashes; i++)
            signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        return new BodyFingerprint(signature, Math.Max(0, shingles));
    }

    /// <summary>The signature as <see cref="Hashes"/> × 4 bytes, little-endian (384 bytes).</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[Hashes * 4];
        for (int i = 0; i < Hashes; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), _signature[i]);
        return bytes;
    }

    /// <summary>
    /// The estimated Jaccard similarity of the two bodies' shingle sets: the share of signature values that agree, 0–1.
    /// A body without words is similar to nothing (0).
    /// </summary>
    /// <param name="other">The other fingerprint.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public double EstimateJaccard(BodyFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Shingles == 0 || other.Shingles == 0)
            return 0;
        int same = 0;
        for (int i = 0; i < Hashes; i++)
        {
            if (_signature[i] == other._signature[i])
                same++;
        }
        return (double)same / Hashes;
    }

    /// <summary>
    /// The <see cref="Bands"/> LSH band keys, in band order: 16 lowercase hex characters each, a hash of <see cref="Version"/>, the
    /// band number and its <see cref="RowsPerBand"/> values, so equal keys mean equal bands (up to 64-bit collisions). Empty for a
    /// body without words.
    /// </summary>
    public IReadOnlyList<string> BandKeys()
    {
        if (Shingles == 0)
            return [];
        var keys = new string[Bands];
        Span<byte> buffer = stackalloc byte[8 + 4 * RowsPerBand];
        for (int b = 0; b < Bands; b++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, Version);
            BinaryPrimitives.WriteInt32LittleEndian(buffer[4..], b);
            for (int r = 0; r < RowsPerBand; r++)
                BinaryPrimitives.WriteUInt32LittleEndian(buffer[(8 + 4 * r)..], _signature[b * RowsPerBand + r]);
            keys[b] = XxHash3.HashToUInt64(buffer).ToString("x16", CultureInfo.InvariantCulture);
        }
        return keys;
    }

    /// <summary>The normalised words of <paramref name="text"/> (see the remarks of <see cref="BodyFingerprint"/>).</summary>
    /// <param name="text">Any text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runes = text.Normalize(NormalizationForm.FormKC).EnumerateRunes().ToArray();
        var words = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < runes.Length; i++)
        {
            Rune r = runes[i];
            if (Rune.IsLetterOrDigit(r))
            {
                word.Append(Rune.ToLowerInvariant(r).ToString());
                continue;
            }
            bool apostrophe = r.Value is '\'' or '\u2019' or '\u02BC';
            if (apostrophe && word.Length > 0 && i + 1 < runes.Length && Rune.IsLetterOrDigit(runes[i + 1]))
                continue;
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>The 64-bit finaliser of SplitMix64 (Steele, Lea and Flood 2014): a bijection that scatters every input bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        // SplitMix64 from a fixed start: the same seeds in every process.
        var seeds = new ulong[Hashes];
        ulong state = 0x1D0C_5EED_0000_0001UL;
        for (int i = 0; i < Hashes; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(state);
        }
        return seeds;
    }
}

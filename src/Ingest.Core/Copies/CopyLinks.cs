using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Core.Copies;

/// <summary>A stored article as the copy finder sees it: its summary, content hash, body fingerprint and when it was first stored.</summary>
/// <param name="Summary">List fields of the article (id, source, title, publisher, original source, published date).</param>
/// <param name="ContentHash">SHA-256 of the raw file, lowercase hex.</param>
/// <param name="Fingerprint">Fingerprint of the record's body.</param>
/// <param name="FirstStoredAt">When a record of the article was first stored (kept across updates), or null when unknown (a record
/// written before this was kept); unknown sorts after every known time.</param>
public sealed record CopyCandidate(ArticleSummary Summary, string ContentHash, BodyFingerprint Fingerprint, DateTimeOffset? FirstStoredAt)
{
    /// <summary>The article id.</summary>
    public string Id => Summary.Id;

    /// <summary>The candidate of a record: its summary fields, content hash and the fingerprint of its body.</summary>
    /// <param name="record">The record.</param>
    /// <param name="firstStoredAt">When a record of the article was first stored, or null when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static CopyCandidate FromRecord(ArticleRecord record, DateTimeOffset? firstStoredAt = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CopyCandidate(
            new ArticleSummary(record.Id, record.Source, record.Title, record.Publisher, record.OriginalSource, record.PublishedAt,
                record.PipelineVersion),
            record.ContentHash, BodyFingerprint.Compute(record.Body), firstStoredAt);
    }
}

/// <summary>
/// When two stored articles are copies of one story: the same raw content (equal content hashes), or near-duplicate bodies
/// (estimated Jaccard similarity of their 5-word shingle sets at least <see cref="Threshold"/>).
/// </summary>
/// <remarks>
/// Why 0.5: a republication under another header, footer or promo keeps its body (boilerplate is removed before fingerprinting)
/// and scores 0.85–1; changing one sentence of a 12-sentence article keeps about 0.8; a 400-word article cut to its first half
/// scores 0.5. Different stories on one topic — same people, same place, even one shared quotation and a shared opening sentence —
/// share few 5-word runs and score below 0.2 (the fixtures in <c>tests/Ingest.Core.Tests/Copies</c>). The estimate's standard
/// deviation near 0.5 is 0.05 (96 signature values), so the gap to either side is several deviations. A body of fewer than
/// <see cref="MinShingles"/> shingles (a few short sentences) carries too few runs for the estimate to mean much: such a body
/// links only by equal content or an identical signature.
/// </remarks>
public static class CopyLinks
{
    /// <summary>Estimated Jaccard similarity from which two bodies are copies of one story.</summary>
    public const double Threshold = 0.5;

    /// <summary>Shingles both bodies need before a similarity below 1 can link them.</summary>
    public const int MinShingles = 10;

    /// <summary>Similarity of two articles, 0–1: 1 for the same content hash, else the estimated Jaccard similarity of their bodies.</summary>
    /// <param name="a">One article.</param>
    /// <param name="b">The other.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static double Similarity(CopyCandidate a, CopyCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return SameContent(a, b) ? 1.0 : a.Fingerprint.EstimateJaccard(b.Fingerprint);
    }

    /// <summary>Whether the two articles were made from the same raw bytes.</summary>
    /// <param name="a">One article.</param>
    /// <param name="b">The other.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool SameContent(CopyCandidate a, CopyCandidate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.ContentHash.Length > 0 && string.Equals(a.ContentHash, b.ContentHash, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the two articles are copies of one story (see the remarks of <see cref="CopyLinks"/>).</summary>
    /// <param name="a">One article.</param>
    /// <param name="b">The other.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool AreCopies(CopyCandidate a, CopyCandidate b)
    {
        double similarity = Similarity(a, b);
        if (similarity >= 1.0)
            return true;
        return similarity >= Threshold && Math.Min(a.Fingerprint.Shingles, b.Fingerprint.Shingles) >= MinShingles;
    }
}

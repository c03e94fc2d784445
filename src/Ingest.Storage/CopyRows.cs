using System.Globalization;
using Azure.Data.Tables;
using Ingest.Core.Copies;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The rows of the copy index (table <c>CopyIndex</c>) an article writes, and how they are read back. Partitions are the
/// four buckets <c>0</c>–<c>3</c> (<see cref="Buckets"/>); row keys start with the kind of row:
/// <list type="bullet">
/// <item>band rows, one per LSH band (<see cref="BodyFingerprint.Bands"/>): PK = band number mod 4, RK = <c>m</c> + band key
/// (16 hex) + <c>_</c> + escaped id; <c>ArticleId</c>. Copies share a band key, so a lookup is one <c>RowKey</c> range in one
/// partition per band;</item>
/// <item>a content-hash row: PK = first hex digit of the content hash mod 4, RK = <c>h</c> + content hash + <c>_</c> + id;
/// <c>ArticleId</c> (the same file under two blob names links even when template memory made their bodies differ);</item>
/// <item>a signature row: PK = the id's first hex digit mod 4, RK = <c>s_</c> + id; the summary fields, <c>ContentHash</c>,
/// <c>Signature</c> (binary, <see cref="BodyFingerprint.Hashes"/> × 4 bytes), <c>Shingles</c>, <c>FingerprintVersion</c> and
/// <c>FirstStoredAt</c> — what a lookup needs to judge a candidate without reading its record blob.</item>
/// </list>
/// Why four partitions: all of an article's 34 rows fall into at most four partitions, so they are written (and deleted) in at most
/// four entity-group transactions, while reads and writes still spread over four partition servers instead of one. One partition
/// per band key would spread further but cost one transaction per row (34); one partition for all would be a single hot partition.
/// <c>h</c>, <c>m</c> and <c>s</c> differ in the first character, so a band or hash range never reads another kind of row.
/// </summary>
internal static class CopyRows
{
    /// <summary>Partitions of the copy index.</summary>
    public const int Buckets = 4;

    public const string BandPrefix = "m";
    public const string HashPrefix = "h";
    public const string SignaturePrefix = "s_";

    /// <summary>The signature row's columns read by <see cref="ToCandidate"/>.</summary>
    public static readonly IReadOnlyList<string> SignatureColumns =
        [.. ArticleIndex.SummaryColumns, "ContentHash", "Signature", "Shingles", "FingerprintVersion", "FirstStoredAt"];

    /// <summary>The copy-index rows of <paramref name="record"/>: band rows, a content-hash row, a signature row.</summary>
    /// <param name="record">The record.</param>
    /// <param name="firstStoredAt">When a record of the article was first stored, or null when unknown.</param>
    public static IEnumerable<(string PartitionKey, TableEntity Entity)> Build(ArticleRecord record, DateTimeOffset? firstStoredAt)
    {
        string idKey = TableKeys.Escape(record.Id);
        var fingerprint = BodyFingerprint.Compute(record.Body);
        var keys = fingerprint.BandKeys();
        for (int band = 0; band < keys.Count; band++)
            yield return Pointer(Bucket(band), BandPrefix + keys[band] + "_" + idKey, record.Id);
        yield return Pointer(HashBucket(record.ContentHash), HashPrefix + record.ContentHash + "_" + idKey, record.Id);

        var signature = ArticleIndex.Summary(record, SignaturePartition(record.Id), SignaturePrefix + idKey);
        signature["ContentHash"] = record.ContentHash;
        signature["Signature"] = fingerprint.ToBytes();
        signature["Shingles"] = fingerprint.Shingles;
        signature["FingerprintVersion"] = BodyFingerprint.Version;
        if (firstStoredAt is { } at)
            signature["FirstStoredAt"] = at;
        yield return (signature.PartitionKey, signature);
    }

    /// <summary>The partition and row-key range of the rows that share band <paramref name="band"/>'s key <paramref name="key"/>.</summary>
    public static string BandFilter(int band, string key) => RangeFilter(Bucket(band), BandPrefix + key);

    /// <summary>The partition and row-key range of the content-hash rows of <paramref name="contentHash"/>.</summary>
    public static string HashFilter(string contentHash) => RangeFilter(HashBucket(contentHash), HashPrefix + contentHash);

    /// <summary>The partition of an article's signature row.</summary>
    public static string SignaturePartition(string articleId) => Bucket(HexDigit(articleId));

    /// <summary>The row key of an article's signature row.</summary>
    public static string SignatureRowKey(string articleId) => SignaturePrefix + TableKeys.Escape(articleId);

    /// <summary>The copy candidate a signature row describes, or null when it is of another fingerprint version or damaged.</summary>
    public static CopyCandidate? ToCandidate(TableEntity row)
    {
        if (row.GetInt32("FingerprintVersion") != BodyFingerprint.Version || row.GetBinary("Signature") is not { Length: BodyFingerprint.Hashes * 4 } bytes)
            return null;
        return new CopyCandidate(ArticleIndex.ToSummary(row), row.GetString("ContentHash") ?? "",
            BodyFingerprint.FromBytes(bytes, row.GetInt32("Shingles") ?? 0), row.GetDateTimeOffset("FirstStoredAt"));
    }

    private static (string, TableEntity) Pointer(string partitionKey, string rowKey, string articleId) =>
        (partitionKey, new TableEntity(partitionKey, rowKey) { ["ArticleId"] = articleId });

    private static string RangeFilter(string partitionKey, string prefix)
    {
        string start = prefix + "_";
        string end = prefix + "`"; // '`' follows '_'
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {start} and RowKey lt {end}");
    }

    private static string HashBucket(string contentHash) => Bucket(HexDigit(contentHash));

    private static string Bucket(int n) => (n % Buckets).ToString(CultureInfo.InvariantCulture);

    /// <summary>The value of the first character as a hex digit; any other first character by its code.</summary>
    private static int HexDigit(string value) =>
        value.Length == 0 ? 0 : Uri.IsHexDigit(value[0]) ? Uri.FromHex(value[0]) : value[0];
}

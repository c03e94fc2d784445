using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The JSON document kept per article in the records container (<c>{escaped id}.json</c>): the full record, the
/// addresses of the index rows written for it, and the rows of the version before it that may still exist, so the
/// next upsert (or a retry after a crash) can delete every row the record no longer has.
/// </summary>
internal sealed class StoredRecord
{
    /// <summary>Document schema: 1 had no <see cref="StaleRows"/>; 2 has them.</summary>
    public int Schema { get; set; } = 2;

    /// <summary>The record as the API returns it.</summary>
    public required ArticleRecord Record { get; set; }

    /// <summary>Index rows of <see cref="Record"/> as <c>[table, partitionKey, rowKey]</c>.</summary>
    public List<string[]> IndexRows { get; set; } = [];

    /// <summary>
    /// Rows of earlier versions this record does not have, written to the blob before they are deleted (a write-ahead
    /// list): after a crash they are still known. Deleting them again is harmless.
    /// </summary>
    public List<string[]> StaleRows { get; set; } = [];

    /// <summary>
    /// When a record of the article was first stored: set by the first upsert and carried over by every later one (and by a
    /// withdrawal), so it is the article's ingestion time; the story of copies takes the earliest-stored member as its id. Null
    /// in blobs written before it was kept.
    /// </summary>
    public DateTimeOffset? FirstStoredAt { get; set; }

    /// <summary>Serialises row addresses as <c>[table, partitionKey, rowKey]</c>.</summary>
    public static List<string[]> FromRefs(IEnumerable<IndexRowRef> refs) =>
        [.. refs.Select(r => new[] { r.Table.ToString(), r.PartitionKey, r.RowKey })];

    /// <summary>The addresses of <see cref="IndexRows"/>.</summary>
    public IEnumerable<IndexRowRef> Refs() => Parse(IndexRows);

    /// <summary>The addresses of <see cref="StaleRows"/>.</summary>
    public IEnumerable<IndexRowRef> StaleRefs() => Parse(StaleRows);

    /// <summary>Every row this blob says may exist: its own and the stale ones.</summary>
    public IEnumerable<IndexRowRef> AllRefs() => Refs().Concat(StaleRefs());

    /// <summary>Whether the article row (the commit marker) says this blob's record was fully written.</summary>
    public bool IsCommittedBy((string? ContentHash, string? PipelineVersion)? articleRow) =>
        articleRow is { } row && row.ContentHash == Record.ContentHash && row.PipelineVersion == Record.PipelineVersion;

    private static IEnumerable<IndexRowRef> Parse(List<string[]> rows) =>
        rows.Where(r => r.Length == 3 && Enum.TryParse<IndexTable>(r[0], out _))
            .Select(r => new IndexRowRef(Enum.Parse<IndexTable>(r[0]), r[1], r[2]));
}

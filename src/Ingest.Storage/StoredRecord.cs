using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The JSON document kept per article in the records container (<c>{escaped id}.json</c>): the full record, and the
/// addresses of the index rows written for it so the next upsert can delete the rows it no longer has.
/// </summary>
internal sealed class StoredRecord
{
    public int Schema { get; set; } = 1;

    public required ArticleRecord Record { get; set; }

    /// <summary>Index rows as <c>[table, partitionKey, rowKey]</c>.</summary>
    public List<string[]> IndexRows { get; set; } = [];

    public static List<string[]> FromRefs(IEnumerable<IndexRowRef> refs) =>
        [.. refs.Select(r => new[] { r.Table.ToString(), r.PartitionKey, r.RowKey })];

    public IEnumerable<IndexRowRef> Refs() =>
        IndexRows.Where(r => r.Length == 3 && Enum.TryParse<IndexTable>(r[0], out _))
            .Select(r => new IndexRowRef(Enum.Parse<IndexTable>(r[0]), r[1], r[2]));
}

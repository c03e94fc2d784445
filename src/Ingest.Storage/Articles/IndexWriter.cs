using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>The index rows of one article version, and the rows of the previous version that it no longer has.</summary>
/// <param name="Rows">The rows written.</param>
/// <param name="Refs">Their addresses (what the record blob lists).</param>
/// <param name="Stale">Rows of the previous version that were deleted.</param>
internal sealed record IndexChange(IReadOnlyList<IndexRow> Rows, IReadOnlySet<IndexRowRef> Refs, IReadOnlyList<IndexRowRef> Stale);

/// <summary>
/// Writes the secondary-index rows of an article (<see cref="ArticleIndex.Build"/>) and deletes the previous version's rows
/// that the new one lacks, in entity-group transactions (<see cref="TableBatches"/>).
/// </summary>
/// <param name="tables">The index tables.</param>
internal sealed class IndexWriter(ArticleTables tables)
{
    /// <summary>Upserts the rows of <paramref name="record"/>, then deletes the rows of <paramref name="previous"/> it no longer has.</summary>
    /// <param name="record">The new version.</param>
    /// <param name="previous">Index rows the previous record blob lists (empty for a new article).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<IndexChange> ReplaceAsync(Ingest.Core.Document.ArticleRecord record, IReadOnlySet<IndexRowRef> previous,
        CancellationToken cancellationToken)
    {
        var rows = ArticleIndex.Build(record);
        var refs = rows.Select(r => r.Ref).ToHashSet();
        var stale = previous.Where(r => !refs.Contains(r)).ToList();

        await TableBatches.UpsertAsync(rows.Select(r => (tables.Index(r.Table), (ITableEntity)r.Entity)), cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteAsync(stale.Select(r => (tables.Index(r.Table), (ITableEntity)new TableEntity(r.PartitionKey, r.RowKey))),
            cancellationToken).ConfigureAwait(false);
        return new IndexChange(rows, refs, stale);
    }
}

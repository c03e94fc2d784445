using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>
/// Writes and deletes the secondary-index rows of articles (<see cref="ArticleIndex.Build"/>) in entity-group
/// transactions (<see cref="TableBatches"/>). Both operations are idempotent.
/// </summary>
/// <param name="tables">The index tables.</param>
internal sealed class IndexWriter(ArticleTables tables)
{
    /// <summary>
    /// Upserts <paramref name="rows"/> and deletes the rows at <paramref name="stale"/> together: one entity-group transaction per
    /// table and partition for both (<see cref="TableBatches.WriteAsync"/>).
    /// </summary>
    /// <param name="rows">Index rows of one article version.</param>
    /// <param name="stale">Addresses of earlier versions' rows the version lacks; rows already gone are not an error.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public Task WriteAsync(IEnumerable<IndexRow> rows, IEnumerable<IndexRowRef> stale, CancellationToken cancellationToken) =>
        TableBatches.WriteAsync(rows.Select(r => (tables.Index(r.Table), (ITableEntity)r.Entity)),
            stale.Select(r => (tables.Index(r.Table), (ITableEntity)new TableEntity(r.PartitionKey, r.RowKey))), cancellationToken);

    /// <summary>Deletes the rows at <paramref name="refs"/>; rows already gone are not an error.</summary>
    /// <param name="refs">Row addresses.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public Task DeleteAsync(IEnumerable<IndexRowRef> refs, CancellationToken cancellationToken) =>
        TableBatches.DeleteAsync(refs.Select(r => (tables.Index(r.Table), (ITableEntity)new TableEntity(r.PartitionKey, r.RowKey))),
            cancellationToken);
}

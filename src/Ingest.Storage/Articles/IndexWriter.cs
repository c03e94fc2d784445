using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>
/// Writes and deletes the secondary-index rows of articles (<see cref="ArticleIndex.Build"/>) in entity-group
/// transactions (<see cref="TableBatches"/>). Both operations are idempotent.
/// </summary>
/// <param name="tables">The index tables.</param>
internal sealed class IndexWriter(ArticleTables tables)
{
    /// <summary>Upserts (replaces) <paramref name="rows"/>.</summary>
    /// <param name="rows">Index rows of one article version.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public Task UpsertAsync(IEnumerable<IndexRow> rows, CancellationToken cancellationToken) =>
        TableBatches.UpsertAsync(rows.Select(r => (tables.Index(r.Table), (ITableEntity)r.Entity)), cancellationToken);

    /// <summary>Deletes the rows at <paramref name="refs"/>; rows already gone are not an error.</summary>
    /// <param name="refs">Row addresses.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public Task DeleteAsync(IEnumerable<IndexRowRef> refs, CancellationToken cancellationToken) =>
        TableBatches.DeleteAsync(refs.Select(r => (tables.Index(r.Table), (ITableEntity)new TableEntity(r.PartitionKey, r.RowKey))),
            cancellationToken);
}

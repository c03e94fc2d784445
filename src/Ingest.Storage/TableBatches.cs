using Azure;
using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>
/// Writes and deletes table entities in entity-group transactions: one partition per transaction, at most
/// 100 entities and (estimated) well under the 4 MiB payload limit, several partitions in parallel.
/// </summary>
internal static class TableBatches
{
    public const int MaxEntitiesPerBatch = 100;
    // The service limit is 4 MiB per batch payload; the estimate below is rough, so stay well under it.
    public const long MaxBatchBytes = 3L * 1024 * 1024;
    public const int MaxParallelBatches = 8;

    /// <summary>Upserts (replace) every entity, batched per table and partition.</summary>
    public static Task UpsertAsync(IEnumerable<(TableClient Table, ITableEntity Entity)> rows, CancellationToken cancellationToken) =>
        WriteAsync(rows, [], cancellationToken);

    /// <summary>Deletes every entity that exists, batched per table and partition; missing entities are ignored.</summary>
    public static Task DeleteAsync(IEnumerable<(TableClient Table, ITableEntity Entity)> rows, CancellationToken cancellationToken) =>
        WriteAsync([], rows, cancellationToken);

    /// <summary>
    /// Upserts (replace) <paramref name="upserts"/> and deletes <paramref name="deletes"/> (missing entities ignored), both in the
    /// same entity-group transactions: one per table and partition (more when a partition has over
    /// <see cref="MaxEntitiesPerBatch"/> rows or <see cref="MaxBatchBytes"/>), so a new version's rows and the stale rows of the
    /// old one in a partition cost one request, not two. A row key in both lists is upserted. A transaction that fails because a
    /// row to delete was already gone (404, a retry after a partial write) is done again as its upserts in one transaction
    /// and its deletes one by one.
    /// </summary>
    /// <param name="upserts">Entities to write.</param>
    /// <param name="deletes">Entities to delete (keys only are used).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public static async Task WriteAsync(IEnumerable<(TableClient Table, ITableEntity Entity)> upserts,
        IEnumerable<(TableClient Table, ITableEntity Entity)> deletes, CancellationToken cancellationToken)
    {
        var rows = upserts.Select(r => (r.Table, r.Entity, Action: TableTransactionActionType.UpsertReplace))
            .Concat(deletes.Select(r => (r.Table, r.Entity, Action: TableTransactionActionType.Delete)));
        var batches = new List<(TableClient Table, List<(ITableEntity Entity, TableTransactionActionType Action)> Rows)>();
        foreach (var group in rows.GroupBy(r => (r.Table.Name, r.Entity.PartitionKey)))
        {
            TableClient table = group.First().Table;
            var current = new List<(ITableEntity, TableTransactionActionType)>();
            long bytes = 0;
            // A transaction may not touch one entity twice; upserts come first, so they win over a delete of the same key.
            foreach (var (_, entity, action) in group.DistinctBy(r => r.Entity.RowKey, StringComparer.Ordinal))
            {
                long size = EstimateBytes(entity);
                if (current.Count > 0 && (current.Count == MaxEntitiesPerBatch || bytes + size > MaxBatchBytes))
                {
                    batches.Add((table, current));
                    current = [];
                    bytes = 0;
                }
                current.Add((entity, action));
                bytes += size;
            }
            if (current.Count > 0)
                batches.Add((table, current));
        }

        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelBatches, CancellationToken = cancellationToken },
            async (batch, ct) => await SubmitAsync(batch.Table, batch.Rows, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task SubmitAsync(TableClient table, List<(ITableEntity Entity, TableTransactionActionType Action)> rows,
        CancellationToken cancellationToken)
    {
        if (rows is [(var single, TableTransactionActionType.Delete)])
        {
            await DeleteOneAsync(table, single, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            await table.SubmitTransactionAsync(rows.Select(Action), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404 && !ex.IsMissingResource() &&
                                                         rows.Any(r => r.Action == TableTransactionActionType.Delete))
        {
            // A row to delete was already gone (a retry after a partial failure): the upserts together, the deletes one by one.
            var upserts = rows.Where(r => r.Action != TableTransactionActionType.Delete).Select(Action).ToList();
            if (upserts.Count > 0)
                await table.SubmitTransactionAsync(upserts, cancellationToken).ConfigureAwait(false);
            foreach (var (entity, _) in rows.Where(r => r.Action == TableTransactionActionType.Delete))
                await DeleteOneAsync(table, entity, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableTransactionAction Action((ITableEntity Entity, TableTransactionActionType Action) row) =>
        row.Action == TableTransactionActionType.Delete
            ? new TableTransactionAction(row.Action, row.Entity, ETag.All)
            : new TableTransactionAction(row.Action, row.Entity);

    private static async Task DeleteOneAsync(TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        // DeleteEntityAsync treats 404 as success.
        await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A rough upper estimate of an entity's size in a batch request (UTF-16 strings, JSON overhead).</summary>
    internal static long EstimateBytes(ITableEntity entity)
    {
        long size = 256 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        if (entity is TableEntity te)
        {
            foreach (var (key, value) in te)
                size += 64 + 2L * key.Length + (value is string s ? 6L * s.Length : 64);
        }
        return size;
    }
}

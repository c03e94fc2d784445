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
        RunAsync(rows, TableTransactionActionType.UpsertReplace, cancellationToken);

    /// <summary>Deletes every entity that exists, batched per table and partition; missing entities are ignored.</summary>
    public static Task DeleteAsync(IEnumerable<(TableClient Table, ITableEntity Entity)> rows, CancellationToken cancellationToken) =>
        RunAsync(rows, TableTransactionActionType.Delete, cancellationToken);

    private static async Task RunAsync(IEnumerable<(TableClient Table, ITableEntity Entity)> rows, TableTransactionActionType action,
        CancellationToken cancellationToken)
    {
        var batches = new List<(TableClient Table, List<ITableEntity> Entities)>();
        foreach (var group in rows.GroupBy(r => (r.Table.Name, r.Entity.PartitionKey)))
        {
            TableClient table = group.First().Table;
            var current = new List<ITableEntity>();
            long bytes = 0;
            // A transaction may not touch one entity twice.
            foreach (var entity in group.Select(r => r.Entity).DistinctBy(e => e.RowKey, StringComparer.Ordinal))
            {
                long size = EstimateBytes(entity);
                if (current.Count > 0 && (current.Count == MaxEntitiesPerBatch || bytes + size > MaxBatchBytes))
                {
                    batches.Add((table, current));
                    current = [];
                    bytes = 0;
                }
                current.Add(entity);
                bytes += size;
            }
            if (current.Count > 0)
                batches.Add((table, current));
        }

        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelBatches, CancellationToken = cancellationToken },
            async (batch, ct) => await SubmitAsync(batch.Table, batch.Entities, action, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task SubmitAsync(TableClient table, List<ITableEntity> entities, TableTransactionActionType action,
        CancellationToken cancellationToken)
    {
        if (entities.Count == 1 && action == TableTransactionActionType.Delete)
        {
            await DeleteOneAsync(table, entities[0], cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            var actions = entities.Select(e => action == TableTransactionActionType.Delete
                ? new TableTransactionAction(action, e, ETag.All)
                : new TableTransactionAction(action, e));
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (action == TableTransactionActionType.Delete && ex.Status == 404)
        {
            // One entity of the batch was already gone (a retry after a partial failure): delete one by one.
            foreach (var entity in entities)
                await DeleteOneAsync(table, entity, cancellationToken).ConfigureAwait(false);
        }
    }

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

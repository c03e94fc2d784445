using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>
/// Keeps the entity-names table (PK = first escaped character of the name key, RK = name key; <c>Name</c>, <c>Type</c>,
/// <c>Articles</c>) in step with the entity index: the count of an entity is the number of rows in its
/// <c>EntityIndex</c> partition, counted again (not incremented) whenever an article adds or removes the entity, so the
/// count is right again after any retry. A count of zero deletes the name row.
/// </summary>
/// <param name="entityIndex">The entity index table.</param>
/// <param name="entityNames">The entity names table.</param>
internal sealed class EntityNameCounter(TableClient entityIndex, TableClient entityNames)
{
    /// <summary>
    /// The entity keys whose counts an upsert changes: those the new version added or removed, or, when the article row
    /// was missing (first write, or a crash before the row was written), every entity of both versions.
    /// </summary>
    /// <param name="previous">Index rows of the previous version.</param>
    /// <param name="current">Index rows of the new version.</param>
    /// <param name="articleRowExisted">Whether the article row existed before this upsert.</param>
    public static IReadOnlySet<string> KeysToRecount(IEnumerable<IndexRowRef> previous, IEnumerable<IndexRowRef> current,
        bool articleRowExisted)
    {
        var oldEntities = previous.Where(r => r.Table == IndexTable.Entity).Select(r => r.PartitionKey).ToHashSet(StringComparer.Ordinal);
        var newEntities = current.Where(r => r.Table == IndexTable.Entity).Select(r => r.PartitionKey).ToHashSet(StringComparer.Ordinal);
        var recount = new HashSet<string>(oldEntities, StringComparer.Ordinal);
        if (articleRowExisted)
            recount.SymmetricExceptWith(newEntities);
        else
            recount.UnionWith(newEntities);
        return recount;
    }

    /// <summary>
    /// Counts the <c>EntityIndex</c> rows of each key and writes (or, at zero, deletes) its name row. Name and type come
    /// from <paramref name="rows"/> when the new version has the entity, else from any index row of it.
    /// </summary>
    /// <param name="keys">Entity name keys.</param>
    /// <param name="rows">Index rows of the version just written.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task RecountAsync(IEnumerable<string> keys, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var current = rows.Where(r => r.Table == IndexTable.Entity)
            .ToDictionary(r => r.Entity.PartitionKey, r => r.Entity, StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                // Recount from the index instead of incrementing: idempotent, and right again after any retry.
                int count = 0;
                string? name = null;
                string? type = null;
                string filter = TableClient.CreateQueryFilter($"PartitionKey eq {key}");
                await foreach (var row in entityIndex.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, ["Name", "Type"], ct)
                                   .ConfigureAwait(false))
                {
                    count++;
                    name ??= row.GetString("Name");
                    type ??= row.GetString("Type");
                }
                if (current.TryGetValue(key, out var mine))
                {
                    name = mine.GetString("Name");
                    type = mine.GetString("Type");
                }
                string partition = TableKeys.NamePartition(key);
                if (count == 0)
                {
                    await entityNames.DeleteEntityAsync(partition, key, Azure.ETag.All, ct).ConfigureAwait(false);
                    return;
                }
                var entity = new TableEntity(partition, key)
                {
                    ["Name"] = name ?? TableKeys.Unescape(key),
                    ["Type"] = type,
                    ["Articles"] = count,
                };
                await entityNames.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }
}

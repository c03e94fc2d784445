using Azure;
using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>
/// Keeps the entity-names table (PK = first escaped character of the name key, RK = name key; <c>Name</c>, <c>Type</c>,
/// <c>Articles</c>) in step with the entity index: the count of an entity is the number of canonical rows in its
/// <c>EntityIndex</c> partition (alias rows, <see cref="ArticleIndex.IsAliasRow"/>, point at another canonical name and are
/// not counted), counted again (not incremented) whenever an article adds or removes the entity, so the
/// count is right again after any retry. The name row is written conditionally on the ETag read before counting, so of
/// two articles recounting one name at once the one that counted first and wrote last counts again. A count of zero
/// deletes the name row.
/// </summary>
/// <param name="entityIndex">The entity index table.</param>
/// <param name="entityNames">The entity names table.</param>
internal sealed class EntityNameCounter(TableClient entityIndex, TableClient entityNames)
{
    /// <summary>Times one name is counted again after losing its conditional write to another writer.</summary>
    internal const int MaxAttempts = 8;

    /// <summary>
    /// The entity keys whose counts an upsert changes: with <paramref name="onlyChanges"/>, those the new version added or
    /// removed; otherwise (a first write, or a previous write that stopped part-way) every entity of both.
    /// </summary>
    /// <param name="previous">Index rows earlier versions may have left.</param>
    /// <param name="current">Index rows of the new version.</param>
    /// <param name="onlyChanges">Whether the counts already include <paramref name="previous"/> exactly.</param>
    public static IReadOnlySet<string> KeysToRecount(IEnumerable<IndexRowRef> previous, IEnumerable<IndexRowRef> current,
        bool onlyChanges)
    {
        var oldEntities = EntityKeys(previous);
        var newEntities = EntityKeys(current);
        var recount = new HashSet<string>(oldEntities, StringComparer.Ordinal);
        if (onlyChanges)
            recount.SymmetricExceptWith(newEntities);
        else
            recount.UnionWith(newEntities);
        return recount;
    }

    /// <summary>The entity-name keys (entity index partitions) of the canonical rows among <paramref name="rows"/>; alias
    /// rows change no count.</summary>
    public static HashSet<string> EntityKeys(IEnumerable<IndexRowRef> rows) =>
        rows.Where(r => r.Table == IndexTable.Entity && !ArticleIndex.IsAliasRow(r.RowKey)).Select(r => r.PartitionKey)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Counts the canonical <c>EntityIndex</c> rows of each key and writes (or, at zero, deletes) its name row. Name and type come
    /// from <paramref name="rows"/> when the new version has the entity, else from any index row of it.
    /// </summary>
    /// <param name="keys">Entity name keys.</param>
    /// <param name="rows">Index rows of the version just written (may be empty).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The number of name rows whose count changed (written or deleted).</returns>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task<int> RecountAsync(IEnumerable<string> keys, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var current = rows.Where(r => r.Table == IndexTable.Entity && !ArticleIndex.IsAliasRow(r.Entity.RowKey))
            .ToDictionary(r => r.Entity.PartitionKey, r => r.Entity, StringComparer.Ordinal);
        int changed = 0;
        await Parallel.ForEachAsync(keys,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        if (await RecountOneAsync(key, current.GetValueOrDefault(key), ct).ConfigureAwait(false))
                            Interlocked.Increment(ref changed);
                        return;
                    }
                    catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
                    {
                        // Another article wrote this name row after we read it: its count may include rows ours missed.
                    }
                }
            }).ConfigureAwait(false);
        return changed;
    }

    private async Task<bool> RecountOneAsync(string key, TableEntity? mine, CancellationToken ct)
    {
        string partition = TableKeys.NamePartition(key);
        // Read the ETag before counting: a writer that adds a row after this read also writes the name row after it.
        var before = await entityNames.GetEntityIfExistsAsync<TableEntity>(partition, key, ["Name", "Type", "Articles"], ct)
            .ConfigureAwait(false);
        TableEntity? existing = before.HasValue ? before.Value : null;

        int count = 0;
        string? name = null;
        string? type = null;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {key}");
        await foreach (var row in entityIndex.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, ["RowKey", "Name", "Type"], ct)
                           .ConfigureAwait(false))
        {
            if (ArticleIndex.IsAliasRow(row.RowKey))
                continue;
            count++;
            name ??= row.GetString("Name");
            type ??= row.GetString("Type");
        }
        if (mine is not null)
        {
            name = mine.GetString("Name");
            type = mine.GetString("Type");
        }

        if (count == 0)
        {
            if (existing is null)
                return false;
            await entityNames.DeleteEntityAsync(partition, key, existing.ETag, ct).ConfigureAwait(false);
            return true;
        }
        var entity = new TableEntity(partition, key)
        {
            ["Name"] = name ?? TableKeys.Unescape(key),
            ["Type"] = type,
            ["Articles"] = count,
        };
        if (existing is null)
        {
            await entityNames.AddEntityAsync(entity, ct).ConfigureAwait(false); // 409 when another writer added it first
            return true;
        }
        if (existing.GetInt32("Articles") == count && existing.GetString("Name") == (string?)entity["Name"] &&
            existing.GetString("Type") == type)
            return false;
        await entityNames.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return true;
    }
}

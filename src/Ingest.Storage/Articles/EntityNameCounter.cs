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

    /// <summary>Name rows read per query: with the partition key, Azure Table storage allows 15 comparisons in a filter.</summary>
    internal const int MaxKeysPerQuery = 14;

    /// <summary>
    /// Counts the canonical <c>EntityIndex</c> rows of each key and writes (or, at zero, deletes) its name row. Name and type come
    /// from <paramref name="rows"/> when the new version has the entity, else from any index row of it. Keys are taken in groups
    /// of up to <see cref="MaxKeysPerQuery"/> of one <c>EntityNames</c> partition: the group's name rows are read with one query
    /// (their ETags before counting), each key is counted with one <c>EntityIndex</c> query, and the changed name rows are
    /// written in one entity-group transaction (insert new rows, replace or delete others if-match their ETag). A group whose
    /// transaction loses a race (409, 412) is read and counted again, up to <see cref="MaxAttempts"/> times. Requests per
    /// group: one query, one count query per key, at most one transaction (none when no count changed).
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
        var groups = keys.Distinct(StringComparer.Ordinal).GroupBy(TableKeys.NamePartition, StringComparer.Ordinal)
            .SelectMany(g => g.Order(StringComparer.Ordinal).Chunk(MaxKeysPerQuery).Select(chunk => (Partition: g.Key, Keys: chunk)))
            .ToList();
        int changed = 0;
        await Parallel.ForEachAsync(groups,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        int n = await RecountGroupAsync(group.Partition, group.Keys, current, ct).ConfigureAwait(false);
                        Interlocked.Add(ref changed, n);
                        return;
                    }
                    catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
                    {
                        // Another article wrote one of these name rows after we read it: its count may include rows ours missed.
                    }
                }
            }).ConfigureAwait(false);
        return changed;
    }

    private async Task<int> RecountGroupAsync(string partition, string[] keys, Dictionary<string, TableEntity> current, CancellationToken ct)
    {
        // Read the ETags before counting: a writer that adds a row after this read also writes the name row after it.
        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        string names = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" +
            string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
        await foreach (var row in entityNames.QueryAsync<TableEntity>(names, MaxKeysPerQuery, ["RowKey", "Name", "Type", "Articles"], ct)
                           .ConfigureAwait(false))
            existing[row.RowKey] = row;

        var counted = new (int Count, string? Name, string? Type)[keys.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Length),
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = ct },
            async (i, token) => counted[i] = await CountAsync(keys[i], token).ConfigureAwait(false)).ConfigureAwait(false);

        var actions = new List<TableTransactionAction>();
        for (int i = 0; i < keys.Length; i++)
        {
            string key = keys[i];
            var (count, name, type) = counted[i];
            if (current.GetValueOrDefault(key) is { } mine)
            {
                name = mine.GetString("Name");
                type = mine.GetString("Type");
            }
            var before = existing.GetValueOrDefault(key);
            if (count == 0)
            {
                if (before is not null)
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key), before.ETag));
                continue;
            }
            var entity = new TableEntity(partition, key)
            {
                ["Name"] = name ?? TableKeys.Unescape(key),
                ["Type"] = type,
                ["Articles"] = count,
            };
            if (before is null)
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity)); // 409 when another writer added it first
            else if (before.GetInt32("Articles") != count || before.GetString("Name") != (string?)entity["Name"] || before.GetString("Type") != type)
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, before.ETag));
        }
        if (actions.Count > 0)
            await entityNames.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        return actions.Count;
    }

    /// <summary>The canonical rows of <paramref name="key"/>'s <c>EntityIndex</c> partition, with the name and type of the first.</summary>
    private async Task<(int Count, string? Name, string? Type)> CountAsync(string key, CancellationToken ct)
    {
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
        return (count, name, type);
    }
}

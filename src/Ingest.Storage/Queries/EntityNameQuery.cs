using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Lists entity names by prefix from the entity-names table: one partition (the prefix's first escaped character), row
/// keys in <c>[prefix, prefix+1)</c>; an empty prefix lists every partition.
/// </summary>
/// <param name="entityNames">The entity names table.</param>
internal sealed class EntityNameQuery(TableClient entityNames)
{
    private const string ByPrefix = "ep";
    private const string All = "ea";

    /// <summary>One page of entity names starting with <paramref name="prefix"/> (normalized like name keys), in key order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (kind and
    /// prefix), or a non-empty <paramref name="prefix"/> normalizes to nothing.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<EntityCount>> QueryAsync(string prefix, string? continuationToken, int pageSize,
        CancellationToken cancellationToken)
    {
        QueryPaging.CheckPageSize(pageSize);
        string normalized = TableKeys.NormalizePrefix(prefix);
        if (normalized.Length == 0 && prefix.Length > 0)
            throw QueryPaging.EmptyFilter("prefix");
        string start = TableKeys.Escape(normalized);
        string fingerprint = QueryPaging.Fingerprint(start);
        string kind;
        string? filter;
        if (normalized.Length == 0)
        {
            kind = All;
            var after = ContinuationToken.Decode(continuationToken, kind, fingerprint);
            filter = after is null ? null : TableClient.CreateQueryFilter(
                $"PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey})");
        }
        else
        {
            kind = ByPrefix;
            var after = ContinuationToken.Decode(continuationToken, kind, fingerprint);
            string partition = TableKeys.NamePartition(start);
            string end = start[^1] == char.MaxValue ? start + char.MaxValue : string.Concat(start.AsSpan(0, start.Length - 1), [(char)(start[^1] + 1)]);
            filter = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {start} and RowKey lt {end}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after.RowKey} and RowKey lt {end}");
        }

        var items = new List<EntityCount>();
        TableEntity? last = null;
        var rows = entityNames.QueryAsync<TableEntity>(filter, Math.Min(QueryPaging.MaxPageSize, pageSize + 1),
            ["PartitionKey", "RowKey", "Name", "Type", "Articles"], cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (items.Count == pageSize)
                return new Page<EntityCount>(items, QueryPaging.Token(kind, fingerprint, last!));
            last = row;
            items.Add(new EntityCount(row.GetString("Name") ?? TableKeys.Unescape(row.RowKey), row.GetString("Type") ?? "",
                row.GetInt32("Articles") ?? 0));
        }
        return new Page<EntityCount>(items, null);
    }
}

using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>What the query classes share: the page-size bound, continuation tokens, filter keys and point reads.</summary>
internal static class QueryPaging
{
    /// <summary>Largest page a caller may ask for, and the page size asked of Table storage for scans.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Checks a caller's page size.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    public static void CheckPageSize(int pageSize)
    {
        if (pageSize is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be within 1-1000.");
    }

    /// <summary>The name key of a filter value, or null when the value is blank or normalizes to nothing.</summary>
    public static string? FilterKey(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : TableKeys.NameKey(name) is { Length: > 0 } key ? key : null;

    /// <summary>The token that continues after <paramref name="last"/>.</summary>
    public static string Token(string kind, TableEntity last) => new ContinuationToken(kind, last.PartitionKey, last.RowKey).Encode();

    /// <summary>Whether the row exists (a point read of its partition key only).</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public static async Task<bool> ExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }
}

using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>What the query classes share: the page-size bound, continuation tokens and fingerprints, filter keys and point reads.</summary>
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

    /// <summary>
    /// The name key of a filter value (<see cref="TableKeys.NameKey"/>, the key the index rows are written with), or null when
    /// the filter is not given (null).
    /// </summary>
    /// <param name="name">The filter value, or null.</param>
    /// <param name="parameter">The filter's HTTP API name, for the exception.</param>
    /// <exception cref="QueryArgumentException">The value is given but normalizes to nothing (only white space, control or
    /// invisible characters): such a filter would otherwise read as no filter and list everything.</exception>
    public static string? FilterKey(string? name, string parameter)
    {
        if (name is null)
            return null;
        string key = TableKeys.NameKey(name);
        return key.Length > 0 ? key : throw EmptyFilter(parameter);
    }

    /// <summary>The exception for a filter that is given but empty after normalization.</summary>
    public static QueryArgumentException EmptyFilter(string parameter) =>
        new($"'{parameter}' is empty after normalization (only white space, control or invisible characters); leave it out to list everything.",
            parameter);

    /// <summary>
    /// The normalized filter of a query for <see cref="ContinuationToken"/>: the parts joined by U+001F, which neither escaped
    /// keys, dates nor quote words contain; an absent filter is an empty part.
    /// </summary>
    public static string Fingerprint(params ReadOnlySpan<string?> parts) => string.Join('\u001F', parts!);

    /// <summary>The token that continues after <paramref name="last"/>.</summary>
    public static string Token(string kind, string fingerprint, TableEntity last) =>
        new ContinuationToken(kind, fingerprint, last.PartitionKey, last.RowKey).Encode();

    /// <summary>Whether the row exists (a point read of its partition key only).</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public static async Task<bool> ExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }
}

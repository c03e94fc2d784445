using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// Lists the failures table (one row per article whose latest attempt failed, PK = escaped id) in key order, that is by
/// article id. Newest first would need a second row per failure keyed by inverted time, kept in step with every
/// failure write and clear; the list is an operator's view, so key order is what it gets.
/// </summary>
/// <param name="failures">The failures table.</param>
internal sealed class FailureQuery(TableClient failures)
{
    private const string Kind = "fl";

    /// <summary>One page of failure records.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<IngestFailure>> QueryAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        QueryPaging.CheckPageSize(pageSize);
        string fingerprint = QueryPaging.Fingerprint();
        var after = ContinuationToken.Decode(continuationToken, Kind, fingerprint);
        string filter = after is null
            ? TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.FailureRowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after.PartitionKey} and RowKey eq {ArticleIndex.FailureRowKey}");

        var items = new List<IngestFailure>();
        TableEntity? last = null;
        await foreach (var row in failures.QueryAsync<TableEntity>(filter, Math.Min(QueryPaging.MaxPageSize, pageSize + 1),
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == pageSize)
                return new Page<IngestFailure>(items, QueryPaging.Token(Kind, fingerprint, last!));
            last = row;
            items.Add(FailureStore.ToFailure(row, TableKeys.Unescape(row.PartitionKey)));
        }
        return new Page<IngestFailure>(items, null);
    }
}

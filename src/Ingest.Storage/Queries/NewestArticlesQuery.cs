using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Articles newest first (<see cref="ArticleOrder.Newest"/>): the inverted-date rows of <c>DateIndex</c> (PK = <c>~</c>+inverted
/// <c>yyyyMM</c>, RK = inverted <c>yyyyMMdd</c>+<c>_</c>+id; see <see cref="ArticleIndex"/>), whose ascending key order is newest
/// first, then the <c>~~</c> partition of undated articles. A date range reads the inverted months and days of the range (undated
/// articles are outside any range). It only drives queries; name filters are refused with this order.
/// </summary>
/// <param name="dateIndex">The date index table.</param>
internal sealed class NewestArticlesQuery(TableClient dateIndex) : ArticleIndexQuery(dateIndex, "an")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => filter.Newest;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after)
    {
        string range;
        if (!filter.HasDate)
        {
            range = TableClient.CreateQueryFilter($"PartitionKey ge {ArticleIndex.NewestPrefix}");
        }
        else
        {
            // Inverted, the latest day of the range is the smallest key.
            string first = ArticleIndex.InvertedDay(filter.To ?? DateOnly.MaxValue);
            string last = ArticleIndex.InvertedDay(filter.From ?? DateOnly.MinValue);
            string lastEnd = last + "`"; // '`' follows the '_' after the day in row keys
            range = TableClient.CreateQueryFilter(
                $"PartitionKey ge {ArticleIndex.NewestPrefix + first[..6]} and PartitionKey le {ArticleIndex.NewestPrefix + last[..6]} and RowKey ge {first} and RowKey lt {lastEnd}");
        }
        return after is null
            ? range
            : range + " and " + TableClient.CreateQueryFilter(
                $"(PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey}))");
    }

    /// <inheritdoc />
    public override ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true); // an order, not a filter: never a check
}

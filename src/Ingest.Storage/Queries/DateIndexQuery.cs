using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Articles published in a date range: the month partitions (<c>yyyy-MM</c>) of <c>DateIndex</c> from the first to the
/// last month, rows <c>yyyy-MM-dd_</c>+id within the days. As a check, the row's <c>PublishedAt</c> is compared (no read).
/// </summary>
/// <param name="dateIndex">The date index table.</param>
internal sealed class DateIndexQuery(TableClient dateIndex) : ArticleIndexQuery(dateIndex, "ad")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => filter.HasDate;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after)
    {
        string fromDay = filter.FromDay;
        string toDay = filter.ToDay;
        string fromMonth = fromDay[..7];
        string toMonth = toDay[..7];
        string toEnd = toDay + "`"; // '`' follows the '_' after the date in row keys
        return after is null
            ? TableClient.CreateQueryFilter(
                $"PartitionKey ge {fromMonth} and PartitionKey le {toMonth} and RowKey ge {fromDay} and RowKey lt {toEnd}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {fromMonth} and PartitionKey le {toMonth} and RowKey ge {fromDay} and RowKey lt {toEnd} and (PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey}))");
    }

    /// <inheritdoc />
    public override ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken) =>
        ValueTask.FromResult(filter.InDateRange(summary.PublishedAt));
}

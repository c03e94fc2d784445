using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>Articles by publisher or original source: the source's <c>SourceIndex</c> partition (RK = escaped article id).</summary>
/// <param name="sourceIndex">The source index table.</param>
internal sealed class SourceIndexQuery(TableClient sourceIndex) : ArticleIndexQuery(sourceIndex, "ao")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => filter.SourceKey is not null;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after) => after is null
        ? TableClient.CreateQueryFilter($"PartitionKey eq {filter.SourceKey}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {filter.SourceKey} and RowKey gt {after.RowKey}");

    /// <inheritdoc />
    public override async ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken) =>
        await QueryPaging.ExistsAsync(Table, filter.SourceKey!, TableKeys.Escape(summary.Id), cancellationToken).ConfigureAwait(false);
}

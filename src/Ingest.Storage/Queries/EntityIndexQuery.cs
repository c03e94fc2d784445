using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Articles naming an entity: the entity's <c>EntityIndex</c> partition, canonical rows (RK = escaped article id) and alias rows
/// (RK = id + <see cref="ArticleIndex.AliasSuffix"/>, articles where the name is an alias of a fuller one) in one id order. As a
/// check, a point read of either row.
/// </summary>
/// <param name="entityIndex">The entity index table.</param>
internal sealed class EntityIndexQuery(TableClient entityIndex) : ArticleIndexQuery(entityIndex, "ae")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => filter.EntityKey is not null;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after) => after is null
        ? TableClient.CreateQueryFilter($"PartitionKey eq {filter.EntityKey}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {filter.EntityKey} and RowKey gt {after.RowKey}");

    /// <inheritdoc />
    public override async ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(summary.Id);
        return await QueryPaging.ExistsAsync(Table, filter.EntityKey!, idKey, cancellationToken).ConfigureAwait(false) ||
               await QueryPaging.ExistsAsync(Table, filter.EntityKey!, idKey + ArticleIndex.AliasSuffix, cancellationToken).ConfigureAwait(false);
    }
}

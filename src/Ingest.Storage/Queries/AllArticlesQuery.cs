using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>Every article, when no filter is given: the article rows (RK <c>article</c>) in id order.</summary>
/// <param name="articles">The articles table.</param>
internal sealed class AllArticlesQuery(TableClient articles) : ArticleIndexQuery(articles, "aa")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => true;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after) => after is null
        ? TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.ArticleRowKey}")
        : TableClient.CreateQueryFilter($"PartitionKey gt {after.PartitionKey} and RowKey eq {ArticleIndex.ArticleRowKey}");

    /// <inheritdoc />
    public override ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken) =>
        ValueTask.FromResult(true);
}

using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// One table an article list query can read: the rows of the filter's index partition (or range) after a continuation
/// token, and a per-row check used when another index drives the query. Rows carry the summary fields.
/// </summary>
/// <param name="table">The table read.</param>
/// <param name="kind">Query kind written into continuation tokens (a token of another kind is rejected).</param>
internal abstract class ArticleIndexQuery(TableClient table, string kind)
{
    /// <summary>The table read.</summary>
    public TableClient Table { get; } = table;

    /// <summary>Query kind of the continuation tokens.</summary>
    public string Kind { get; } = kind;

    /// <summary>Whether <paramref name="filter"/> filters on this index.</summary>
    public abstract bool Applies(ArticleFilter filter);

    /// <summary>The OData filter (built with <see cref="TableClient.CreateQueryFilter(System.FormattableString)"/>) of the rows after <paramref name="after"/>.</summary>
    public abstract string Filter(ArticleFilter filter, ContinuationToken? after);

    /// <summary>Whether an article read from another index passes this index's filter.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public abstract ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken);
}

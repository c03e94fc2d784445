using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Articles quoting a speaker: the <c>a_</c> rows of the speaker's <c>SpeakerIndex</c> partition, canonical (<c>a_</c>+id) and
/// alias rows (<c>a_</c>+id+<see cref="ArticleIndex.AliasSuffix"/>, the speaker's fuller name has this name as an alias).
/// </summary>
/// <param name="speakerIndex">The speaker index table.</param>
internal sealed class SpeakerIndexQuery(TableClient speakerIndex) : ArticleIndexQuery(speakerIndex, "as")
{
    /// <inheritdoc />
    public override bool Applies(ArticleFilter filter) => filter.SpeakerKey is not null;

    /// <inheritdoc />
    public override string Filter(ArticleFilter filter, ContinuationToken? after)
    {
        string start = after?.RowKey ?? ArticleIndex.SpeakerArticlePrefix;
        return TableClient.CreateQueryFilter(
            $"PartitionKey eq {filter.SpeakerKey} and RowKey gt {start} and RowKey lt {ArticleIndex.SpeakerArticleEnd}");
    }

    /// <inheritdoc />
    public override async ValueTask<bool> MatchesAsync(ArticleFilter filter, ArticleSummary summary, CancellationToken cancellationToken)
    {
        string rowKey = ArticleIndex.SpeakerArticlePrefix + TableKeys.Escape(summary.Id);
        return await QueryPaging.ExistsAsync(Table, filter.SpeakerKey!, rowKey, cancellationToken).ConfigureAwait(false) ||
               await QueryPaging.ExistsAsync(Table, filter.SpeakerKey!, rowKey + ArticleIndex.AliasSuffix, cancellationToken).ConfigureAwait(false);
    }
}

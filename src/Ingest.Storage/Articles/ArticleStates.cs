using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The stored state of articles (<see cref="StoredArticleState"/>) from the article and failure rows: a failure row, when
/// there is one, stands for the article (its last attempt failed).
/// </summary>
/// <param name="articles">The article rows.</param>
/// <param name="failures">The failure rows.</param>
internal sealed class ArticleStates(ArticleRows articles, FailureStore failures)
{
    /// <summary>Columns read for a state, from both tables.</summary>
    public static readonly string[] Columns =
        ["PartitionKey", "ArticleId", "SourceContainer", "SourceName", "ContentHash", "PipelineVersion"];

    /// <summary>
    /// The state from the failure mark (the failure row's state columns), else from the article row; null when neither
    /// exists. One request: both rows are in the article's partition of the articles table.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<StoredArticleState?> GetAsync(string articleId, CancellationToken cancellationToken)
    {
        var rows = await articles.GetRowsAsync(TableKeys.Escape(articleId), cancellationToken).ConfigureAwait(false);
        if (rows.FailureMark is { } f)
            return ToState(f, failed: true, articleId);
        if (rows.Article is { } a)
            return ToState(a, failed: false, articleId);
        return null;
    }

    /// <summary>
    /// Streams failure rows of another pipeline version, then article rows of another version or of an older index layout
    /// (<see cref="ArticleIndex.Layout"/>) that have no failure row.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in failures.ListStateRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            failed.Add(row.PartitionKey);
            if (row.GetString("PipelineVersion") != currentPipelineVersion)
                yield return ToState(row, failed: true, TableKeys.Unescape(row.PartitionKey));
        }

        await foreach (var row in articles.ListOutdatedAsync(currentPipelineVersion, cancellationToken).ConfigureAwait(false))
        {
            if (!failed.Contains(row.PartitionKey))
                yield return ToState(row, failed: false, TableKeys.Unescape(row.PartitionKey));
        }
    }

    private static StoredArticleState ToState(TableEntity row, bool failed, string fallbackId) => new(
        row.GetString("ArticleId") ?? fallbackId,
        new SourceRef(row.GetString("SourceContainer") ?? "", row.GetString("SourceName") ?? ""),
        row.GetString("ContentHash"), row.GetString("PipelineVersion") ?? "", failed);
}

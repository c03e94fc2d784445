using Ingest.Core.Document;
using Microsoft.Extensions.Logging;

namespace Ingest.Storage;

/// <summary>
/// Takes articles out of the store, in an order a retry completes: index rows first (the record blob lists them, so
/// they stay known), then the entity counts they carried, then the article row (what lists show), the failure row and
/// last the record blob.
/// </summary>
/// <param name="articles">Article rows.</param>
/// <param name="records">Record blobs.</param>
/// <param name="index">Index rows.</param>
/// <param name="entityNames">Entity-name counts.</param>
/// <param name="failures">Failure rows.</param>
/// <param name="logger">Logger (the store's category).</param>
internal sealed class ArticleRemoval(
    ArticleRows articles,
    RecordBlobStore records,
    IndexWriter index,
    EntityNameCounter entityNames,
    FailureStore failures,
    ILogger logger)
{
    /// <summary>Removes every trace of <paramref name="articleId"/>.</summary>
    /// <returns>True when anything was stored.</returns>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(articleId);
        var partition = await articles.GetRowsAsync(idKey, cancellationToken).ConfigureAwait(false);
        // A failure row without its mark is not written by this build, but a store of an older one has them until repair.
        var failure = partition.FailureMark ?? await failures.GetStateRowAsync(idKey, cancellationToken).ConfigureAwait(false);
        var (stored, _) = await records.ReadAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (partition.Article is null && failure is null && stored is null)
            return false;

        await RemoveRowsAsync(stored, cancellationToken).ConfigureAwait(false);
        await articles.DeleteAsync(idKey, cancellationToken).ConfigureAwait(false);
        await failures.ClearAsync(idKey, cancellationToken).ConfigureAwait(false);
        await records.DeleteAsync(articleId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Deleted article {ArticleId}", articleId);
        return true;
    }

    /// <summary>
    /// Unlists the article when its article row was made from other content than <paramref name="contentHash"/>:
    /// deletes its index rows and article row, keeps the record blob (with empty row lists) as the last record.
    /// </summary>
    /// <returns>True when it was withdrawn.</returns>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<bool> WithdrawAsync(string articleId, string? contentHash, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(articleId);
        var row = await articles.GetVersionAsync(idKey, cancellationToken).ConfigureAwait(false);
        if (row is not { } current || current.ContentHash == contentHash)
            return false;
        var (stored, etag) = await records.ReadAsync(articleId, cancellationToken).ConfigureAwait(false);
        await RemoveRowsAsync(stored, cancellationToken).ConfigureAwait(false);
        if (stored is not null && etag is { } tag && stored.AllRefs().Any())
            await records.ClearRowsAsync(stored, tag, cancellationToken).ConfigureAwait(false);
        await articles.DeleteAsync(idKey, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Withdrew article {ArticleId} from the lists (its blob now holds other content)", articleId);
        return true;
    }

    private async Task RemoveRowsAsync(StoredRecord? stored, CancellationToken cancellationToken)
    {
        if (stored is null)
            return;
        var rows = stored.AllRefs().ToHashSet();
        await index.DeleteAsync(rows, cancellationToken).ConfigureAwait(false);
        await entityNames.RecountAsync(EntityNameCounter.EntityKeys(rows), [], cancellationToken).ConfigureAwait(false);
    }
}

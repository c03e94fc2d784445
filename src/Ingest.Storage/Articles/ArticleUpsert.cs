using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging;

namespace Ingest.Storage;

/// <summary>
/// The write path of <see cref="TableArticleStore.UpsertAsync"/>, in this order: read the article row (same content hash
/// and pipeline version → unchanged), read the previous record blob, write the new index rows and delete stale ones,
/// write the blob (conditional on the ETag read), write the article row, recount the entities that changed, clear the
/// failure row. A crash in between leaves the previous blob's row list, so a retry still finds the rows to delete.
/// </summary>
/// <param name="articles">Article rows.</param>
/// <param name="records">Record blobs.</param>
/// <param name="index">Index rows.</param>
/// <param name="entityNames">Entity-name counts.</param>
/// <param name="failures">Failure rows.</param>
/// <param name="logger">Logger (the store's category).</param>
internal sealed class ArticleUpsert(
    ArticleRows articles,
    RecordBlobStore records,
    IndexWriter index,
    EntityNameCounter entityNames,
    FailureStore failures,
    ILogger logger)
{
    /// <summary>Attempts when concurrent writers of one article keep replacing the record blob.</summary>
    internal const int MaxAttempts = 5;

    /// <summary>Writes the record, starting again (up to <see cref="MaxAttempts"/> times) when another writer won the blob.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed, or the last attempt lost the blob.</exception>
    public async Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertOnceAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer replaced the record blob since this attempt read it: start again from its version.
                logger.LogWarning("Concurrent upsert of {ArticleId} detected; retrying (attempt {Attempt})", record.Id, attempt);
            }
        }
    }

    private async Task<UpsertOutcome> UpsertOnceAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(record.Id);
        var existing = await articles.GetVersionAsync(idKey, cancellationToken).ConfigureAwait(false);
        if (existing is { } current && current.ContentHash == record.ContentHash && current.PipelineVersion == record.PipelineVersion)
        {
            await failures.ClearAsync(idKey, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Article {ArticleId} unchanged (pipeline {PipelineVersion})", record.Id, record.PipelineVersion);
            return UpsertOutcome.Unchanged;
        }

        // The previous version's index rows come from its blob (also after a crash between blob and row writes).
        var (previous, previousETag) = await records.ReadAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var oldRefs = previous?.Refs().ToHashSet() ?? [];
        var change = await index.ReplaceAsync(record, oldRefs, cancellationToken).ConfigureAwait(false);
        string blobName = await records.WriteAsync(record, change.Refs, previousETag, cancellationToken).ConfigureAwait(false);
        await articles.WriteAsync(record, blobName, change.Refs.Count, cancellationToken).ConfigureAwait(false);

        var recount = EntityNameCounter.KeysToRecount(oldRefs, change.Refs, articleRowExisted: existing is not null);
        await entityNames.RecountAsync(recount, change.Rows, cancellationToken).ConfigureAwait(false);

        await failures.ClearAsync(idKey, cancellationToken).ConfigureAwait(false);
        var outcome = existing is not null ? UpsertOutcome.Updated : UpsertOutcome.Created;
        logger.LogDebug("Article {ArticleId} {Outcome}: {IndexRows} index rows, {StaleRows} stale rows removed, {Recounted} entity counts updated",
            record.Id, outcome, change.Refs.Count, change.Stale.Count, recount.Count);
        return outcome;
    }
}

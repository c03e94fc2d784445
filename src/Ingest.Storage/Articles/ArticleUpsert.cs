using Azure;
using Azure.Storage.Blobs.Models;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging;

namespace Ingest.Storage;

/// <summary>
/// The write path of <see cref="TableArticleStore.UpsertAsync"/>. The article row is the commit marker and is written
/// last, so a crash at any point leaves an article row that does not yet match the new record and the retry does the
/// whole write again; every step is idempotent:
/// <list type="number">
/// <item>read the article row and the failure mark (one partition query): same content hash, pipeline version and index layout → unchanged (the write had completed);</item>
/// <item>read the record blob: its index rows and stale rows are every row earlier versions may have left (skipped when there
/// is no article row: the blob is then written if-none-match <c>*</c> first, and read only when that finds one);</item>
/// <item>write the blob (conditional on the ETag read) with the new record, its rows and the rows to delete — a
/// write-ahead list, so a crash after this point still knows them;</item>
/// <item>upsert the new index rows and delete the stale ones, both in one entity-group transaction per table and partition
/// (a missing row is not an error);</item>
/// <item>recount the entity names that changed — all of them when the blob read was from an unfinished write;</item>
/// <item>write the article row; clear the failure row when the first read found its mark.</item>
/// </list>
/// </summary>
/// <param name="articles">Article rows.</param>
/// <param name="records">Record blobs.</param>
/// <param name="index">Index rows.</param>
/// <param name="entityNames">Entity-name counts.</param>
/// <param name="failures">Failure rows.</param>
/// <param name="logger">Logger (the store's category).</param>
/// <param name="time">Clock of <see cref="StoredRecord.FirstStoredAt"/>.</param>
internal sealed class ArticleUpsert(
    ArticleRows articles,
    RecordBlobStore records,
    IndexWriter index,
    EntityNameCounter entityNames,
    FailureStore failures,
    ILogger logger,
    TimeProvider time)
{
    /// <summary>Attempts when concurrent writers of one article keep replacing the record blob.</summary>
    internal const int MaxAttempts = 5;

    /// <summary>Writes the record, starting again (up to <see cref="MaxAttempts"/> times) when another writer won the blob.</summary>
    /// <exception cref="RequestFailedException">The storage service failed, or the last attempt lost the blob.</exception>
    public async Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertOnceAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                // Another writer replaced the record blob since this attempt read it: start again from its version.
                logger.LogWarning("Concurrent upsert of {ArticleId} detected; retrying (attempt {Attempt})", record.Id, attempt);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is the conditional blob write losing to another writer: 412 <c>ConditionNotMet</c>
    /// (if-match) or 409 <c>BlobAlreadyExists</c> (if-none-match). Lease errors share those statuses but not the codes, and
    /// are not retried as races.
    /// </summary>
    internal static bool IsLostRace(RequestFailedException ex) =>
        (ex.Status == 412 && ex.ErrorCode == BlobErrorCode.ConditionNotMet) ||
        (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.BlobAlreadyExists);

    private async Task<UpsertOutcome> UpsertOnceAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(record.Id);
        // One request: the article row and the failure mark (whether a failure row exists to clear).
        var partition = await articles.GetRowsAsync(idKey, cancellationToken).ConfigureAwait(false);
        var commit = partition.Commit;
        bool failed = partition.FailureMark is not null;
        (string? ContentHash, string? PipelineVersion)? existing = commit is { } c ? (c.ContentHash, c.PipelineVersion) : null;
        // Rows of an older layout are rewritten even for the same record (a reprocess brings them up to date).
        if (commit is { } current && current.ContentHash == record.ContentHash && current.PipelineVersion == record.PipelineVersion &&
            current.Layout == ArticleIndex.Layout)
        {
            if (failed)
                await failures.ClearAsync(idKey, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Article {ArticleId} unchanged (pipeline {PipelineVersion})", record.Id, record.PipelineVersion);
            return UpsertOutcome.Unchanged;
        }

        if (commit is null && await TryCreateAsync(record, failed, cancellationToken).ConfigureAwait(false) is { } created)
            return created;

        var (previous, previousETag) = await records.ReadAsync(record.Id, cancellationToken).ConfigureAwait(false);
        // Kept from the first write on (a withdrawn record keeps it too); only a deletion forgets it.
        var firstStoredAt = previous?.FirstStoredAt ?? time.GetUtcNow();
        var rows = ArticleIndex.Build(record, firstStoredAt);
        var refs = rows.Select(r => r.Ref).ToHashSet();
        // A blob the article row vouches for was fully written (its stale rows are gone); any other blob came from a write
        // that stopped part-way, so all the rows it names may exist and its entity counts are unknown.
        bool previousCommitted = previous is not null && previous.IsCommittedBy(existing);
        var earlier = (previousCommitted ? previous!.Refs() : previous?.AllRefs() ?? []).ToHashSet();
        var stale = earlier.Where(r => !refs.Contains(r)).ToList();

        await records.WriteAsync(record, refs, stale, previousETag, firstStoredAt, cancellationToken).ConfigureAwait(false);
        var recount = EntityNameCounter.KeysToRecount(earlier, refs, onlyChanges: previousCommitted);
        return await CompleteAsync(record, rows, stale, recount, created: existing is null, failed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first write of an article without an article row: the record blob is written if-none-match <c>*</c> without reading
    /// it first (no blob means no rows of earlier versions), saving the blob read of the general path. Null when a blob exists
    /// (a withdrawn record, or a write that stopped before its article row): the caller then reads it and goes the general way.
    /// </summary>
    private async Task<UpsertOutcome?> TryCreateAsync(ArticleRecord record, bool failed, CancellationToken cancellationToken)
    {
        var firstStoredAt = time.GetUtcNow();
        var rows = ArticleIndex.Build(record, firstStoredAt);
        var refs = rows.Select(r => r.Ref).ToHashSet();
        try
        {
            await records.WriteAsync(record, refs, [], previousETag: null, firstStoredAt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return null;
        }
        var recount = EntityNameCounter.KeysToRecount([], refs, onlyChanges: false);
        return await CompleteAsync(record, rows, [], recount, created: true, failed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The steps after the blob write: index rows, stale rows, entity counts, article row, and the failure row when the first
    /// read found its mark (<paramref name="failed"/>; no mark means no failure row, so nothing is deleted).
    /// </summary>
    private async Task<UpsertOutcome> CompleteAsync(ArticleRecord record, IReadOnlyList<IndexRow> rows, IReadOnlyList<IndexRowRef> stale,
        IReadOnlySet<string> recount, bool created, bool failed, CancellationToken cancellationToken)
    {
        // New rows and stale rows of one partition go in one transaction; the blob written before lists both.
        await index.WriteAsync(rows, stale, cancellationToken).ConfigureAwait(false);
        await entityNames.RecountAsync(recount, rows, cancellationToken).ConfigureAwait(false);

        await articles.WriteAsync(record, RecordBlobStore.BlobName(record.Id), rows.Count, cancellationToken).ConfigureAwait(false);
        if (failed)
            await failures.ClearAsync(TableKeys.Escape(record.Id), cancellationToken).ConfigureAwait(false);
        var outcome = created ? UpsertOutcome.Created : UpsertOutcome.Updated;
        logger.LogDebug("Article {ArticleId} {Outcome}: {IndexRows} index rows, {StaleRows} stale rows removed, {Recounted} entity counts updated",
            record.Id, outcome, rows.Count, stale.Count, recount.Count);
        return outcome;
    }
}

using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Core.Telemetry;
using Ingest.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Core;

/// <summary>Options of <see cref="IngestService"/>, bound from the <c>IngestOptions</c> configuration section.</summary>
public sealed class IngestOptions
{
    /// <summary>Largest article file accepted, in bytes (default 10 MiB). Larger blobs get a failure record and stay in place.</summary>
    public long MaxArticleBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>How an ingest attempt ended.</summary>
public enum IngestStatus
{
    /// <summary>A new or changed record was stored.</summary>
    Stored,
    /// <summary>The stored record already had this content hash and pipeline version.</summary>
    Unchanged,
    /// <summary>The file could not be processed; a failure record was stored and the blob was left as it is.</summary>
    Failed,
    /// <summary>The blob no longer exists; what was stored for it was removed.</summary>
    Deleted,
}

/// <summary>The result of <see cref="IngestService.IngestAsync"/>.</summary>
/// <param name="ArticleId">Id of the article (derived from the blob path).</param>
/// <param name="Status">What happened.</param>
/// <param name="Failure">The failure record when <paramref name="Status"/> is <see cref="IngestStatus.Failed"/>.</param>
public sealed record IngestOutcome(string ArticleId, IngestStatus Status, IngestFailure? Failure = null);

/// <summary>
/// Runs the pipeline on one article file and stores the record (or a failure record). The entry point
/// that blob triggers, queue triggers and the CLI call; it has no Azure dependency.
/// </summary>
public sealed class IngestService(
    ArticleExtractor extractor,
    IArticleStore store,
    IRawDocumentStore rawStore,
    IReprocessQueue reprocessQueue,
    IOptions<IngestOptions> options,
    ILogger<IngestService> logger,
    ITemplateMemory? templateMemory = null,
    TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Reads <paramref name="content"/>, extracts the article and stores it.</summary>
    /// <param name="source">Blob path of the file.</param>
    /// <param name="content">The file's bytes; read to the end (at most <see cref="IngestOptions.MaxArticleBytes"/> + 1 bytes).</param>
    /// <param name="force">Process even when the stored record has the same content hash and pipeline version.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The outcome. Bad input does not throw: it yields <see cref="IngestStatus.Failed"/> and a stored failure record.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<IngestOutcome> IngestAsync(SourceRef source, Stream content, bool force = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(content);
        using var span = IngestTelemetry.Source.StartActivity("ingest.article");
        span?.SetTag("ingest.source", source.ToString());
        try
        {
            var outcome = await IngestCoreAsync(source, content, force, cancellationToken).ConfigureAwait(false);
            Count(outcome, span);
            return outcome;
        }
        catch (Exception ex) when (span is not null)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>Counts an outcome in <see cref="IngestTelemetry.ArticlesProcessed"/> and tags the article's span with it.</summary>
    private static void Count(IngestOutcome outcome, System.Diagnostics.Activity? span)
    {
        string status = outcome.Status.ToString().ToLowerInvariant();
        IngestTelemetry.ArticlesProcessed.Add(1, new KeyValuePair<string, object?>(IngestTelemetry.StatusTag, status));
        span?.SetTag("ingest.article_id", outcome.ArticleId);
        span?.SetTag(IngestTelemetry.StatusTag, status);
        if (outcome.Failure is { } failure)
            span?.SetTag(IngestTelemetry.StageTag, failure.Stage);
    }

    private async Task<IngestOutcome> IngestCoreAsync(SourceRef source, Stream content, bool force, CancellationToken cancellationToken)
    {
        string id = ArticleIds.For(source);
        long max = options.Value.MaxArticleBytes;

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(content, max, cancellationToken).ConfigureAwait(false);
        }
        catch (ArticleTooLargeException ex)
        {
            return await FailAsync(source, id, "read", ex.Message, nameof(ArticleTooLargeException), ex.ContentHash, ex.Size, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            return await FailAsync(source, id, "read", "The file could not be read: " + ex.Message, ex.GetType().Name, null, -1,
                cancellationToken).ConfigureAwait(false);
        }

        string hash = ArticleIds.ContentHash(bytes);
        if (!force)
        {
            var state = await store.GetStateAsync(id, cancellationToken).ConfigureAwait(false);
            if (state is not null && state.ContentHash == hash && state.PipelineVersion == extractor.PipelineVersion)
            {
                logger.LogInformation("Skipped {Source}: unchanged since pipeline {PipelineVersion}", source, state.PipelineVersion);
                return new IngestOutcome(id, IngestStatus.Unchanged);
            }
        }

        ArticleRecord record;
        try
        {
            // One run: the template stage asks the memory for the publisher's lines once the publisher is known.
            var extraction = await extractor.ExtractAsync(source, bytes, templateMemory, cancellationToken).ConfigureAwait(false);
            record = extraction.Record;
            if (templateMemory is not null && record.Publisher is { } publisher)
                await ObserveTemplateAsync(templateMemory, publisher, id, extraction.TemplateCandidates, cancellationToken).ConfigureAwait(false);
        }
        catch (StageFailedException ex)
        {
            string reason = ex.InnerException is ArticleRejectedException rejected ? rejected.Message : ex.Message;
            string type = (ex.InnerException ?? ex).GetType().Name;
            // A rejection is the expected answer to bad input: no stack trace. Anything else is a bug worth one.
            if (ex.InnerException is ArticleRejectedException)
                logger.LogInformation("Rejected {Source} in stage {Stage}: {Reason}", source, ex.Stage, reason);
            else
                logger.LogWarning(ex, "Pipeline failed on {Source} in stage {Stage}", source, ex.Stage);
            return await FailAsync(source, id, ex.Stage, reason, type, hash, bytes.Length, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await store.UpsertAsync(record, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Stored {ArticleId} from {Source}: {Outcome}", id, source, outcome);
        return new IngestOutcome(id, outcome == UpsertOutcome.Unchanged ? IngestStatus.Unchanged : IngestStatus.Stored);
    }

    /// <summary>
    /// Lets the template memory learn the article's chrome lines. The memory is an optimisation: when it fails (storage
    /// down, throttled, a conflict that outlived its retries) the article is stored all the same and the failure logged.
    /// </summary>
    private async Task ObserveTemplateAsync(ITemplateMemory memory, string publisher, string id, IReadOnlyList<string> lines,
        CancellationToken cancellationToken)
    {
        try
        {
            await memory.ObserveAsync(publisher, id, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Template memory of {Publisher} could not learn from {ArticleId}", publisher, id);
        }
    }

    /// <summary>
    /// Whether a blob is known to be over <see cref="IngestOptions.MaxArticleBytes"/> already: its stored failure record is a
    /// too-large failure (<see cref="ArticleTooLargeException"/>) of the same size, recorded at or after the blob's last
    /// modification. A poller that lists blobs with their size and last-modified time asks this before downloading one, so
    /// a file of many megabytes that failed once is not read to the end again at every host start.
    /// </summary>
    /// <param name="source">Blob path of the file.</param>
    /// <param name="sizeBytes">The blob's size in bytes, from the listing.</param>
    /// <param name="lastModified">The blob's last-modified time, from the listing (the storage service's clock).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when the blob needs no new attempt; false when it is within the limit (one read of the failure
    /// record only for blobs over it), changed since the failure, or never failed for its size.</returns>
    /// <remarks>The failure's time is the host's clock and the blob's the storage service's: a blob rewritten with exactly
    /// the same size within the skew between the two clocks of its failure would be missed until it changes again or is
    /// reprocessed (<see cref="ReprocessAsync"/> always reads).</remarks>
    public async Task<bool> IsKnownTooLargeAsync(SourceRef source, long sizeBytes, DateTimeOffset lastModified,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (sizeBytes <= options.Value.MaxArticleBytes)
            return false;
        var failure = await store.GetFailureAsync(ArticleIds.For(source), cancellationToken).ConfigureAwait(false);
        return failure is { ErrorType: nameof(ArticleTooLargeException) }
            && failure.SizeBytes == sizeBytes
            && failure.FailedAt >= lastModified;
    }

    /// <summary>
    /// Reads the blob of <paramref name="source"/> again and re-runs the pipeline on it (forced). When the blob no longer
    /// exists, what was stored for it is removed (<see cref="IngestStatus.Deleted"/>), so it is not queued again.
    /// </summary>
    /// <param name="source">Blob path of the file.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The outcome.</returns>
    public async Task<IngestOutcome> ReprocessAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var stream = await rawStore.OpenReadAsync(source, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            logger.LogInformation("Reprocess of {Source}: the blob no longer exists; removing its record", source);
            return await DeleteAsync(source, cancellationToken).ConfigureAwait(false);
        }
        return await IngestAsync(source, stream, force: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the record, index rows and failure record of a blob that was deleted (Event Grid <c>BlobDeleted</c>, the
    /// local poller, a reprocess that finds no blob, or <c>DELETE /api/articles/{id}</c>). Idempotent.
    /// </summary>
    /// <param name="source">Blob path of the deleted file.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>An outcome with <see cref="IngestStatus.Deleted"/>.</returns>
    public async Task<IngestOutcome> DeleteAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string id = ArticleIds.For(source);
        bool existed = await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Removed {ArticleId} of deleted blob {Source}: {Existed}", id, source, existed ? "removed" : "nothing stored");
        var outcome = new IngestOutcome(id, IngestStatus.Deleted);
        Count(outcome, System.Diagnostics.Activity.Current);
        return outcome;
    }

    /// <summary>
    /// Removes what is stored for a blob that a deletion notice names (Event Grid <c>BlobDeleted</c>), unless the blob exists
    /// again: deleted and uploaded anew before the notice arrived, the new file is processed by its own upload's trigger and
    /// its record must stay.
    /// </summary>
    /// <param name="source">Blob path the notice names.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="IngestStatus.Deleted"/> when the blob is gone (whether or not anything was stored), else
    /// <see cref="IngestStatus.Unchanged"/> with nothing removed.</returns>
    public async Task<IngestOutcome> DeleteIfGoneAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (await rawStore.ExistsAsync(source, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Deletion notice for {Source} ignored: the blob exists again", source);
            return new IngestOutcome(ArticleIds.For(source), IngestStatus.Unchanged);
        }
        return await DeleteAsync(source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a failure record for a blob the host gave up on after <paramref name="attempts"/> tries that threw (storage
    /// errors, host crashes): a poison message, or the local poller's last try. The blob stays; it is tried again when it
    /// changes or is reprocessed.
    /// </summary>
    /// <param name="source">Blob path of the file.</param>
    /// <param name="attempts">Tries made.</param>
    /// <param name="lastError">The last error's message when known.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>An outcome with <see cref="IngestStatus.Failed"/> and the failure record.</returns>
    public Task<IngestOutcome> RecordGaveUpAsync(SourceRef source, int attempts, string? lastError,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string reason = $"Processing failed {attempts} times and the host gave up" +
            (string.IsNullOrWhiteSpace(lastError) ? "." : ": " + lastError.Split('\n')[0].Trim()) +
            " The file is kept; it is tried again when it changes or is reprocessed.";
        return FailAsync(source, ArticleIds.For(source), "host", reason, "GaveUp", null, -1, cancellationToken);
    }

    /// <summary>Queues every stored article whose pipeline version is not the current one.</summary>
    /// <returns>The number of articles queued.</returns>
    public async Task<int> EnqueueOutdatedAsync(CancellationToken cancellationToken = default)
    {
        int n = 0;
        await foreach (var state in store.ListOutdatedAsync(extractor.PipelineVersion, cancellationToken).ConfigureAwait(false))
        {
            await reprocessQueue.EnqueueAsync(state.Source, cancellationToken).ConfigureAwait(false);
            n++;
        }
        logger.LogInformation("Queued {Count} articles for reprocessing to pipeline {PipelineVersion}", n, extractor.PipelineVersion);
        return n;
    }

    private async Task<IngestOutcome> FailAsync(SourceRef source, string id, string stage, string reason, string errorType,
        string? hash, long size, CancellationToken cancellationToken)
    {
        var failure = new IngestFailure
        {
            Id = id, Source = source, Stage = stage, Reason = reason, ErrorType = errorType,
            PipelineVersion = extractor.PipelineVersion, ContentHash = hash, SizeBytes = size,
            FailedAt = _time.GetUtcNow(),
        };
        // A record of other content (the blob was overwritten by this failing file) no longer describes the blob: take it
        // out of the lists first (kept as the last record), then record the failure; a crash in between is redone.
        if (hash is not null && await store.WithdrawAsync(id, hash, cancellationToken).ConfigureAwait(false))
            logger.LogInformation("Withdrew the record of {ArticleId}: its blob now holds other content that fails", id);
        await store.RecordFailureAsync(failure, cancellationToken).ConfigureAwait(false);
        IngestTelemetry.Failures.Add(1, new KeyValuePair<string, object?>(IngestTelemetry.StageTag, stage),
            new KeyValuePair<string, object?>("error.type", errorType));
        logger.LogInformation("Recorded failure for {Source} in stage {Stage}: {Reason}", source, stage, reason);
        return new IngestOutcome(id, IngestStatus.Failed, failure);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        byte[] chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            hash.AppendData(chunk, 0, read);
            if (total <= max)
                buffer.Write(chunk, 0, read);
        }
        if (total > max)
        {
            // Read to the end without keeping the bytes, so the failure record carries the real size and hash.
            throw new ArticleTooLargeException(
                $"The file is {total / (1024.0 * 1024.0):F1} MiB, larger than the {max / (1024 * 1024)} MiB limit for one article (IngestOptions:MaxArticleBytes).",
                total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        return buffer.ToArray();
    }
}

/// <summary>Thrown when an article file is over <see cref="IngestOptions.MaxArticleBytes"/>.</summary>
public sealed class ArticleTooLargeException(string message, long size, string? contentHash = null) : Exception(message)
{
    /// <summary>Size of the file in bytes.</summary>
    public long Size { get; } = size;

    /// <summary>SHA-256 of the whole file, lowercase hex, or null when it was not read to the end.</summary>
    public string? ContentHash { get; } = contentHash;
}

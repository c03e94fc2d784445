using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Core;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions;
using Ingest.Functions.Functions;
using Microsoft.Extensions.Options;

namespace Ingest.LocalHost;

/// <summary>
/// Fires <see cref="BlobIngestFunction"/> for every new or changed blob of the ingest container: lists the container
/// every <see cref="LocalHostOptions.BlobPollInterval"/> and remembers each blob's ETag.
/// </summary>
/// <remarks>
/// Why a poller and not the WebJobs SDK (Microsoft.Azure.WebJobs 3.0.48 with its storage extensions): the WebJobs SDK
/// indexes its own attributes (<c>[FunctionName]</c>, <c>Microsoft.Azure.WebJobs.BlobTrigger</c>), not the isolated
/// worker's <c>[Function]</c>/<c>Microsoft.Azure.Functions.Worker.BlobTrigger</c>, so it could not run the same function
/// classes without a second set of adapter functions. Listing one container with ETags is a few lines, and has latency
/// of at most one interval.
/// <para>Each blob runs on its own (at most <see cref="LocalHostOptions.BlobParallelism"/> at once): a listing never waits
/// for earlier blobs, so a slow blob delays no other by more than one poll interval.</para>
/// <para>Failures: bad input never throws (IngestService stores a failure record). An exception (storage down) is
/// logged and the blob is tried again on the next listing, at most <see cref="IngestSettings.MaxDequeueCount"/> times;
/// then <see cref="BlobPoisonFunction"/> records a failure, as the Functions host's poison queue does in Azure.</para>
/// <para>Deletions: a blob seen before that is gone from a complete listing has its record removed
/// (<see cref="IngestService.DeleteAsync"/>); deletions while the host was down are found by the repair pass
/// (<see cref="IStoreRepair"/>), run at start and every <see cref="LocalHostOptions.ReconcileInterval"/>. Each
/// reconcile also offers again every blob done earlier whose record or failure is no longer stored, so a write that was
/// acknowledged and then lost is redone (one state read per blob, no download).</para>
/// </remarks>
internal sealed class BlobPollingWorker(
    BlobServiceClient blobService,
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<LocalHostOptions> options,
    ILogger<BlobPollingWorker> logger,
    PollSignal signal) : BackgroundService
{
    /// <summary>The function this worker fires.</summary>
    internal const string Function = nameof(BlobIngestFunction);

    /// <summary>The container it lists: <c>%IngestContainer%</c> as the Functions app resolves it.</summary>
    internal static string ContainerName(IConfiguration configuration) => IngestSettings.Container(configuration);

    private readonly ConcurrentDictionary<string, ETag> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ETag> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ETag ETag, int Tries)> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private SemaphoreSlim? _slots;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobService.GetBlobContainerClient(ContainerName(configuration));
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.BlobParallelism));
        logger.LogInformation("Watching container {Container} every {Interval}", container.Name, options.Value.BlobPollInterval);
        await ReconcileAsync(stoppingToken);
        var nextReconcile = DateTimeOffset.UtcNow + options.Value.ReconcileInterval;
        using var timer = new PeriodicTimer(options.Value.BlobPollInterval);
        try
        {
            do
            {
                if (DateTimeOffset.UtcNow >= nextReconcile)
                {
                    await ReconcileAsync(stoppingToken);
                    await ForgetLostAsync(container.Name, stoppingToken);
                    nextReconcile = DateTimeOffset.UtcNow + options.Value.ReconcileInterval;
                }
                try
                {
                    await PollOnceAsync(container, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    logger.LogWarning("Listing container {Container} failed: {Error}", container.Name, ex.Message.Split('\n')[0]);
                }
            }
            while (await NextListingAsync(timer, stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_running.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The waits not yet consumed: PeriodicTimer allows one wait at a time, and a wait on the signal that lost to a tick
    // still takes the next wake, so whichever did not complete is kept for the next round.
    private Task<bool>? _tick;
    private Task? _woken;

    /// <summary>Waits for the next tick of <paramref name="timer"/> or a <see cref="PollSignal.Wake"/>, whichever comes first;
    /// false when the timer was disposed.</summary>
    private async Task<bool> NextListingAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        _tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
        _woken ??= signal.WaitAsync(stoppingToken);
        var first = await Task.WhenAny(_tick, _woken).ConfigureAwait(false);
        if (first == _tick)
        {
            _tick = null;
            return await ((Task<bool>)first).ConfigureAwait(false);
        }
        _woken = null;
        await first.ConfigureAwait(false); // throws when cancelled
        return true;
    }

    /// <summary>The repair pass (<see cref="IStoreRepair"/>); sources whose record was lost go to the reprocess queue.</summary>
    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await services.GetRequiredService<IStoreRepair>().RepairAsync(cancellationToken);
            var queue = services.GetRequiredService<IReprocessQueue>();
            foreach (var source in report.Requeue)
                await queue.EnqueueAsync(source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Repair pass failed: {Error}; it runs again in {Interval}", ex.Message.Split('\n')[0],
                options.Value.ReconcileInterval);
        }
    }

    /// <summary>
    /// Forgets the blobs done earlier whose article or failure record is no longer stored (an acknowledged write that
    /// storage lost), so the next listing offers them again: one state read each, no download.
    /// </summary>
    private async Task ForgetLostAsync(string containerName, CancellationToken cancellationToken)
    {
        try
        {
            var store = services.GetRequiredService<IArticleStore>();
            foreach (string name in _done.Keys.ToList())
            {
                if (await store.GetStateAsync(ArticleIds.For(new SourceRef(containerName, name)), cancellationToken) is null)
                    _done.TryRemove(name, out _);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Checking processed blobs against the store failed: {Error}", ex.Message.Split('\n')[0]);
        }
    }

    private async Task PollOnceAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            present.Add(blob.Name);
            ETag etag = blob.Properties.ETag ?? default;
            if (_inFlight.ContainsKey(blob.Name) || (_done.TryGetValue(blob.Name, out var seen) && seen == etag))
                continue;
            long size = blob.Properties.ContentLength ?? 0;
            DateTimeOffset modified = blob.Properties.LastModified ?? DateTimeOffset.MaxValue;
            Start(() => IngestOneAsync(container, blob.Name, etag, size, modified, cancellationToken), blob.Name, etag);
        }

        // A complete listing without a blob seen before: it was deleted.
        foreach (string gone in _done.Keys.Concat(_failed.Keys).Distinct().Where(k => !present.Contains(k) && !_inFlight.ContainsKey(k)).ToList())
            Start(() => DeleteOneAsync(container, gone, cancellationToken), gone, default);
    }

    private void Start(Func<Task> work, string name, ETag etag)
    {
        _inFlight[name] = etag;
        Task task = Task.Run(async () =>
        {
            try
            {
                await _slots!.WaitAsync();
                try
                {
                    await work();
                }
                finally
                {
                    _slots.Release();
                }
            }
            finally
            {
                _inFlight.TryRemove(name, out _);
            }
        });
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task IngestOneAsync(BlobContainerClient container, string name, ETag etag, long size, DateTimeOffset modified,
        CancellationToken cancellationToken)
    {
        if (await IsKnownTooLargeAsync(new SourceRef(container.Name, name), size, modified, cancellationToken))
        {
            _done[name] = etag;
            return;
        }
        string? error = await FireAsync(container, name, cancellationToken);
        if (error is null)
        {
            _done[name] = etag;
            _failed.TryRemove(name, out _);
            return;
        }
        if (cancellationToken.IsCancellationRequested)
            return;
        int tries = _failed.TryGetValue(name, out var f) && f.ETag == etag ? f.Tries + 1 : 1;
        if (tries < IngestSettings.MaxDequeueCount)
        {
            _failed[name] = (etag, tries);
            return;
        }
        try
        {
            await services.GetRequiredService<BlobPoisonFunction>()
                .RecordAsync(new SourceRef(container.Name, name), tries, error, cancellationToken);
            _done[name] = etag;
            _failed.TryRemove(name, out _);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage is still down: keep the count, so the next listing tries the blob and then the record again.
            _failed[name] = (etag, tries);
            logger.LogWarning("Recording the failure of {BlobName} failed: {Error}", name, ex.Message.Split('\n')[0]);
        }
    }

    private async Task DeleteOneAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IngestService>().DeleteAsync(new SourceRef(container.Name, name), cancellationToken);
            _done.TryRemove(name, out _);
            _failed.TryRemove(name, out _);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Removing the record of deleted blob {BlobName} failed: {Error}; tried again on the next listing",
                name, ex.Message.Split('\n')[0]);
        }
    }

    /// <summary>
    /// Whether a blob over the size limit already has its too-large failure (after a host restart the poller has forgotten
    /// which blobs it did); a storage error here just means the blob is tried as usual.
    /// </summary>
    private async Task<bool> IsKnownTooLargeAsync(SourceRef source, long size, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        try
        {
            if (!await services.GetRequiredService<IngestService>().IsKnownTooLargeAsync(source, size, modified, cancellationToken))
                return false;
            logger.LogInformation("Skipped {BlobName}: it already failed as too large ({Size} bytes) and has not changed since", source.Name, size);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs the function on one blob; null when it ran (or the blob is gone), else the error's message.</summary>
    private async Task<string?> FireAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var function = services.GetRequiredService<BlobIngestFunction>();
            var download = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            await function.RunAsync(content, name, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // Only the blob itself missing means deleted; a missing container or table is an error to retry.
            logger.LogInformation("Blob {BlobName} was deleted before it was processed", name);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("BlobIngestFunction failed on {BlobName}: {Error}", name, ex.Message.Split('\n')[0]);
            return ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
        }
    }
}

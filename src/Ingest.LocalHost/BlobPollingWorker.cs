using Azure;
using Azure.Storage.Blobs;
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
/// classes without a second set of adapter functions; it also brings an in-process host with its own blob receipts,
/// lease management and a scan interval of its own. Listing one container with ETags is a few lines, has latency of
/// at most one interval, and behaves like the Event Grid trigger in Azure (new and overwritten blobs fire, deletions do not).
/// <para>Failures: bad input never throws (IngestService stores a failure record). An exception (storage down) is
/// logged and the blob is tried again on the next listing, at most <see cref="IngestSettings.MaxDequeueCount"/> times,
/// like the Functions blob trigger before it gives up on a blob. Blobs present at start are offered too; the service
/// skips those whose content hash and pipeline version are already stored.</para>
/// </remarks>
internal sealed class BlobPollingWorker(
    BlobServiceClient blobService,
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<LocalHostOptions> options,
    ILogger<BlobPollingWorker> logger) : BackgroundService
{
    /// <summary>The function this worker fires.</summary>
    internal const string Function = nameof(BlobIngestFunction);

    /// <summary>The container it lists: <c>%IngestContainer%</c> as the Functions app resolves it.</summary>
    internal static string ContainerName(IConfiguration configuration) => IngestSettings.Container(configuration);

    private readonly Dictionary<string, ETag> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ETag ETag, int Tries)> _failed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobService.GetBlobContainerClient(ContainerName(configuration));
        logger.LogInformation("Watching container {Container} every {Interval}", container.Name, options.Value.BlobPollInterval);
        using var timer = new PeriodicTimer(options.Value.BlobPollInterval);
        do
        {
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
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PollOnceAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<(string Name, ETag ETag)>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            present.Add(blob.Name);
            ETag etag = blob.Properties.ETag ?? default;
            if (_done.TryGetValue(blob.Name, out var seen) && seen == etag)
                continue;
            changed.Add((blob.Name, etag));
        }
        foreach (string gone in _done.Keys.Where(k => !present.Contains(k)).ToList())
            _done.Remove(gone);
        if (changed.Count == 0)
            return;

        var results = new System.Collections.Concurrent.ConcurrentBag<(string Name, ETag ETag, bool Ok)>();
        await Parallel.ForEachAsync(changed,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.BlobParallelism), CancellationToken = cancellationToken },
            async (blob, ct) => results.Add((blob.Name, blob.ETag, await FireAsync(container, blob.Name, ct))));

        foreach (var (name, etag, ok) in results)
        {
            if (ok)
            {
                _done[name] = etag;
                _failed.Remove(name);
                continue;
            }
            int tries = _failed.TryGetValue(name, out var f) && f.ETag == etag ? f.Tries + 1 : 1;
            if (tries >= IngestSettings.MaxDequeueCount)
            {
                logger.LogError("Giving up on blob {BlobName} after {Tries} failed tries; it is tried again when it changes", name, tries);
                _done[name] = etag;
                _failed.Remove(name);
            }
            else
            {
                _failed[name] = (etag, tries);
            }
        }
    }

    /// <summary>Runs the function on one blob; false when it threw (storage trouble), true otherwise.</summary>
    private async Task<bool> FireAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var function = services.GetRequiredService<BlobIngestFunction>();
            var download = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            await function.RunAsync(content, name, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogInformation("Blob {BlobName} was deleted before it was processed", name);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "BlobIngestFunction failed on {BlobName}", name);
            return false;
        }
    }
}

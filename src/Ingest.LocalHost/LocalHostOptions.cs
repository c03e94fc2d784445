namespace Ingest.LocalHost;

/// <summary>Settings of the local host itself, bound from the <c>LocalHost</c> section (env <c>LocalHost__Port</c> …).</summary>
public sealed class LocalHostOptions
{
    /// <summary>Section name.</summary>
    public const string SectionName = "LocalHost";

    /// <summary>HTTP port on 127.0.0.1 (default 7071, the port of <c>func start</c>).</summary>
    public int Port { get; set; } = 7071;

    /// <summary>How often the blob container is listed for new or changed blobs (default 1 s).</summary>
    public TimeSpan BlobPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the queue poller waits after finding the queue empty (default 1 s).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Blobs processed at the same time (default 4, like host.json <c>blobs.maxDegreeOfParallelism</c>).</summary>
    public int BlobParallelism { get; set; } = 4;

    /// <summary>
    /// How often the store is repaired (<c>IStoreRepair</c>: unfinished writes, records of deleted blobs, orphan index
    /// rows, entity counts) and processed blobs whose record was lost are offered again (default 5 min). The pass also
    /// runs at start.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);
}

using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using Ingest.Core.Telemetry;
using Ingest.Functions.Functions;
using Ingest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Telemetry;

/// <summary>
/// The <c>ingest.queue.depth</c> gauge ({message}): approximate message counts of the reprocess queue, its poison queue and
/// the blob trigger's poison queue (tag <c>messaging.destination.name</c>), read every <see cref="Interval"/> in the background
/// (an observable gauge's callback cannot wait on storage), so an export reports the last reading. A queue that does not
/// exist or cannot be read reports nothing until it can.
/// </summary>
public sealed class QueueDepthGauge : BackgroundService
{
    /// <summary>Time between two readings.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly QueueServiceClient _queues;
    private readonly ILogger<QueueDepthGauge> _logger;
    private readonly string[] _names;
    private readonly Dictionary<string, long> _depths = new(StringComparer.Ordinal);

    /// <summary>Creates the gauge over the queues of <paramref name="options"/>.</summary>
    public QueueDepthGauge(QueueServiceClient queues, IOptions<StorageOptions> options, ILogger<QueueDepthGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _logger = logger;
        var names = new StorageNames(options.Value);
        _names = [names.ReprocessQueue, names.ReprocessPoisonQueue, BlobPoisonFunction.PoisonQueue];
        IngestTelemetry.Meter.CreateObservableGauge("ingest.queue.depth", Observe, "{message}",
            "Approximate messages waiting in each queue (messaging.destination.name).");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (_depths)
            return [.. _depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("messaging.destination.name", d.Key)))];
    }

    /// <summary>Reads every queue's depth once; returns the readings (also kept for the gauge).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        foreach (string name in _names)
        {
            try
            {
                var properties = await _queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
                lock (_depths)
                    _depths[name] = properties.Value.ApproximateMessagesCount;
            }
            catch (Azure.RequestFailedException ex)
            {
                lock (_depths)
                    _depths.Remove(name);
                _logger.LogDebug("Queue depth of {Queue} not read: {Error}", name, ex.ErrorCode ?? ex.Message);
            }
        }
        lock (_depths)
            return new Dictionary<string, long>(_depths, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await ReadAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

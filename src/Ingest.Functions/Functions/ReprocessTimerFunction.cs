using Ingest.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>On the <c>ReprocessSchedule</c> (NCRONTAB with seconds), queues stored articles of an older pipeline version.</summary>
public sealed class ReprocessTimerFunction(IngestService ingest, ILogger<ReprocessTimerFunction> logger)
{
    /// <summary>Queues outdated articles; the queue trigger reprocesses them one by one.</summary>
    [Function(nameof(ReprocessTimerFunction))]
    public async Task RunAsync([TimerTrigger("%ReprocessSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
            logger.LogWarning("Reprocess timer is past due; running now (next run {Next})", timer.ScheduleStatus?.Next);
        int queued = await ingest.EnqueueOutdatedAsync(cancellationToken);
        logger.LogInformation("Reprocess timer queued {Count} articles", queued);
    }
}

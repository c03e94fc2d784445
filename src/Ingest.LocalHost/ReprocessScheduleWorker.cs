using System.Globalization;
using Cronos;
using Ingest.Functions;
using Ingest.Functions.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.LocalHost;

/// <summary>
/// Fires <see cref="ReprocessTimerFunction"/> on the <c>ReprocessSchedule</c> setting: an NCRONTAB expression with
/// seconds (<c>0 0 3 * * *</c>), as the Functions timer trigger reads it, in UTC; or a <c>hh:mm:ss</c> interval.
/// </summary>
internal sealed class ReprocessScheduleWorker(
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ReprocessScheduleWorker> logger) : BackgroundService
{
    /// <summary>The function this worker fires.</summary>
    internal const string Function = nameof(ReprocessTimerFunction);

    /// <summary>The schedule it follows: <c>%ReprocessSchedule%</c>, or null when the setting is empty (timer off).</summary>
    internal static string? Schedule(IConfiguration configuration) =>
        configuration[IngestSettings.ScheduleSetting] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>A run that starts this much later than scheduled is past due.</summary>
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(5);

    /// <summary>The schedule's next occurrence after <paramref name="after"/>.</summary>
    /// <exception cref="FormatException">The schedule is neither NCRONTAB with seconds nor an interval.</exception>
    internal static DateTimeOffset Next(string schedule, DateTimeOffset after)
    {
        if (!schedule.Contains(' ', StringComparison.Ordinal)
            && TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            return after + interval;
        var cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        return cron.GetNextOccurrence(after, TimeZoneInfo.Utc)
               ?? throw new FormatException($"The schedule '{schedule}' has no future occurrence.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? schedule = Schedule(configuration);
        if (schedule is null)
        {
            logger.LogWarning("No {Setting} configured; the reprocess timer is off", IngestSettings.ScheduleSetting);
            return;
        }
        DateTimeOffset? last = null;
        DateTimeOffset next;
        try
        {
            next = Next(schedule, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is CronFormatException or FormatException)
        {
            logger.LogError("{Setting} '{Schedule}' is not a valid NCRONTAB expression with seconds: {Error}",
                IngestSettings.ScheduleSetting, schedule, ex.Message);
            return;
        }
        logger.LogInformation("Reprocess timer scheduled '{Schedule}'; next run {Next:u}", schedule, next);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
                break;
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset following = Next(schedule, now);
            var info = new TimerInfo
            {
                IsPastDue = now - next > PastDueTolerance,
                ScheduleStatus = new ScheduleStatus { Last = (last ?? next).UtcDateTime, Next = following.UtcDateTime, LastUpdated = now.UtcDateTime },
            };
            try
            {
                await services.GetRequiredService<ReprocessTimerFunction>().RunAsync(info, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "ReprocessTimerFunction failed");
            }
            last = next;
            next = following;
        }
    }
}

using Ingest.LocalHost;

namespace Ingest.Functions.Tests;

public sealed class ReprocessScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 0 3 * * *", "2025-03-15T03:00:00Z")]
    [InlineData("*/20 * * * * *", "2025-03-14T12:00:20Z")]
    [InlineData("0 30 12 * * *", "2025-03-14T12:30:00Z")]
    [InlineData("00:05:00", "2025-03-14T12:05:00Z")]
    public void Next_follows_ncrontab_with_seconds_in_utc_or_an_interval(string schedule, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReprocessScheduleWorker.Next(schedule, Noon));

    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("every night")]
    public void Five_field_cron_and_garbage_are_rejected(string schedule) =>
        Assert.ThrowsAny<FormatException>(() => ReprocessScheduleWorker.Next(schedule, Noon));
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ingest.Core.Telemetry;

/// <summary>
/// The traces and metrics Ingest emits, on the .NET diagnostics APIs (<see cref="ActivitySource"/>, <see cref="Meter"/>) so
/// that the core library needs no telemetry package: a host subscribes with OpenTelemetry (<c>AddSource</c> and
/// <c>AddMeter</c> of <see cref="Name"/>) and chooses the exporter. Instruments follow the OpenTelemetry semantic-convention
/// style: dotted lower-case names, units in UCUM (<c>ms</c>, <c>{article}</c>).
/// </summary>
/// <remarks>
/// <para>Spans: <c>ingest.article</c> per file (tags <c>ingest.source</c>, <c>ingest.article_id</c>, <c>ingest.status</c>,
/// <c>ingest.stage</c> on failure) with one child <c>ingest.stage</c> span per pipeline stage (tag <c>ingest.stage</c>).</para>
/// <para>Metrics: <see cref="ArticlesProcessed"/>, <see cref="Failures"/>, <see cref="StageDuration"/>; hosts add the queue
/// depth gauge (<c>ingest.queue.depth</c>) with <see cref="Meter"/>.</para>
/// Without a listener every call here is a no-op check, so the pipeline's speed is unchanged when telemetry is off.
/// </remarks>
public static class IngestTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>Ingest</c>.</summary>
    public const string Name = "Ingest";

    /// <summary>The version the source and meter report: the pipeline version.</summary>
    public static string Version => PipelineInfo.Version;

    /// <summary>The activity source of Ingest's spans.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>The meter of Ingest's instruments.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>
    /// <c>ingest.articles.processed</c> ({article}): files that went through <see cref="IngestService"/>, tagged
    /// <c>ingest.status</c> = <c>stored</c>, <c>unchanged</c>, <c>failed</c> or <c>deleted</c>.
    /// </summary>
    public static Counter<long> ArticlesProcessed { get; } =
        Meter.CreateCounter<long>("ingest.articles.processed", "{article}", "Article files processed, by outcome (ingest.status).");

    /// <summary>
    /// <c>ingest.failures</c> ({failure}): failure records written, tagged <c>ingest.stage</c> (the stage charged: <c>read</c>,
    /// <c>decode</c>, <c>segment</c>, …, or <c>host</c> when the host gave up) and <c>error.type</c>.
    /// </summary>
    public static Counter<long> Failures { get; } =
        Meter.CreateCounter<long>("ingest.failures", "{failure}", "Failure records written, by stage (ingest.stage) and error type.");

    /// <summary><c>ingest.stage.duration</c> (ms): wall time of one pipeline stage on one article, tagged <c>ingest.stage</c>.</summary>
    public static Histogram<double> StageDuration { get; } =
        Meter.CreateHistogram<double>("ingest.stage.duration", "ms", "Time of one pipeline stage on one article (ingest.stage).");

    /// <summary>The tag of a stage name.</summary>
    public const string StageTag = "ingest.stage";

    /// <summary>The tag of an outcome.</summary>
    public const string StatusTag = "ingest.status";
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Azure.Storage.Queues;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Telemetry;
using Ingest.Functions.Telemetry;
using Ingest.Functions.Tests.EndToEnd;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ingest.Functions.Tests.Telemetry;

/// <summary>Runs alone: a <see cref="MeterListener"/> hears every test's measurements of the process-wide meter.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (not in parallel)";
}

/// <summary>Ingest's spans and metrics (<see cref="IngestTelemetry"/>) and the hosts' OpenTelemetry set-up.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly byte[] Story = Encoding.UTF8.GetBytes(
        "Ferry Returns to the Bay\n\nBy Test Writer\n\nThe ferry service across the bay resumed on Friday after a week of repairs " +
        "to the landing stage.\n\n\"Passengers can travel again,\" said Ada Quill, who runs the service.\n");

    /// <summary>Spans of <see cref="IngestTelemetry.Source"/> and measurements of its meter while it is alive.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly ActivityListener _spans;
        private readonly MeterListener _meters = new();

        public ConcurrentBag<Activity> Spans { get; } = [];
        public ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = [];

        public Recorder()
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name == IngestTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => Spans.Add(a),
            };
            ActivitySource.AddActivityListener(_spans);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestTelemetry.Name)
                    listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _meters.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
                dict[tag.Key] = tag.Value;
            Measurements.Add((instrument.Name, value, dict));
        }

        public void Dispose()
        {
            _spans.Dispose();
            _meters.Dispose();
        }
    }

    [Fact]
    public async Task An_ingest_makes_an_article_span_with_a_span_per_stage_and_counts_its_outcome()
    {
        var h = new Harness();
        var source = new SourceRef("articles", "telemetry/" + Guid.NewGuid().ToString("N") + ".txt");
        using var recorder = new Recorder();

        var outcome = await h.Ingest.IngestAsync(source, new MemoryStream(Story));

        Assert.Equal(IngestStatus.Stored, outcome.Status);
        var article = Assert.Single(recorder.Spans, s => s.OperationName == "ingest.article" && (string?)s.GetTagItem("ingest.source") == source.ToString());
        Assert.Equal("stored", article.GetTagItem(IngestTelemetry.StatusTag));
        Assert.Equal(outcome.ArticleId, article.GetTagItem("ingest.article_id"));
        string[] stages = [.. recorder.Spans.Where(s => s.ParentSpanId == article.SpanId && s.OperationName == "ingest.stage")
            .OrderBy(s => s.StartTimeUtc).Select(s => (string)s.GetTagItem(IngestTelemetry.StageTag)!)];
        Assert.Equal(ArticleExtractor.Default.Pipeline.Stages.Select(s => s.Name), stages);

        Assert.Contains(recorder.Measurements, m => m.Instrument == "ingest.articles.processed" && m.Value == 1 && (string?)m.Tags[IngestTelemetry.StatusTag] == "stored");
        var durations = recorder.Measurements.Where(m => m.Instrument == "ingest.stage.duration").ToList();
        Assert.Contains(durations, m => (string?)m.Tags[IngestTelemetry.StageTag] == "decode" && m.Value >= 0);
        Assert.Contains(durations, m => (string?)m.Tags[IngestTelemetry.StageTag] == "quotes");
    }

    [Fact]
    public async Task A_rejected_file_is_counted_as_a_failure_of_its_stage()
    {
        var h = new Harness();
        var source = new SourceRef("articles", "telemetry/" + Guid.NewGuid().ToString("N") + ".txt");
        using var recorder = new Recorder();

        var outcome = await h.Ingest.IngestAsync(source, new MemoryStream([]));

        Assert.Equal(IngestStatus.Failed, outcome.Status);
        var article = Assert.Single(recorder.Spans, s => s.OperationName == "ingest.article" && (string?)s.GetTagItem("ingest.source") == source.ToString());
        Assert.Equal("failed", article.GetTagItem(IngestTelemetry.StatusTag));
        Assert.Equal(outcome.Failure!.Stage, article.GetTagItem(IngestTelemetry.StageTag));
        Assert.Contains(recorder.Measurements, m => m.Instrument == "ingest.failures" && (string?)m.Tags[IngestTelemetry.StageTag] == outcome.Failure.Stage
            && (string?)m.Tags["error.type"] == outcome.Failure.ErrorType);
        Assert.Contains(recorder.Measurements, m => m.Instrument == "ingest.articles.processed" && (string?)m.Tags[IngestTelemetry.StatusTag] == "failed");
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_an_exporter_nothing_is_registered()
    {
        var services = new ServiceCollection();
        Assert.Null(services.AddIngestTelemetry(Settings()));
        Assert.Empty(services);
    }

    [Fact]
    public void The_console_exporter_registers_tracing_metrics_and_the_queue_gauge()
    {
        var services = new ServiceCollection();
        Assert.NotNull(services.AddIngestTelemetry(Settings(("Telemetry:Console", "true"))));
        Assert.Contains(services, d => d.ImplementationType == typeof(QueueDepthGauge));
        services.AddLogging();
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void Exporters_follow_the_settings_Azure_and_OTLP_set()
    {
        var all = TelemetryExporters.From(Settings(
            (IngestTelemetryExtensions.AzureMonitorConnectionSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")));
        Assert.Equal(new TelemetryExporters(true, true, false), all);
        Assert.False(TelemetryExporters.From(Settings(("Telemetry:Console", "false"))).Any);
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", "11111111-2222-3333-4444-555555555555")]
    [InlineData("Authorization=AAD; clientid = abc ", "abc")]
    [InlineData("Authorization=AAD", null)]
    [InlineData("ClientId=;Authorization=AAD", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_identity_comes_from_the_authentication_string(string? setting, string? clientId) =>
        Assert.Equal(clientId, IngestTelemetryExtensions.ClientIdOf(setting));

    [Fact]
    public async Task The_queue_gauge_reads_the_depth_of_each_queue()
    {
        string prefix = "qd" + Guid.NewGuid().ToString("N")[..10];
        var queues = new QueueServiceClient(LocalHostFixture.SharedConnectionString);
        var options = Options.Create(new StorageOptions { NamePrefix = prefix });
        var names = new StorageNames(options.Value);
        var reprocess = queues.GetQueueClient(names.ReprocessQueue);
        await reprocess.CreateAsync();
        try
        {
            await reprocess.SendMessageAsync("one");
            await reprocess.SendMessageAsync("two");
            var gauge = new QueueDepthGauge(queues, options, NullLogger<QueueDepthGauge>.Instance);

            var depths = await gauge.ReadAsync(CancellationToken.None);

            Assert.Equal(2, depths[names.ReprocessQueue]);
            Assert.False(depths.ContainsKey(names.ReprocessPoisonQueue)); // does not exist: no reading
        }
        finally
        {
            await reprocess.DeleteAsync();
        }
    }
}

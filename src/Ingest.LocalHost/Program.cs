using System.Net;
using Ingest.Core;
using Ingest.Functions;
using Ingest.Functions.Telemetry;
using Ingest.LocalHost;
using Ingest.Storage;

// Ingest.LocalHost: the function classes of Ingest.Functions without Core Tools (see README, scripts/run.sh).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.SectionName);
int port = builder.Configuration.GetValue($"{LocalHostOptions.SectionName}:{nameof(LocalHostOptions.Port)}", 7071);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

builder.Services.AddIngestPipeline(builder.Configuration);
builder.Services.AddIngestStorage(builder.Configuration);
builder.AddIngestFunctions(); // %IngestContainer%, %ReprocessQueueName% resolve to the storage's names
builder.Services.AddMvcCore();
// Console (Telemetry:Console=true) or OTLP (OTEL_EXPORTER_OTLP_ENDPOINT) export of Ingest's spans and metrics; off by default.
builder.Services.AddIngestTelemetry(builder.Configuration);
builder.Services.AddSingleton<PollSignal>();
builder.Services.AddHostedService<BlobPollingWorker>();
builder.Services.AddHostedService<QueuePollingWorker>();
builder.Services.AddHostedService<ReprocessScheduleWorker>();

var app = builder.Build();
await StartupStorage.EnsureCreatedAsync(app.Services, app.Lifetime.ApplicationStopping);
app.UseJsonErrors();
app.MapIngestFunctions();
// Local trigger: a client that just uploaded asks for a listing now instead of waiting for the next poll (202, no body).
app.MapPost(PollSignal.Route, (PollSignal signal) =>
{
    signal.Wake();
    return Results.Accepted();
});
await app.RunAsync();

/// <summary>The entry point. Internal so that it does not clash with the <c>Program</c> of other executables (CS0433).</summary>
internal partial class Program;

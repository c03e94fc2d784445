using Ingest.Core;
using Ingest.Functions;
using Ingest.Functions.App;
using Ingest.Functions.Telemetry;
using Ingest.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// OpenTelemetry (host.json "telemetryMode": "OpenTelemetry"): Ingest's spans and metrics, the worker's own, exported to
// Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set (as in Azure), to OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is.
builder.Services.AddIngestTelemetry(builder.Configuration)?.UseFunctionsWorkerDefaults();
builder.Services.AddIngestPipeline(builder.Configuration);
builder.Services.AddIngestStorage(builder.Configuration);
builder.AddIngestFunctions(); // also checks that %IngestContainer% and %ReprocessQueueName% name the storage's resources
builder.Services.AddHostedService<StorageStartup>();
builder.Build().Run();

/// <summary>The entry point. Internal so that it does not clash with the <c>Program</c> of other executables (CS0433).</summary>
internal partial class Program;

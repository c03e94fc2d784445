using Ingest.Functions;
using Ingest.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.AddIngestPipeline();
builder.Services.AddIngestStorage(builder.Configuration);
builder.Services.AddHostedService<Ingest.Functions.App.StorageStartup>();
builder.Build().Run();

/// <summary>The entry point. Internal so that it does not clash with the <c>Program</c> of other executables (CS0433).</summary>
internal partial class Program;

using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Ingest.Core;
using Ingest.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ingest.Functions.Telemetry;

/// <summary>Which exporters <see cref="IngestTelemetryExtensions.AddIngestTelemetry"/> turns on, read from configuration.</summary>
/// <param name="AzureMonitor">Azure Monitor (Application Insights): <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, as
/// infra/app/function-app.bicep sets it in Azure.</param>
/// <param name="Otlp">OTLP: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the OpenTelemetry SDK reads the other
/// <c>OTEL_EXPORTER_OTLP_*</c> settings itself).</param>
/// <param name="Console">The console exporter: <c>Telemetry:Console</c> is <c>true</c> (for local runs).</param>
public sealed record TelemetryExporters(bool AzureMonitor, bool Otlp, bool Console)
{
    /// <summary>Whether any exporter is on.</summary>
    public bool Any => AzureMonitor || Otlp || Console;

    /// <summary>Reads the exporters from <paramref name="configuration"/>.</summary>
    public static TelemetryExporters From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(
            !string.IsNullOrWhiteSpace(configuration[IngestTelemetryExtensions.AzureMonitorConnectionSetting]),
            !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]),
            configuration.GetValue("Telemetry:Console", false));
    }
}

/// <summary>
/// OpenTelemetry for the hosts (the Functions app and Ingest.LocalHost): Ingest's spans and metrics
/// (<see cref="IngestTelemetry"/>), the queue depth gauge (<see cref="QueueDepthGauge"/>), and the exporters that the
/// configuration names (<see cref="TelemetryExporters"/>). With none configured nothing is registered, so a test host or a
/// plain local run pays nothing.
/// </summary>
public static class IngestTelemetryExtensions
{
    /// <summary>The app setting of the Application Insights connection string (an ingestion endpoint, not a credential).</summary>
    public const string AzureMonitorConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// The app setting naming the identity that may send telemetry when the resource's local auth is disabled:
    /// <c>ClientId=&lt;managed identity client id&gt;;Authorization=AAD</c> (infra/app/function-app.bicep).
    /// </summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The service name on every span and metric (<c>service.name</c>).</summary>
    public const string ServiceName = "ingest";

    /// <summary>
    /// Registers OpenTelemetry tracing and metrics for <see cref="IngestTelemetry.Name"/> with the configured exporters, and
    /// <see cref="QueueDepthGauge"/>. Returns null (and registers nothing) when no exporter is configured.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The OpenTelemetry builder, for a host to add its own instrumentation (the Functions worker's defaults), or null.</returns>
    public static IOpenTelemetryBuilder? AddIngestTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var exporters = TelemetryExporters.From(configuration);
        if (!exporters.Any)
            return null;

        services.AddHostedService<QueueDepthGauge>();
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: PipelineInfo.Version))
            .WithTracing(t => t.AddSource(IngestTelemetry.Name))
            .WithMetrics(m => m.AddMeter(IngestTelemetry.Name));
        if (exporters.AzureMonitor)
        {
            builder.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = configuration[AzureMonitorConnectionSetting];
                if (ClientIdOf(configuration[AzureMonitorAuthenticationSetting]) is { } clientId)
                    o.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        }
        if (exporters.Otlp)
            builder.UseOtlpExporter();
        if (exporters.Console)
        {
            builder.WithTracing(t => t.AddConsoleExporter());
            builder.WithMetrics(m => m.AddConsoleExporter());
        }
        return builder;
    }

    /// <summary>
    /// The client id of <c>ClientId=…;Authorization=AAD</c>, or null when the setting is absent or names no client id
    /// (then the exporter sends without a token, which a resource with local auth disabled refuses).
    /// </summary>
    /// <param name="authentication">The value of <see cref="AzureMonitorAuthenticationSetting"/>.</param>
    public static string? ClientIdOf(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
            return null;
        foreach (string part in authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase) && part[(eq + 1)..].Trim() is { Length: > 0 } id)
                return id;
        }
        return null;
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using Ingest.Core.Document;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>A real Ingest.LocalHost with the console exporter on (<c>Telemetry:Console</c>): spans and metrics reach it.</summary>
public sealed class LocalHostTelemetryTests
{
    [Fact]
    public async Task The_console_exporter_prints_the_article_span_and_the_processed_counter()
    {
        var host = new LocalHostFixture(null);
        host.HostEnvironment["Telemetry__Console"] = "true";
        host.HostEnvironment["OTEL_METRIC_EXPORT_INTERVAL"] = "500"; // ms; the SDK's default is a minute
        try
        {
            await host.InitializeAsync();
            host.EnsureStarted();
            await host.Container.GetBlobClient("telemetry.txt").UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(
                "Ferry Returns to the Bay\n\nBy Test Writer\n\nThe ferry service across the bay resumed on Friday after a week of " +
                "repairs to the landing stage.\n\n\"Passengers can travel again,\" said Ada Quill, who runs the service.\n")));
            string id = ArticleIds.For(new SourceRef(host.ContainerName, "telemetry.txt"));

            var watch = Stopwatch.StartNew();
            while (true)
            {
                using var response = await host.Api.GetAsync($"api/articles/{id}");
                string output = host.Output;
                if (response.StatusCode == HttpStatusCode.OK && output.Contains("ingest.articles.processed", StringComparison.Ordinal))
                {
                    Assert.Contains("ingest.article", output);
                    Assert.Contains("ingest.stage", output);
                    Assert.Contains("ingest.stage.duration", output);
                    Assert.Contains($"ingest.article_id: {id}", output);
                    break;
                }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "no telemetry in the host output:\n" + output);
                await Task.Delay(200);
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Ingest.Core.Document;

namespace Ingest.Cli.Commands;

/// <summary>
/// <c>ingest bench-latency [--count 20]</c>: uploads generated articles one at a time and measures, for each, the time
/// from the start of the upload until <c>GET /api/articles/{id}</c> returns the record. Prints median, p95, min, max.
/// </summary>
internal static class BenchLatencyCommand
{
    /// <summary>Interval between polls of the API while an article is not queryable yet.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Articles to upload (one at a time).", DefaultValueFactory = _ => 20 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for one article before giving up.", DefaultValueFactory = _ => 60 };
        var connection = CommonOptions.Connection();
        var container = CommonOptions.Container();
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var noWake = new Option<bool>("--no-wake")
        {
            Description = "Do not ask a loopback LocalHost to list the container after each upload (POST /local/poll): measure the poll wait.",
        };
        var command = new Command("bench-latency",
            "Measure upload-to-queryable latency: upload generated articles and poll the API until each is stored.")
        { count, timeout, connection, container, api, key, noWake };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), TimeSpan.FromSeconds(parse.GetValue(timeout)),
            CommonOptions.ConnectionOf(parse, connection), parse.GetValue(container)!, parse.GetValue(api)!, CommonOptions.KeyOf(parse, key),
            !parse.GetValue(noWake), ct));
        return command;
    }

    private static async Task<int> RunAsync(int count, TimeSpan timeout, string connection, string containerName, string api, string? key,
        bool wake, CancellationToken cancellationToken)
    {
        if (count < 1)
        {
            Console.Error.WriteLine("ingest: --count must be at least 1.");
            return 1;
        }
        var container = new BlobContainerClient(connection, containerName, CommonOptions.BlobOptions());
        using var client = new ApiClient(api, key);
        string run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var latencies = new List<double>();
        var uploads = new List<double>();
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            // One warm-up article (not counted): first calls pay for JIT, connections and table creation.
            await MeasureAsync(container, client, $"bench/{run}/warmup.txt", Article(run, -1), timeout, wake, cancellationToken);
            for (int i = 0; i < count; i++)
            {
                var (upload, total) = await MeasureAsync(container, client, $"bench/{run}/{i:D4}.txt", Article(run, i), timeout, wake, cancellationToken);
                uploads.Add(upload);
                latencies.Add(total);
                Console.Error.WriteLine($"  {i + 1,4}/{count}: upload {upload,7:F1} ms, queryable after {total,7:F1} ms");
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TimeoutException)
        {
            Console.Error.WriteLine($"ingest: bench-latency failed: {StorageCommands.FirstLine(ex.Message)}");
            return 1;
        }

        Console.Out.WriteLine($"upload-to-queryable latency over {count} article(s) (container '{containerName}', API {api}, " +
            (wake ? "local poller woken after each upload" : "no wake: the poller's own interval") + "):");
        Console.Out.WriteLine($"  median {Percentile(latencies, 50):F0} ms, p95 {Percentile(latencies, 95):F0} ms, " +
            $"min {latencies.Min():F0} ms, max {latencies.Max():F0} ms, mean {latencies.Average():F0} ms");
        Console.Out.WriteLine($"  of which upload: median {Percentile(uploads, 50):F0} ms, p95 {Percentile(uploads, 95):F0} ms");
        return 0;
    }

    /// <summary>Uploads one article and polls until it is queryable; returns upload and total milliseconds.</summary>
    private static async Task<(double Upload, double Total)> MeasureAsync(BlobContainerClient container, ApiClient client, string name,
        string text, TimeSpan timeout, bool wake, CancellationToken cancellationToken)
    {
        string id = ArticleIds.For(new SourceRef(container.Name, name));
        var watch = Stopwatch.StartNew();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        double upload = watch.Elapsed.TotalMilliseconds;
        if (wake)
            await client.WakeLocalPollerAsync(cancellationToken);
        while (watch.Elapsed < timeout)
        {
            var (status, _) = await client.GetAsync("articles/" + id, [], cancellationToken);
            if (status == HttpStatusCode.OK)
                return (upload, watch.Elapsed.TotalMilliseconds);
            if (status != HttpStatusCode.NotFound)
                throw new HttpRequestException($"GET /api/articles/{id} returned {(int)status}.");
            await Task.Delay(PollInterval, cancellationToken);
        }
        throw new TimeoutException($"{name} was not queryable within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Nearest-rank percentile.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A short made-up news article, different per run and index.</summary>
    private static string Article(string run, int index)
    {
        string[] towns = ["Fairhaven", "Oakridge", "Millbrook", "Westport", "Cedar Falls"];
        string[] names = ["Maria Lindqvist", "Samuel Adeyemi", "Priya Raman", "Tomas Novak", "Grace Whitaker"];
        string town = towns[Math.Abs(index) % towns.Length];
        string person = names[Math.Abs(index + 2) % names.Length];
        var sb = new StringBuilder();
        sb.AppendLine($"{town} Library Extends Weekend Hours (bench {run}-{index})").AppendLine();
        sb.AppendLine($"{town}, May 2, 2025 - The {town} Public Library will stay open until 8 p.m. on Saturdays starting next month, the library board decided on Tuesday.").AppendLine();
        sb.AppendLine($"\"People told us they cannot come during the week, so we are coming to them,\" said director {person}.").AppendLine();
        sb.AppendLine($"The change costs about ${20 + index % 7},000 a year and is paid from a county grant. {person.Split(' ')[1]} said volunteers would help staff the evenings.").AppendLine();
        return sb.ToString();
    }
}

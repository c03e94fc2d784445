using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Health;

/// <summary>The result of one reachability check.</summary>
/// <param name="Name">What was checked (<c>blob</c>, <c>queue</c>, <c>table</c>).</param>
/// <param name="Healthy">True when the service answered as expected.</param>
/// <param name="ElapsedMs">How long the check took.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record StorageCheck(string Name, bool Healthy, long ElapsedMs, string? Error = null);

/// <summary>Body of <c>GET /api/health</c>.</summary>
/// <param name="Status"><c>healthy</c> or <c>unhealthy</c>.</param>
/// <param name="Checks">One entry per storage service.</param>
public sealed record StorageHealthReport(string Status, IReadOnlyList<StorageCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Healthy => Status == "healthy";

    /// <summary>Builds a report from its checks.</summary>
    public static StorageHealthReport From(IReadOnlyList<StorageCheck> checks) =>
        new(checks.Count > 0 && checks.All(c => c.Healthy) ? "healthy" : "unhealthy", checks);
}

/// <summary>Checks that the storage the functions depend on answers.</summary>
public interface IStorageHealthProbe
{
    /// <summary>Runs the checks; never throws for an unreachable service (that is an unhealthy check).</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Reachability of the storage account behind the <c>IngestStorage</c> connection: the ingest container exists,
/// and the queue and table services list their queues and tables. Uses the service clients that
/// <c>AddIngestStorage</c> registers, so it works with a connection string and with a managed identity
/// (no account-level calls that need a key).
/// </summary>
public sealed class StorageHealthProbe(IServiceProvider services, IConfiguration configuration) : IStorageHealthProbe
{
    /// <summary>Longest a single check may take before it counts as unreachable.</summary>
    internal static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = await Task.WhenAll(
            RunAsync("blob", async ct =>
            {
                var client = services.GetService<BlobServiceClient>() ?? throw new InvalidOperationException("No BlobServiceClient is registered.");
                string container = IngestSettings.Container(configuration);
                if (!(await client.GetBlobContainerClient(container).ExistsAsync(ct)).Value)
                    throw new InvalidOperationException($"The container '{container}' does not exist.");
            }, cancellationToken),
            RunAsync("queue", async ct =>
            {
                var client = services.GetService<QueueServiceClient>() ?? throw new InvalidOperationException("No QueueServiceClient is registered.");
                await foreach (var _ in client.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
                    break;
            }, cancellationToken),
            RunAsync("table", async ct =>
            {
                var client = services.GetService<TableServiceClient>() ?? throw new InvalidOperationException("No TableServiceClient is registered.");
                await foreach (var _ in client.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
                    break;
            }, cancellationToken)).ConfigureAwait(false);
        return StorageHealthReport.From(checks);
    }

    private static async Task<StorageCheck> RunAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token).ConfigureAwait(false);
            return new StorageCheck(name, true, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StorageCheck(name, false, watch.ElapsedMilliseconds, $"No answer within {CheckTimeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new StorageCheck(name, false, watch.ElapsedMilliseconds, ex.Message.Split('\n')[0].Trim());
        }
    }
}

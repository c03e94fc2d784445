using Ingest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.App;

/// <summary>
/// Creates the containers, tables and queues at start (<see cref="IStorageInitializer.EnsureCreatedAsync"/>), so a new
/// environment works before anything else has created them. A failure is logged, not thrown: the host still starts,
/// <c>GET /api/health</c> reports the problem, and triggers retry as usual.
/// </summary>
internal sealed class StorageStartup(IStorageInitializer initializer, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await initializer.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Creating the storage resources failed; check the IngestStorage settings and role assignments");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

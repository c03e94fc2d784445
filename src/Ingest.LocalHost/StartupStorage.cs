using Ingest.Functions;
using Ingest.Storage;

namespace Ingest.LocalHost;

/// <summary>Creates the storage resources before the workers start (the Functions app expects them to exist).</summary>
internal static class StartupStorage
{
    /// <summary>Tries for this long while Azurite is still starting.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(StartupStorage));
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                // Creates the ingest container too: IngestContainer is StorageOptions' incoming container (IngestSettings).
                await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Storage not reachable yet ({Error}); retrying", ex.Message.Split('\n')[0]);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException(
                    $"Storage is not reachable through the '{IngestSettings.Connection}' setting (is Azurite running? scripts/azurite.sh start): " +
                    ex.Message.Split('\n')[0], ex);
            }
        }
    }
}

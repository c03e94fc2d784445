using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// Gives every blob the host gave up on a failure record. After <see cref="IngestSettings.MaxDequeueCount"/> tries that
/// threw, the Functions host writes a message to its blob-trigger poison queue (<c>webjobs-blobtrigger-poison</c>,
/// JSON with <c>ContainerName</c> and <c>BlobName</c>); this function turns it into a failure record, so the file is
/// not silently dropped. The local host calls <see cref="RecordAsync"/> when its poller gives up.
/// </summary>
public sealed class BlobPoisonFunction(IngestService ingest, ILogger<BlobPoisonFunction> logger)
{
    /// <summary>The Functions host's poison queue for blob triggers (a fixed name of the WebJobs blob extension).</summary>
    public const string PoisonQueue = "webjobs-blobtrigger-poison";

    /// <summary>Records the failure of the blob a poison message names.</summary>
    /// <param name="message">The host's poison message.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <exception cref="FormatException">The message does not name a container and a blob.</exception>
    [Function(nameof(BlobPoisonFunction))]
    public async Task RunAsync(
        [QueueTrigger(PoisonQueue, Connection = IngestSettings.Connection)] string message,
        CancellationToken cancellationToken)
    {
        await RecordAsync(Parse(message), IngestSettings.MaxDequeueCount, lastError: null, cancellationToken);
    }

    /// <summary>Stores the failure record of a blob the host gave up on.</summary>
    /// <param name="source">The blob.</param>
    /// <param name="attempts">Tries made.</param>
    /// <param name="lastError">The last error's message when known.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    public async Task RecordAsync(SourceRef source, int attempts, string? lastError, CancellationToken cancellationToken)
    {
        var outcome = await ingest.RecordGaveUpAsync(source, attempts, lastError, cancellationToken);
        logger.LogWarning("Gave up on {Source} after {Attempts} tries; failure recorded for {ArticleId}", source, attempts, outcome.ArticleId);
    }

    /// <summary>The blob a poison message names (<c>{"ContainerName":"…","BlobName":"…",…}</c>).</summary>
    /// <exception cref="FormatException">Not JSON, or container or blob name missing.</exception>
    public static SourceRef Parse(string message)
    {
        try
        {
            using var doc = JsonDocument.Parse(message);
            string? container = doc.RootElement.TryGetProperty("ContainerName", out var c) ? c.GetString() : null;
            string? name = doc.RootElement.TryGetProperty("BlobName", out var n) ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(container) || string.IsNullOrWhiteSpace(name))
                throw new FormatException("A blob-trigger poison message must name \"ContainerName\" and \"BlobName\".");
            return new SourceRef(container, name);
        }
        catch (JsonException ex)
        {
            throw new FormatException("A blob-trigger poison message must be JSON: " + ex.Message, ex);
        }
    }
}

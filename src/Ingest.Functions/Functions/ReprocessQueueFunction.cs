using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// Re-runs the pipeline on one article from the reprocess queue (setting <c>ReprocessQueueName</c>: <c>reprocess</c>, or
/// <c>{prefix}-reprocess</c> with <c>StorageOptions__NamePrefix</c>). A message that is not <c>{"container","name"}</c>
/// throws, so after <see cref="IngestSettings.MaxDequeueCount"/> tries it lands in the poison queue (<c>…-poison</c>)
/// where it can be looked at.
/// </summary>
public sealed class ReprocessQueueFunction(IngestService ingest, ILogger<ReprocessQueueFunction> logger)
{
    /// <summary>Reprocesses the article named by <paramref name="message"/>.</summary>
    /// <param name="message">The decoded message text (the queue stores it base64-encoded).</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <exception cref="FormatException">The message is not a valid reprocess message.</exception>
    [Function(nameof(ReprocessQueueFunction))]
    public async Task RunAsync(
        [QueueTrigger("%ReprocessQueueName%", Connection = IngestSettings.Connection)] string message,
        CancellationToken cancellationToken)
    {
        SourceRef source = ReprocessMessage.Parse(message);
        IngestOutcome outcome = await ingest.ReprocessAsync(source, cancellationToken);
        logger.LogInformation("Reprocessed {Source}: {Status}", source, outcome.Status);
    }
}

/// <summary>The JSON of a <c>reprocess</c> queue message: <c>{"container":"articles","name":"a/b.txt"}</c>.</summary>
public static class ReprocessMessage
{
    /// <summary>Parses a message text into the blob it names.</summary>
    /// <exception cref="FormatException">Not JSON, or container or name missing.</exception>
    public static SourceRef Parse(string message)
    {
        SourceRef? source;
        try
        {
            source = JsonSerializer.Deserialize<SourceRef>(message, ArticleJson.Compact);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"A reprocess message must be JSON {{\"container\",\"name\"}}: {ex.Message}", ex);
        }
        if (source is null || string.IsNullOrWhiteSpace(source.Container) || string.IsNullOrWhiteSpace(source.Name))
            throw new FormatException("A reprocess message must name both \"container\" and \"name\".");
        return source;
    }

    /// <summary>The message text for <paramref name="source"/>.</summary>
    public static string Format(SourceRef source) => JsonSerializer.Serialize(source, ArticleJson.Compact);
}

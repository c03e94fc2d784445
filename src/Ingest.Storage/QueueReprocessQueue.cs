using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>
/// <see cref="IReprocessQueue"/> over an Azure Storage queue (<see cref="StorageOptions.ReprocessQueue"/>). A message is the
/// JSON <c>{"container":"…","name":"…"}</c> of the <see cref="SourceRef"/>; the client registered by
/// <see cref="StorageServiceCollectionExtensions.AddIngestStorage"/> base64-encodes it (<c>QueueMessageEncoding.Base64</c>),
/// which is what the Functions queue trigger expects.
/// </summary>
/// <param name="queueService">Queue service client of the storage account (with <c>MessageEncoding = Base64</c>).</param>
/// <param name="options">Resource names.</param>
public sealed class QueueReprocessQueue(QueueServiceClient queueService, IOptions<StorageOptions> options) : IReprocessQueue
{
    private readonly QueueClient _queue = (queueService ?? throw new ArgumentNullException(nameof(queueService)))
        .GetQueueClient(new StorageNames((options ?? throw new ArgumentNullException(nameof(options))).Value).ReprocessQueue);

    /// <summary>Adds one article to the reprocess queue.</summary>
    /// <param name="source">Blob of the article.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task EnqueueAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var message = new BinaryData(JsonSerializer.SerializeToUtf8Bytes(source, ArticleJson.Compact));
        await _queue.SendMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a reprocess message body (the JSON, already base64-decoded by the client or the trigger).</summary>
    /// <param name="json">Message text.</param>
    /// <returns>The source the message names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not a reprocess message.</exception>
    public static SourceRef ParseMessage(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var source = JsonSerializer.Deserialize<SourceRef>(json, ArticleJson.Compact);
        if (source is null || string.IsNullOrEmpty(source.Container) || string.IsNullOrEmpty(source.Name))
            throw new JsonException("A reprocess message needs a container and a name.");
        return source;
    }
}

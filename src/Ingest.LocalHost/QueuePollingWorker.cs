using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Ingest.Functions;
using Ingest.Functions.Functions;
using Microsoft.Extensions.Options;

namespace Ingest.LocalHost;

/// <summary>
/// Fires <see cref="ReprocessQueueFunction"/> for each message of the reprocess queue, with the Functions host's
/// retry rules: a message whose function throws becomes visible again after a short back-off; after
/// <see cref="IngestSettings.MaxDequeueCount"/> failed tries it is moved to the poison queue (<c>{queue}-poison</c>).
/// </summary>
internal sealed class QueuePollingWorker(
    QueueServiceClient queueService,
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<LocalHostOptions> options,
    ILogger<QueuePollingWorker> logger) : BackgroundService
{
    /// <summary>The function this worker fires.</summary>
    internal const string Function = nameof(ReprocessQueueFunction);

    /// <summary>The queue it receives from: <c>%ReprocessQueueName%</c> as the Functions app resolves it.</summary>
    internal static string QueueName(IConfiguration configuration) => IngestSettings.ReprocessQueue(configuration);

    /// <summary>How long a received message stays invisible while the function runs.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);
    /// <summary>Back-off before a failed message is tried again.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    /// <summary>Messages received per call (host.json <c>queues.batchSize</c>).</summary>
    private const int BatchSize = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queueService.GetQueueClient(QueueName(configuration));
        var poison = queueService.GetQueueClient(IngestSettings.PoisonQueue(queue.Name));
        logger.LogInformation("Watching queue {Queue} (poison queue {Poison})", queue.Name, poison.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(BatchSize, VisibilityTimeout, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Receiving from queue {Queue} failed: {Error}", queue.Name, ex.Message.Split('\n')[0]);
                messages = [];
            }
            if (messages.Length == 0)
            {
                await Task.Delay(options.Value.QueuePollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            foreach (var message in messages)
                await HandleAsync(queue, poison, message, stoppingToken);
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > IngestSettings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, cancellationToken);
                return;
            }
            try
            {
                await services.GetRequiredService<ReprocessQueueFunction>().RunAsync(message.MessageText, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "ReprocessQueueFunction failed on message {MessageId} (try {Try} of {Max})",
                    message.MessageId, message.DequeueCount, IngestSettings.MaxDequeueCount);
                if (message.DequeueCount >= IngestSettings.MaxDequeueCount)
                    await MoveToPoisonAsync(queue, poison, message, cancellationToken);
                else
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay,
                        cancellationToken: cancellationToken);
                return;
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage trouble while settling the message: it becomes visible again after the visibility timeout.
            logger.LogWarning("Settling message {MessageId} failed: {Error}", message.MessageId, ex.Message.Split('\n')[0]);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.MessageText, cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        logger.LogWarning("Moved message {MessageId} to {Poison} after {Tries} tries", message.MessageId, poison.Name, message.DequeueCount);
    }
}

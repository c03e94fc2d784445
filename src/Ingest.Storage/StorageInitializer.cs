using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>Creates the storage resources Ingest uses.</summary>
public interface IStorageInitializer
{
    /// <summary>Creates the blob containers, tables and queues (with the poison queue) that do not exist yet.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Names the blob containers and tables of the store that do not exist, without creating anything: a tool that works on
    /// an existing store (<c>ingest repair</c>) asks first, so a mistyped prefix or connection finds nothing instead of
    /// creating an empty store.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The missing names (containers first, then tables); empty when everything exists.</returns>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    Task<IReadOnlyList<string>> ListMissingAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Creates the containers (<see cref="StorageOptions.IncomingContainer"/>, <see cref="StorageOptions.RecordsContainer"/>),
/// every table, and the reprocess queue and its poison queue when they are missing. Safe to call on every start.
/// </summary>
/// <param name="blobService">Blob service client.</param>
/// <param name="queueService">Queue service client.</param>
/// <param name="tableService">Table service client.</param>
/// <param name="options">Resource names.</param>
/// <param name="logger">Logger.</param>
public sealed class StorageInitializer(
    BlobServiceClient blobService,
    QueueServiceClient queueService,
    TableServiceClient tableService,
    IOptions<StorageOptions> options,
    ILogger<StorageInitializer> logger) : IStorageInitializer
{
    /// <summary>Creates the blob containers, tables and queues (with the poison queue) that do not exist yet.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var names = new StorageNames(options.Value);
        var work = new List<Task>();
        work.AddRange(names.Containers.Select(c =>
            (Task)blobService.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(names.Queues.Select(q =>
            (Task)queueService.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(names.Tables.Select(t =>
            (Task)tableService.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(work).ConfigureAwait(false);
        logger.LogInformation("Storage ready: {Containers} containers, {Tables} tables, {Queues} queues",
            names.Containers.Count, names.Tables.Count, names.Queues.Count);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListMissingAsync(CancellationToken cancellationToken = default)
    {
        var names = new StorageNames(options.Value);
        var missing = new List<string>();
        foreach (string c in names.Containers)
        {
            if (!await blobService.GetBlobContainerClient(c).ExistsAsync(cancellationToken).ConfigureAwait(false))
                missing.Add(c);
        }
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in tableService.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            existing.Add(table.Name);
        missing.AddRange(names.Tables.Where(t => !existing.Contains(t)));
        return missing;
    }
}

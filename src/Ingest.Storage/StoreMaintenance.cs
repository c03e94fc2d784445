using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>What <see cref="StoreMaintenance.PurgeAsync"/> removed.</summary>
/// <param name="Rows">Table rows deleted, over every table (article rows, failures, index rows, counts, template lines).</param>
/// <param name="Records">Record blobs deleted from <see cref="StorageNames.RecordsContainer"/>.</param>
/// <param name="SourceBlobs">Article files deleted from <see cref="StorageNames.IncomingContainer"/> (0 unless asked for).</param>
public sealed record PurgeReport(int Rows, int Records, int SourceBlobs);

/// <summary>
/// Whole-store maintenance for the <c>ingest</c> command: purge everything that was derived from the article files, and
/// reset the publisher-template memory. Tables and containers are emptied, not deleted (Azure keeps a deleted table's name
/// unavailable for a while, and the hosts expect them to exist); missing ones are skipped.
/// </summary>
/// <remarks>
/// Purging while a host runs is safe but races it: a blob being processed may be stored again right after. Without
/// <c>sourceBlobs</c> the files stay: the local host rebuilds their records at its next reconcile pass or restart (it
/// offers again every processed blob whose record is gone); in Azure the blob trigger does not fire again for an
/// unchanged file, so upload the files again to rebuild there.
/// </remarks>
public sealed class StoreMaintenance
{
    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;
    private readonly StorageNames _names;
    private readonly ILogger<StoreMaintenance> _logger;

    /// <summary>Creates the maintenance over the store that <paramref name="options"/> names.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StoreMaintenance(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options, ILogger<StoreMaintenance> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _tables = tables;
        _blobs = blobs;
        _names = new StorageNames(options.Value);
        _logger = logger;
    }

    /// <summary>
    /// Deletes every row of every table, every record blob and, with <paramref name="sourceBlobs"/>, every article file.
    /// Idempotent: a purge stopped part-way is finished by running it again.
    /// </summary>
    /// <param name="sourceBlobs">Also delete the uploaded article files (nothing can then be rebuilt).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was removed.</returns>
    /// <exception cref="RequestFailedException">The storage service failed (a missing table or container is skipped).</exception>
    public async Task<PurgeReport> PurgeAsync(bool sourceBlobs, CancellationToken cancellationToken = default)
    {
        int rows = 0;
        foreach (string table in _names.Tables)
            rows += await EmptyTableAsync(_tables.GetTableClient(table), filter: null, cancellationToken).ConfigureAwait(false);
        int records = await EmptyContainerAsync(_names.RecordsContainer, cancellationToken).ConfigureAwait(false);
        int files = sourceBlobs ? await EmptyContainerAsync(_names.IncomingContainer, cancellationToken).ConfigureAwait(false) : 0;
        _logger.LogWarning("Purged the store: {Rows} rows, {Records} records, {Files} source files", rows, records, files);
        return new PurgeReport(rows, records, files);
    }

    /// <summary>
    /// Forgets the template lines learned for <paramref name="publisher"/>, or for every publisher when it is null: the
    /// template stage removes no learned line until enough new articles of the publisher share it again.
    /// </summary>
    /// <param name="publisher">Publisher name as records give it (matched as the memory keys it: case-insensitively), or null.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The number of template lines forgotten.</returns>
    /// <exception cref="ArgumentException"><paramref name="publisher"/> is blank.</exception>
    /// <exception cref="RequestFailedException">The storage service failed (a missing table counts as empty).</exception>
    public Task<int> ResetTemplatesAsync(string? publisher, CancellationToken cancellationToken = default)
    {
        if (publisher is not null)
            ArgumentException.ThrowIfNullOrWhiteSpace(publisher);
        string? filter = publisher is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.NameKey(publisher)}");
        return EmptyTableAsync(_tables.GetTableClient(_names.TemplateLines), filter, cancellationToken,
            uncounted: TableTemplateMemory.RecentRowKey); // the publisher's recent-articles row goes too, but is no line
    }

    private static async Task<int> EmptyTableAsync(TableClient table, string? filter, CancellationToken cancellationToken,
        string? uncounted = null)
    {
        var keys = new List<(TableClient, ITableEntity)>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
                keys.Add((table, new TableEntity(row.PartitionKey, row.RowKey)));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0; // no such table
        }
        await TableBatches.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
        return uncounted is null ? keys.Count : keys.Count(k => k.Item2.RowKey != uncounted);
    }

    private async Task<int> EmptyContainerAsync(string name, CancellationToken cancellationToken)
    {
        var container = _blobs.GetBlobContainerClient(name);
        int n = 0;
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await container.DeleteBlobIfExistsAsync(blob.Name, Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                n++;
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == Azure.Storage.Blobs.Models.BlobErrorCode.ContainerNotFound)
        {
            return n;
        }
        return n;
    }
}

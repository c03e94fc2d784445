using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The record blobs: <c>{escaped id}.json</c> in the records container holds the full <see cref="ArticleRecord"/> and the
/// addresses of its index rows (<see cref="StoredRecord"/>). Writes are conditional on the ETag read before, so of two
/// concurrent upserts of one article the second fails with 412 (or 409 for a new blob) and starts again.
/// </summary>
/// <param name="container">The records container (<see cref="StorageNames.RecordsContainer"/>).</param>
internal sealed class RecordBlobStore(BlobContainerClient container)
{
    /// <summary>Blob name of an article's record.</summary>
    public static string BlobName(string articleId) => TableKeys.Escape(articleId) + ".json";

    /// <summary>Reads the stored record and the blob's ETag; both null when no blob exists.</summary>
    /// <exception cref="RequestFailedException">The storage service failed for another reason than a missing blob (a missing
    /// container included).</exception>
    public async Task<(StoredRecord? Stored, ETag? ETag)> ReadAsync(string articleId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(BlobName(articleId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (content.Value.Content.ToObjectFromJson<StoredRecord>(ArticleJson.Compact), content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // Only a missing blob means "no record": a missing container (ContainerNotFound) is an error to surface.
            return (null, null);
        }
    }

    /// <summary>
    /// Writes the record with the list of its index rows: if-match <paramref name="previousETag"/>, or if-none-match
    /// <c>*</c> when there was no blob.
    /// </summary>
    /// <returns>The blob name.</returns>
    /// <exception cref="RequestFailedException">412 or 409 when another writer got there first; other storage failures.</exception>
    /// <param name="record">The record.</param>
    /// <param name="indexRows">Addresses of its index rows.</param>
    /// <param name="staleRows">Addresses of earlier versions' rows it lacks, still to be deleted.</param>
    /// <param name="previousETag">ETag of the blob read before, or null when there was none.</param>
    /// <param name="firstStoredAt">When a record of the article was first stored (<see cref="StoredRecord.FirstStoredAt"/>).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    public async Task<string> WriteAsync(ArticleRecord record, IEnumerable<IndexRowRef> indexRows, IEnumerable<IndexRowRef> staleRows,
        ETag? previousETag, DateTimeOffset? firstStoredAt, CancellationToken cancellationToken)
    {
        string blobName = BlobName(record.Id);
        var stored = new StoredRecord
        {
            Record = record, IndexRows = StoredRecord.FromRefs(indexRows), StaleRows = StoredRecord.FromRefs(staleRows),
            FirstStoredAt = firstStoredAt,
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(stored, ArticleJson.Compact);
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(json),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                // Optimistic concurrency on the blob that lists the index rows: a concurrent upsert fails with 412/409 and retries.
                Conditions = previousETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            },
            cancellationToken).ConfigureAwait(false);
        return blobName;
    }

    /// <summary>Rewrites the blob with empty row lists once its rows are deleted (if-match <paramref name="etag"/>).</summary>
    /// <exception cref="RequestFailedException">412 when another writer replaced it; other storage failures.</exception>
    public Task ClearRowsAsync(StoredRecord stored, ETag etag, CancellationToken cancellationToken) =>
        WriteAsync(stored.Record, [], [], etag, stored.FirstStoredAt, cancellationToken);

    /// <summary>Deletes the record blob; a missing blob is not an error.</summary>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task DeleteAsync(string articleId, CancellationToken cancellationToken) =>
        await container.GetBlobClient(BlobName(articleId)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The article ids of every record blob (from the blob names).</summary>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async IAsyncEnumerable<string> ListIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.Name.EndsWith(".json", StringComparison.Ordinal))
                yield return TableKeys.Unescape(item.Name[..^".json".Length]);
        }
    }
}

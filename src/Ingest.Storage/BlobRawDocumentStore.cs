using Azure;
using Azure.Storage.Blobs;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary><see cref="IRawDocumentStore"/> over Azure Blob storage: reads uploaded article files.</summary>
/// <param name="blobService">Blob service client of the storage account.</param>
public sealed class BlobRawDocumentStore(BlobServiceClient blobService) : IRawDocumentStore
{
    private readonly BlobServiceClient _blobService = blobService ?? throw new ArgumentNullException(nameof(blobService));

    /// <summary>Opens the blob <paramref name="source"/> for reading, or returns null when it does not exist.</summary>
    /// <param name="source">Container (normally <see cref="StorageOptions.IncomingContainer"/>) and blob name.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A stream the caller disposes, or null when the blob does not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="RequestFailedException">The storage service failed for another reason than a missing blob, a missing
    /// container (<c>ContainerNotFound</c>) included.</exception>
    public async Task<Stream?> OpenReadAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blob = _blobService.GetBlobContainerClient(source.Container).GetBlobClient(source.Name);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == Azure.Storage.Blobs.Models.BlobErrorCode.BlobNotFound)
        {
            // Only a missing blob is "gone": a missing container is an error (the blob may well exist once it is back).
            return null;
        }
    }

    /// <summary>Whether the blob <paramref name="source"/> exists: one properties request, nothing downloaded.</summary>
    /// <param name="source">Container and blob name.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="RequestFailedException">The storage service failed for another reason than a missing blob; a missing
    /// container (<c>ContainerNotFound</c>) included, as for <see cref="OpenReadAsync"/>.</exception>
    public async Task<bool> ExistsAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blob = _blobService.GetBlobContainerClient(source.Container).GetBlobClient(source.Name);
        try
        {
            await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == Azure.Storage.Blobs.Models.BlobErrorCode.BlobNotFound)
        {
            return false;
        }
    }

    /// <summary>Deletes the blob <paramref name="source"/> (with its snapshots); a missing blob is not an error.</summary>
    /// <param name="source">Container and blob name.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when the blob existed and was deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="RequestFailedException">The storage service failed for another reason than a missing blob; a missing
    /// container (<c>ContainerNotFound</c>) included, as for <see cref="OpenReadAsync"/>.</exception>
    public async Task<bool> DeleteAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var blob = _blobService.GetBlobContainerClient(source.Container).GetBlobClient(source.Name);
        try
        {
            var response = await blob.DeleteAsync(Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return !response.IsError;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == Azure.Storage.Blobs.Models.BlobErrorCode.BlobNotFound)
        {
            return false;
        }
    }
}

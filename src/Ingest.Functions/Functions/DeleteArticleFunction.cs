using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// <c>DELETE /api/articles/{id}?blob=</c>: removes what is stored for an article — record, article row, index rows, its
/// share of the entity counts, failure record (<see cref="IArticleStore.DeleteAsync"/>) — and with <c>blob=true</c> also its
/// source file (<see cref="IRawDocumentStore.DeleteAsync"/>).
/// </summary>
/// <remarks>
/// 204 when anything was deleted; 404 <c>not_found</c> when nothing is stored for the id (the id is a hash of the blob path,
/// so a blob without a record cannot be found from it); 400 <c>invalid_id</c>, <c>invalid_parameter</c> (<c>blob</c> not
/// true/false), <c>unknown_parameter</c>; 503 when storage does not answer. The source blob is deleted first, so a retry
/// after a failure part-way still knows which blob it was; without <c>blob=true</c> the file stays and is processed again
/// when it changes, when it is reprocessed, or at the local host's next reconcile pass. A local blob poller that then
/// finds the blob gone removes the (already removed) record again, which is harmless.
/// </remarks>
public sealed class DeleteArticleFunction(IArticleStore store, IRawDocumentStore rawStore, ILogger<DeleteArticleFunction> logger)
{
    /// <summary>Deletes an article (and with <c>blob=true</c> its source blob).</summary>
    [Function(nameof(DeleteArticle))]
    [ApiOperation("Delete an article (and with blob=true its source file)", Query = nameof(QueryParameters.DeleteParameters),
        Status = 204, Errors = [400, 404, 503],
        ResponseDescription = "Record, index rows, entity counts and failure record removed (with `blob=true` the source blob too).")]
    public async Task<IActionResult> DeleteArticle(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "articles/{id}")] HttpRequest request,
        string id, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.DeleteParameters, out var error)
            || !QueryParameters.TryParseFlag(request.Query, "blob", out bool deleteBlob, out error))
            return ApiResults.BadRequest(error);
        if (!QueryParameters.IsArticleId(id))
            return ApiResults.BadRequest(ArticlesHttpFunctions.InvalidId(id));

        return await ApiResults.GuardStorageAsync(async () =>
        {
            bool blobDeleted = false;
            SourceRef? source = null;
            if (deleteBlob)
            {
                source = (await store.GetStateAsync(id, cancellationToken))?.Source ?? (await store.GetAsync(id, cancellationToken))?.Source;
                if (source is not null)
                    blobDeleted = await rawStore.DeleteAsync(source, cancellationToken);
            }
            bool recordDeleted = await store.DeleteAsync(id, cancellationToken);
            logger.LogInformation("DELETE article {ArticleId}: record {Record}, blob {Blob}", id,
                recordDeleted ? "deleted" : "not stored", deleteBlob ? (blobDeleted ? $"{source} deleted" : "not found") : "kept");
            if (!recordDeleted && !blobDeleted)
                return ApiResults.NotFound($"No article with id '{id}' is stored.");
            return new NoContentResult();
        }, logger, cancellationToken);
    }
}

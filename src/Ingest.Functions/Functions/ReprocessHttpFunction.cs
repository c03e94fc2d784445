using Ingest.Core;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>Body of <c>POST /api/reprocess</c>.</summary>
/// <param name="Queued">Number of outdated articles put on the reprocess queue.</param>
/// <param name="PipelineVersion">The current pipeline version they will be brought to.</param>
public sealed record ReprocessResponse(int Queued, string PipelineVersion);

/// <summary><c>POST /api/reprocess</c>: queues every stored article whose pipeline version is older (202 with the count).</summary>
public sealed class ReprocessHttpFunction(IngestService ingest, ILogger<ReprocessHttpFunction> logger)
{
    /// <summary>Queues outdated articles.</summary>
    [Function(nameof(Reprocess))]
    [ApiOperation("Queue every article of an older pipeline version or index layout", Tag = "operations", Status = 202,
        Response = typeof(ReprocessResponse), Errors = [400, 503],
        ResponseDescription = "How many articles were queued, and the pipeline version they will be brought to.")]
    public async Task<IActionResult> Reprocess(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reprocess")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return ApiResults.BadRequest(error);
        return await ApiResults.GuardStorageAsync(async () =>
        {
            int queued = await ingest.EnqueueOutdatedAsync(cancellationToken);
            logger.LogInformation("Reprocess requested over HTTP: {Count} queued", queued);
            return ApiResults.Json(new ReprocessResponse(queued, PipelineInfo.Version), StatusCodes.Status202Accepted);
        }, logger, cancellationToken);
    }
}

using Ingest.Functions.Health;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary><c>GET /api/health</c>: 200 when blob, queue and table storage answer, 503 otherwise, with one entry per check.</summary>
public sealed class HealthFunction(IStorageHealthProbe probe, ILogger<HealthFunction> logger)
{
    /// <summary>Checks storage reachability.</summary>
    [Function(nameof(Health))]
    [ApiOperation("Storage reachability", Tag = "operations", Response = typeof(StorageHealthReport), Errors = [400],
        ResponseDescription = "The container, queue and table services answer.")]
    [ApiResponse(503, typeof(StorageHealthReport), "A storage service did not answer; `checks` says which and why.")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return ApiResults.BadRequest(error);
        StorageHealthReport report = await probe.CheckAsync(cancellationToken);
        if (!report.Healthy)
            logger.LogWarning("Health check failed: {Checks}", string.Join("; ", report.Checks.Select(c => $"{c.Name}: {c.Error}")));
        return ApiResults.Json(report, report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

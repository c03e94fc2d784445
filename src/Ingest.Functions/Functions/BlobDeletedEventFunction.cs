using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// <c>POST /api/events/blob-deleted</c>: the Event Grid webhook for <c>Microsoft.Storage.BlobDeleted</c> events of the ingest
/// container. Each deleted blob's record, index rows, entity counts and failure record are removed
/// (<see cref="IngestService.DeleteIfGoneAsync"/>), unless the blob exists again by the time the event arrives.
/// </summary>
/// <remarks>
/// <para>Body: an array of events in the Event Grid schema (infra/app/event-grid-subscription.bicep subscribes with
/// <c>EventGridSchema</c>). A <c>Microsoft.EventGrid.SubscriptionValidationEvent</c> is answered with
/// <c>{"validationResponse": code}</c>, the handshake Event Grid makes when the subscription is created. Events of other
/// types, and deletions in other containers, are counted as ignored.</para>
/// <para>Answers 200 <c>{"deleted": n, "ignored": m}</c>; 400 <c>invalid_body</c> when the body is not Event Grid events,
/// <c>unknown_parameter</c> for a query parameter other than the function key;
/// 503 <c>storage_unavailable</c> when storage does not answer, which Event Grid retries (its retry policy, then the
/// dead-letter container). Handling is idempotent, so a redelivered event is harmless. The blob extension's own webhook
/// (<c>/runtime/webhooks/blobs</c>) serves only <c>BlobCreated</c>, hence this function for deletions.</para>
/// </remarks>
public sealed class BlobDeletedEventFunction(IngestService ingest, IConfiguration configuration, ILogger<BlobDeletedEventFunction> logger)
{
    /// <summary>The route of the webhook, without the <c>api/</c> prefix.</summary>
    public const string Route = "events/blob-deleted";

    /// <summary>Handles one delivery of Event Grid events.</summary>
    /// <param name="request">The webhook request.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    [Function(nameof(BlobDeletedEvents))]
    [ApiOperation("Event Grid webhook: remove the records of deleted blobs", Tag = "events", Errors = [400, 503],
        Description = "Body: an array of Event Grid events (EventGridSchema). Microsoft.Storage.BlobDeleted events of the ingest container " +
            "remove what is stored for the blob unless it exists again; a SubscriptionValidationEvent is answered with its validation code.",
        ResponseDescription = "{\"deleted\": n, \"ignored\": m}, or {\"validationResponse\": code} to the subscription handshake.")]
    public async Task<IActionResult> BlobDeletedEvents(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var unknown))
            return ApiResults.BadRequest(unknown);
        EventGridEvent[] events;
        try
        {
            events = EventGridEvent.ParseMany(await BinaryData.FromStreamAsync(request.Body, cancellationToken));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return ApiResults.BadRequest(new ApiError("invalid_body",
                "The body must be a JSON array of Event Grid events (EventGridSchema): " + ex.Message.Split('\n')[0]));
        }

        string container = IngestSettings.Container(configuration);
        return await ApiResults.GuardStorageAsync(async () =>
        {
            int deleted = 0, ignored = 0;
            foreach (var e in events)
            {
                if (e.TryGetSystemEventData(out object data) && data is SubscriptionValidationEventData validation)
                {
                    logger.LogInformation("Event Grid subscription validation answered for topic {Topic}", e.Topic);
                    return ApiResults.Json(new { validationResponse = validation.ValidationCode });
                }
                if (e.EventType != SystemEventNames.StorageBlobDeleted || ParseSubject(e.Subject) is not { } source
                    || !string.Equals(source.Container, container, StringComparison.Ordinal))
                {
                    ignored++;
                    continue;
                }
                var outcome = await ingest.DeleteIfGoneAsync(source, cancellationToken);
                if (outcome.Status == IngestStatus.Deleted)
                    deleted++;
                else
                    ignored++;
            }
            return ApiResults.Json(new { deleted, ignored });
        }, logger, cancellationToken);
    }

    /// <summary>
    /// The blob a storage event's subject names: <c>/blobServices/default/containers/{container}/blobs/{name}</c>, the name
    /// as written (it may hold <c>/</c>); null for any other subject.
    /// </summary>
    /// <param name="subject">The event's subject.</param>
    public static SourceRef? ParseSubject(string? subject)
    {
        const string Start = "/blobServices/default/containers/";
        const string Blobs = "/blobs/";
        if (subject is null || !subject.StartsWith(Start, StringComparison.Ordinal))
            return null;
        int blobs = subject.IndexOf(Blobs, Start.Length, StringComparison.Ordinal);
        if (blobs <= Start.Length || blobs + Blobs.Length >= subject.Length)
            return null;
        return new SourceRef(subject[Start.Length..blobs], subject[(blobs + Blobs.Length)..]);
    }
}

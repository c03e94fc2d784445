using System.Net.Sockets;
using Azure;

namespace Ingest.Functions.Http;

/// <summary>
/// Tells a storage outage (the storage account does not answer, is overloaded, refuses the app's identity, or lacks a
/// table or container) from a fault of the app. The HTTP functions answer the first with 503 <c>storage_unavailable</c>
/// (<see cref="ApiResults.StorageUnavailable"/>), so a client can retry later; anything else stays a 500.
/// </summary>
public static class StorageFailures
{
    /// <summary>Error codes of a missing table, blob container or queue (deleted, or not created yet).</summary>
    private static readonly HashSet<string> MissingResourceCodes = new(StringComparer.Ordinal) { "TableNotFound", "ContainerNotFound", "QueueNotFound" };

    /// <summary>
    /// True when <paramref name="exception"/> means storage cannot serve the request now:
    /// a <see cref="RequestFailedException"/> with no response (status 0: connection refused, reset, DNS), 401/403 (the
    /// identity or key is refused), 408, 429, any 5xx, or a missing table or container; an <see cref="HttpRequestException"/>,
    /// <see cref="SocketException"/> or <see cref="TimeoutException"/>; an <see cref="OperationCanceledException"/> that
    /// <paramref name="requestAborted"/> did not cause (the SDK's network timeout); an <see cref="AggregateException"/> (the
    /// SDK's retries exhausted) whose inner exceptions all are such. False for a cancelled request.
    /// </summary>
    /// <param name="exception">What a function caught.</param>
    /// <param name="requestAborted">The request's token: a cancellation it caused is the client leaving, not an outage.</param>
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (requestAborted.IsCancellationRequested)
            return false;
        return exception switch
        {
            RequestFailedException rfe => rfe.Status is 0 or 401 or 403 or 408 or 429 or >= 500 ||
                                          (rfe.Status == 404 && rfe.ErrorCode is { } code && MissingResourceCodes.Contains(code)),
            HttpRequestException or SocketException or TimeoutException or OperationCanceledException => true,
            AggregateException { InnerExceptions.Count: > 0 } aggregate =>
                aggregate.InnerExceptions.All(inner => IsUnavailable(inner, requestAborted)),
            _ => false,
        };
    }

    /// <summary>The first line of the innermost useful message, at most 300 characters (no stack traces in responses).</summary>
    /// <param name="exception">An exception.</param>
    public static string Summary(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            exception = aggregate.InnerExceptions[0];
        string line = exception.Message.Split('\n')[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}

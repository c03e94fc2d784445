using Azure;

namespace Ingest.Storage;

/// <summary>
/// Tells a missing table, container or queue (deleted under a running host, or never created) from other 404s, and
/// runs an operation again once after creating what is missing. A missing <em>blob</em> or <em>entity</em> is not a
/// missing resource: it is an answer ("no record"), handled where it is read.
/// </summary>
internal static class MissingResources
{
    /// <summary>Error codes of a missing resource (Table service <c>TableNotFound</c>, Blob service
    /// <c>ContainerNotFound</c>, Queue service <c>QueueNotFound</c>).</summary>
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal) { "TableNotFound", "ContainerNotFound", "QueueNotFound" };

    /// <summary>Whether <paramref name="ex"/> says the table, container or queue itself does not exist.</summary>
    public static bool IsMissingResource(this RequestFailedException ex) =>
        ex.Status == 404 && ex.ErrorCode is { } code && Codes.Contains(code);

    /// <summary>Runs <paramref name="operation"/>; when it fails on a missing resource, calls <paramref name="create"/> and
    /// runs it once more (a second failure propagates).</summary>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public static async Task<T> RecreatingAsync<T>(Func<Task<T>> operation, Func<Task> create)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.IsMissingResource())
        {
            await create().ConfigureAwait(false);
            return await operation().ConfigureAwait(false);
        }
    }
}

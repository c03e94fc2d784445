namespace Ingest.LocalHost;

/// <summary>
/// Wakes the blob poller before its next tick: <c>POST /local/poll</c> (loopback only, like every LocalHost route) calls
/// <see cref="Wake"/>, and <see cref="BlobPollingWorker"/> lists the container at once instead of waiting up to
/// <see cref="LocalHostOptions.BlobPollInterval"/>. <c>ingest upload</c> and <c>ingest bench-latency</c> send it after an upload
/// to a loopback API. Wakes that arrive while a listing runs collapse into one more listing after it.
/// </summary>
public sealed class PollSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>The route of the wake request.</summary>
    public const string Route = "/local/poll";

    /// <summary>Asks for a listing now; a wake already pending is not doubled.</summary>
    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is pending already.
        }
    }

    /// <summary>Completes at the next <see cref="Wake"/> (or at once when one is pending).</summary>
    /// <param name="cancellationToken">A token to cancel the wait.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);
}

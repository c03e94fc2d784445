using System.Net;
using System.Text.Json;

namespace Ingest.Cli.Commands;

/// <summary>
/// Waits for the processing outcome of uploaded files over the HTTP API (<c>ingest upload --wait</c>). A file's outcome is
/// known when <c>GET /api/articles/{id}</c> answers for the bytes that were uploaded: 200 with the file's content hash
/// (<c>stored</c>), or 422 whose failure has that hash, or has no hash and was recorded after the upload started
/// (<c>failed: reason</c>). An answer about an earlier upload under the same name (another hash) does not count.
/// </summary>
internal static class UploadOutcomes
{
    /// <summary>The outcome of a file not processed before the deadline.</summary>
    public const string Pending = "pending";

    /// <summary>Pause between two rounds of requests.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls until every id of <paramref name="expected"/> (article id → SHA-256 of the uploaded bytes, lowercase hex) has an
    /// outcome or <paramref name="timeout"/> has passed.
    /// </summary>
    /// <returns>Article id → <c>stored</c>, <c>failed: reason</c> or <see cref="Pending"/>.</returns>
    /// <exception cref="HttpRequestException">The API could not be reached at all before the deadline.</exception>
    public static async Task<Dictionary<string, string>> WaitAsync(ApiClient client, IReadOnlyDictionary<string, string> expected,
        DateTimeOffset uploadStarted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcomes = expected.Keys.ToDictionary(id => id, _ => Pending, StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        bool reached = false;
        HttpRequestException? lastError = null;
        while (true)
        {
            foreach (var (id, hash) in expected)
            {
                if (outcomes[id] != Pending)
                    continue;
                try
                {
                    var response = await client.GetAsync("articles/" + id, [], cancellationToken);
                    reached = true;
                    outcomes[id] = OutcomeOf(response, hash, uploadStarted) ?? Pending;
                }
                catch (HttpRequestException ex)
                {
                    lastError = ex;
                }
            }
            if (outcomes.Values.All(o => o != Pending) || DateTime.UtcNow >= deadline)
                break;
            await Task.Delay(Poll, cancellationToken);
        }
        if (!reached && lastError is not null)
            throw lastError;
        return outcomes;
    }

    /// <summary>The outcome an API answer gives for the upload of bytes with <paramref name="hash"/>, or null when it is not
    /// about them yet.</summary>
    internal static string? OutcomeOf((HttpStatusCode Status, string Body) response, string hash, DateTimeOffset uploadStarted)
    {
        if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            if (response.Status == HttpStatusCode.OK)
                return root.TryGetProperty("contentHash", out var h) && h.GetString() == hash ? "stored" : null;
            if (!root.TryGetProperty("failure", out var failure))
                return null;
            string? failedHash = failure.TryGetProperty("contentHash", out var fh) ? fh.GetString() : null;
            bool ours = failedHash == hash
                || (failedHash is null && failure.TryGetProperty("failedAt", out var at) && at.TryGetDateTimeOffset(out var when) && when >= uploadStarted);
            return ours ? "failed: " + (failure.TryGetProperty("reason", out var r) ? r.GetString() : "unknown reason") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

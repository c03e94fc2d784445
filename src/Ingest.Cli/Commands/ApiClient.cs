using System.Net;
using System.Text.Json;

namespace Ingest.Cli.Commands;

/// <summary>A thin client of the Ingest HTTP API that returns status and body as they came.</summary>
internal sealed class ApiClient(string api, string? key) : IDisposable
{
    private readonly HttpClient _http = Create(api, key);

    private static HttpClient Create(string api, string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(api.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(key))
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        return http;
    }

    /// <summary>GET <c>api/{path}</c> with the query parameters that are given (see <see cref="QueryString"/>).</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, IEnumerable<KeyValuePair<string, string?>> query,
        CancellationToken cancellationToken = default)
    {
        string qs = QueryString(query);
        using var response = await _http.GetAsync("api/" + path + (qs.Length > 0 ? "?" + qs : ""), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// The query string of the parameters that are not null, percent-encoded. An empty value is sent (<c>entity=</c>), so that
    /// <c>--entity ""</c> gets the API's 400 <c>empty_filter</c> instead of silently listing everything.
    /// </summary>
    internal static string QueryString(IEnumerable<KeyValuePair<string, string?>> query) =>
        string.Join("&", query.Where(p => p.Value is not null).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!)));

    /// <summary>POST <c>api/{path}</c> with an empty body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("api/" + path, content: null, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// Asks a LocalHost on a loopback address to list the ingest container now (<c>POST /local/poll</c>) instead of at its next
    /// poll; does nothing for any other API (Azure's blob trigger needs no wake), and a failed request only costs the wait.
    /// </summary>
    /// <returns>Whether the host accepted the wake (202).</returns>
    public async Task<bool> WakeLocalPollerAsync(CancellationToken cancellationToken = default)
    {
        if (_http.BaseAddress is not { IsLoopback: true })
            return false;
        // A host that does not answer quickly costs at most this; the upload is done either way.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var response = await _http.PostAsync("local/poll", content: null, timeout.Token);
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>DELETE <c>api/{path}</c> with the query parameters that are given.</summary>
    public async Task<(HttpStatusCode Status, string Body)> DeleteAsync(string path, IEnumerable<KeyValuePair<string, string?>> query,
        CancellationToken cancellationToken = default)
    {
        string qs = QueryString(query);
        using var response = await _http.DeleteAsync("api/" + path + (qs.Length > 0 ? "?" + qs : ""), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// Writes the body (pretty-printed when it is JSON) and returns the exit code: 0 for 2xx, 1 otherwise. A non-2xx body
    /// (the API's error object) goes to <paramref name="errors"/> when given (the commands pass standard error, so that a
    /// pipe such as <c>ingest query ... | jq</c> never parses an error as results), else to <paramref name="output"/>.
    /// </summary>
    public static int Print((HttpStatusCode Status, string Body) response, TextWriter output, TextWriter? errors = null)
    {
        bool ok = (int)response.Status is >= 200 and < 300;
        (ok ? output : errors ?? output).WriteLine(Pretty(response.Body));
        return ok ? 0 : 1;
    }

    private static string Pretty(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(doc.RootElement, Core.Document.ArticleJson.Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    public void Dispose() => _http.Dispose();
}

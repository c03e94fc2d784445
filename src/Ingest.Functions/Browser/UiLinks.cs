using Ingest.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Ingest.Functions.Browser;

/// <summary>
/// The links of the browser view (<c>/api/ui</c>, <c>/api/ui/articles/{id}</c>, <c>/api/ui/failures</c>, <c>/api/docs</c>),
/// built from parts the request cannot inject into: paths are constants, the id is checked, query values are percent-encoded.
/// A function key the request came with (<c>?code=</c>, needed in Azure) is carried on every link, so that following a link
/// works where the key is required.
/// </summary>
internal sealed class UiLinks
{
    /// <summary>The path of the article list.</summary>
    public const string ListPath = "/" + ApiRoutes.Prefix + "/ui";

    private readonly string? _key;

    /// <summary>Links for the request (its function key, if any).</summary>
    public UiLinks(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _key = request.Query.TryGetValue(QueryParameters.FunctionKey, out var key) && key.Count == 1 && !string.IsNullOrEmpty(key[0]) ? key[0] : null;
    }

    /// <summary>The function key to carry, or null.</summary>
    public string? Key => _key;

    /// <summary>The article list with the given filters (null values left out).</summary>
    public string Articles(params (string Name, string? Value)[] query) => Build(ListPath, query);

    /// <summary>The page of one article.</summary>
    public string Article(string id) => Build(ListPath + "/articles/" + Uri.EscapeDataString(id), []);

    /// <summary>The failures page, from <paramref name="continuationToken"/> on.</summary>
    public string Failures(string? continuationToken = null) =>
        Build(ListPath + "/failures", [(QueryParameters.ContinuationToken, continuationToken)]);

    /// <summary>The API docs page.</summary>
    public string Docs() => Build("/" + ApiRoutes.Prefix + "/docs", []);

    /// <summary>Another path of this app (a constant of the page, not request data), with the function key.</summary>
    public string Path(string path) => Build(path, []);

    /// <summary>The articles naming an entity.</summary>
    public string Entity(string name) => Articles(("entity", name));

    /// <summary>The articles quoting a speaker.</summary>
    public string Speaker(string name) => Articles(("speaker", name));

    private string Build(string path, (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Name, q.Value)).ToList();
        if (_key is not null)
            parts.Add(KeyValuePair.Create(QueryParameters.FunctionKey, (string?)_key));
        return path + QueryString.Create(parts).ToUriComponent();
    }
}

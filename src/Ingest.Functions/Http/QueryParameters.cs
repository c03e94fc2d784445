using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Ingest.Core.Abstractions;
using Microsoft.AspNetCore.Http;

namespace Ingest.Functions.Http;

/// <summary>
/// Parses and checks the query strings of the HTTP API. Every parser returns either a value or an
/// <see cref="ApiError"/> for a 400 response; none throws on bad input.
/// <para>Filter values (<c>entity, speaker, source, text, prefix, from, to</c>) are trimmed and put in Unicode NFC. A filter
/// that is given (even as <c>?entity=</c>) but empty after that, or made only of white space, control and invisible
/// (format) characters, is 400 <c>empty_filter</c>, never an unfiltered list; <c>text</c> needs at least one letter or
/// digit. A missing filter is no filter. <c>pageSize</c> and <c>continuationToken</c> given blank count as missing.</para>
/// </summary>
public static class QueryParameters
{
    /// <summary>Page size when <c>pageSize</c> is not given.</summary>
    internal const int DefaultPageSize = 50;
    /// <summary>Largest page size the store accepts (see <see cref="IArticleStore.QueryArticlesAsync"/>).</summary>
    internal const int MaxPageSize = 1000;
    /// <summary>Longest filter value accepted; longer values are certainly not names and would only bloat the query.</summary>
    internal const int MaxFilterLength = 200;
    /// <summary>Longest continuation token accepted (tokens are opaque but short).</summary>
    internal const int MaxTokenLength = 4096;

    /// <summary>The name of the paging parameter that carries the token of the previous page.</summary>
    public const string ContinuationToken = "continuationToken";

    /// <summary>The format of <c>from</c> and <c>to</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The query parameter that carries a function key in Azure (<c>?code=</c>); accepted by every route.</summary>
    public const string FunctionKey = "code";

    /// <summary>
    /// Refuses a query parameter the endpoint does not have (compared case-insensitively, as the parsers read them):
    /// <c>?entitiy=</c> is 400 <c>unknown_parameter</c> naming <c>entitiy</c>, not an unfiltered list.
    /// <see cref="FunctionKey"/> is always allowed.
    /// </summary>
    /// <param name="query">The request's query.</param>
    /// <param name="parameters">The endpoint's parameters.</param>
    /// <param name="error">The error for the first unknown parameter, in query order.</param>
    /// <returns>True when every parameter is known.</returns>
    public static bool TryRejectUnknown(IQueryCollection query, IReadOnlyList<string> parameters, [NotNullWhen(false)] out ApiError? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        error = null;
        foreach (string key in query.Keys)
        {
            if (key.Equals(FunctionKey, StringComparison.OrdinalIgnoreCase) ||
                parameters.Contains(key, StringComparer.OrdinalIgnoreCase))
                continue;
            string known = parameters.Count == 0 ? "it takes no query parameters" : "it takes " + string.Join(", ", parameters);
            error = new ApiError("unknown_parameter", $"'{key}' is not a parameter of this endpoint; {known}.", key);
            return false;
        }
        return true;
    }

    /// <summary>Parses a <c>true</c>/<c>false</c> parameter (case-insensitive); missing or blank is false.</summary>
    /// <param name="query">The request's query.</param>
    /// <param name="name">The parameter.</param>
    /// <param name="value">The flag.</param>
    /// <param name="error">400 <c>invalid_parameter</c> for any other value, or a parameter given twice.</param>
    public static bool TryParseFlag(IQueryCollection query, string name, out bool value, [NotNullWhen(false)] out ApiError? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        value = false;
        if (!TryGetSingle(query, name, out string? text, out error))
            return false;
        if (text is null || bool.TryParse(text, out value))
            return true;
        error = new ApiError("invalid_parameter", $"'{name}' must be true or false; got '{text}'.", name);
        return false;
    }

    /// <summary>
    /// Parses <c>entity, speaker, source, from, to, order</c> of <c>GET /api/articles</c>. <c>order</c> is <c>key</c> (the default:
    /// the driving index's key order) or <c>newest</c> (newest published first), which takes no entity, speaker or source
    /// (400 <c>invalid_parameter</c> naming <c>order</c>).
    /// </summary>
    public static bool TryParseArticleQuery(IQueryCollection query, [NotNullWhen(true)] out ArticleQuery? result,
        [NotNullWhen(false)] out ApiError? error)
    {
        result = null;
        if (!TryGetText(query, "entity", out string? entity, out error)
            || !TryGetText(query, "speaker", out string? speaker, out error)
            || !TryGetText(query, "source", out string? source, out error)
            || !TryGetDate(query, "from", out DateOnly? from, out error)
            || !TryGetDate(query, "to", out DateOnly? to, out error)
            || !TryGetSingle(query, "order", out string? order, out error))
            return false;
        ArticleOrder sort = ArticleOrder.Key;
        if (order is not null)
        {
            if (order.Equals("newest", StringComparison.OrdinalIgnoreCase))
                sort = ArticleOrder.Newest;
            else if (!order.Equals("key", StringComparison.OrdinalIgnoreCase))
            {
                error = new ApiError("invalid_parameter", $"'order' must be newest or key; got '{order}'.", "order");
                return false;
            }
        }
        if (sort == ArticleOrder.Newest && (entity is not null || speaker is not null || source is not null))
        {
            string which = entity is not null ? "entity" : speaker is not null ? "speaker" : "source";
            error = new ApiError("invalid_parameter",
                $"'order=newest' cannot be combined with '{which}': that list comes from the {which} index in article-id order. Use from/to to narrow a newest-first list.",
                "order");
            return false;
        }
        if (from is { } f && to is { } t && f > t)
        {
            error = new ApiError("invalid_range", $"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd}).", "from");
            return false;
        }
        result = new ArticleQuery(entity, speaker, source, from, to) { Order = sort };
        return true;
    }

    /// <summary>Parses <c>speaker, text</c> of <c>GET /api/quotes</c>.</summary>
    public static bool TryParseQuoteQuery(IQueryCollection query, [NotNullWhen(true)] out QuoteQuery? result,
        [NotNullWhen(false)] out ApiError? error)
    {
        result = null;
        if (!TryGetText(query, "speaker", out string? speaker, out error) || !TryGetText(query, "text", out string? text, out error))
            return false;
        if (text is not null && !text.Any(char.IsLetterOrDigit))
        {
            error = new ApiError("empty_filter", $"'text' has no word (letters or digits); leave it out to list every quotation.", "text");
            return false;
        }
        result = new QuoteQuery(speaker, text);
        return true;
    }

    /// <summary>Parses <c>prefix</c> of <c>GET /api/entities</c>; a missing prefix means every entity (an empty one is 400).</summary>
    public static bool TryParsePrefix(IQueryCollection query, [NotNullWhen(true)] out string? prefix,
        [NotNullWhen(false)] out ApiError? error)
    {
        prefix = null;
        // Not trimmed: the store keeps one trailing space of a prefix ("ada " lists "ada quill", not "adams").
        if (!TryGetText(query, "prefix", out string? value, out error, trim: false))
            return false;
        prefix = value ?? "";
        return true;
    }

    /// <summary>Parses <c>pageSize</c> (1-1000, default 50) and <c>continuationToken</c> (passed through as given).</summary>
    public static bool TryParsePaging(IQueryCollection query, out int pageSize, out string? continuationToken,
        [NotNullWhen(false)] out ApiError? error)
    {
        pageSize = DefaultPageSize;
        continuationToken = null;
        if (!TryGetSingle(query, "pageSize", out string? size, out error))
            return false;
        if (size is not null)
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize)
            {
                error = new ApiError("invalid_parameter", $"'pageSize' must be a whole number from 1 to {MaxPageSize}; got '{size}'.", "pageSize");
                return false;
            }
        }
        if (!TryGetSingle(query, ContinuationToken, out continuationToken, out error))
            return false;
        if (continuationToken is { Length: > MaxTokenLength })
        {
            error = new ApiError("invalid_token", "'continuationToken' is too long; pass the token of the previous page as it was.",
                ContinuationToken);
            return false;
        }
        return true;
    }

    /// <summary>
    /// The 400 error for an argument the store refused (<see cref="ArgumentException.ParamName"/> names it as this API does):
    /// <c>invalid_token</c> for <c>continuationToken</c> (malformed, of another format version, of another query or filter,
    /// altered), <c>empty_filter</c> for a filter the store normalized to nothing (a <see cref="Ingest.Storage.QueryArgumentException"/>,
    /// whose reason becomes the message), <c>invalid_parameter</c> for any other argument error naming a parameter. Null when
    /// <paramref name="exception"/> names none of <paramref name="parameters"/>, which is then a fault of the server, not of the request.
    /// </summary>
    /// <param name="exception">What the store threw.</param>
    /// <param name="parameters">The query parameters of the endpoint.</param>
    public static ApiError? StoreError(ArgumentException exception, IReadOnlyCollection<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(parameters);
        if (exception.ParamName is not { } name || !parameters.Contains(name))
            return null;
        if (exception is not Ingest.Storage.QueryArgumentException refused)
            return new ApiError(name == ContinuationToken ? "invalid_token" : "invalid_parameter", $"'{name}' cannot be used with this query.", name);
        return new ApiError(name == ContinuationToken ? "invalid_token" : name == "order" ? "invalid_parameter" : "empty_filter", refused.Reason, name);
    }

    /// <summary>The parameters of <c>GET /api/articles</c>.</summary>
    public static readonly IReadOnlyList<string> ArticleListParameters = ["entity", "speaker", "source", "from", "to", "order", "pageSize", ContinuationToken];

    /// <summary>The parameters of <c>GET /api/quotes</c>.</summary>
    public static readonly IReadOnlyList<string> QuoteListParameters = ["speaker", "text", "pageSize", ContinuationToken];

    /// <summary>The parameters of <c>GET /api/entities</c>.</summary>
    public static readonly IReadOnlyList<string> EntityListParameters = ["prefix", "pageSize", ContinuationToken];

    /// <summary>The parameters of <c>GET /api/failures</c>.</summary>
    public static readonly IReadOnlyList<string> FailureListParameters = ["pageSize", ContinuationToken];

    /// <summary>The parameters of <c>DELETE /api/articles/{id}</c>.</summary>
    public static readonly IReadOnlyList<string> DeleteParameters = ["blob"];

    /// <summary>The parameters of the routes that take none (<c>GET /api/articles/{id}</c>, health, reprocess).</summary>
    public static readonly IReadOnlyList<string> NoParameters = [];

    /// <summary>True when <paramref name="id"/> has the shape of an article id (16 lowercase hex characters, see <c>ArticleIds.For</c>).</summary>
    public static bool IsArticleId(string? id) =>
        id is { Length: 16 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Reads a filter: missing is null; given, it is trimmed (unless <paramref name="trim"/> is false) and NFC, and must keep a visible character.</summary>
    private static bool TryGetText(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error,
        bool trim = true)
    {
        if (!TryGetFilter(query, name, out value, out error, trim))
            return false;
        if (value is { Length: > MaxFilterLength })
        {
            error = new ApiError("invalid_parameter", $"'{name}' is longer than {MaxFilterLength} characters.", name);
            value = null;
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads a filter given at most once: null when missing; otherwise trimmed and NFC, and an <c>empty_filter</c> error when
    /// nothing but white space, control and format characters is left.
    /// </summary>
    private static bool TryGetFilter(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error,
        bool trim = true)
    {
        value = null;
        if (!TryGetRaw(query, name, out string? raw, out error))
            return false;
        if (raw is null)
            return true;
        string text = trim ? raw.Trim() : raw;
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        if (text.All(IsBlank))
        {
            error = new ApiError("empty_filter",
                $"'{name}' is empty (only white space, control or invisible characters); leave it out to list everything.", name);
            return false;
        }
        value = text;
        return true;
    }

    private static bool IsBlank(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static bool TryGetDate(IQueryCollection query, string name, out DateOnly? value, [NotNullWhen(false)] out ApiError? error)
    {
        value = null;
        if (!TryGetFilter(query, name, out string? text, out error))
            return false;
        if (text is null)
            return true;
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            error = new ApiError("invalid_date", $"'{name}' must be a date in the form {DateFormat} (e.g. 2024-03-31); got '{text}'.", name);
            return false;
        }
        value = date;
        return true;
    }

    /// <summary>Reads a parameter given at most once, trimmed; blank means absent (paging parameters only).</summary>
    private static bool TryGetSingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error)
    {
        if (!TryGetRaw(query, name, out string? raw, out error))
        {
            value = null;
            return false;
        }
        string? text = raw?.Trim();
        value = string.IsNullOrEmpty(text) ? null : text;
        return true;
    }

    /// <summary>Reads a parameter given at most once, as sent: null when missing, "" for <c>?name=</c> or <c>?name</c>.</summary>
    private static bool TryGetRaw(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
            return true;
        if (values.Count > 1)
        {
            error = new ApiError("invalid_parameter", $"'{name}' was given {values.Count} times; give it once.", name);
            return false;
        }
        value = values[0] ?? "";
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Ingest.Core.Abstractions;
using Microsoft.AspNetCore.Http;

namespace Ingest.Functions.Http;

/// <summary>
/// Parses and checks the query strings of the HTTP API. Every parser returns either a value or an
/// <see cref="ApiError"/> for a 400 response; none throws on bad input.
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

    /// <summary>The format of <c>from</c> and <c>to</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Parses <c>entity, speaker, source, from, to</c> of <c>GET /api/articles</c>.</summary>
    public static bool TryParseArticleQuery(IQueryCollection query, [NotNullWhen(true)] out ArticleQuery? result,
        [NotNullWhen(false)] out ApiError? error)
    {
        result = null;
        if (!TryGetText(query, "entity", out string? entity, out error)
            || !TryGetText(query, "speaker", out string? speaker, out error)
            || !TryGetText(query, "source", out string? source, out error)
            || !TryGetDate(query, "from", out DateOnly? from, out error)
            || !TryGetDate(query, "to", out DateOnly? to, out error))
            return false;
        if (from is { } f && to is { } t && f > t)
        {
            error = new ApiError("invalid_range", $"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd}).", "from");
            return false;
        }
        result = new ArticleQuery(entity, speaker, source, from, to);
        return true;
    }

    /// <summary>Parses <c>speaker, text</c> of <c>GET /api/quotes</c>.</summary>
    public static bool TryParseQuoteQuery(IQueryCollection query, [NotNullWhen(true)] out QuoteQuery? result,
        [NotNullWhen(false)] out ApiError? error)
    {
        result = null;
        if (!TryGetText(query, "speaker", out string? speaker, out error) || !TryGetText(query, "text", out string? text, out error))
            return false;
        result = new QuoteQuery(speaker, text);
        return true;
    }

    /// <summary>Parses <c>prefix</c> of <c>GET /api/entities</c>; a missing prefix means every entity.</summary>
    public static bool TryParsePrefix(IQueryCollection query, [NotNullWhen(true)] out string? prefix,
        [NotNullWhen(false)] out ApiError? error)
    {
        prefix = null;
        if (!TryGetText(query, "prefix", out string? value, out error))
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
        if (!TryGetSingle(query, "continuationToken", out continuationToken, out error))
            return false;
        if (continuationToken is { Length: > MaxTokenLength })
        {
            error = new ApiError("invalid_parameter", "'continuationToken' is too long; pass the token of the previous page as it was.",
                "continuationToken");
            return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="id"/> has the shape of an article id (16 lowercase hex characters, see <c>ArticleIds.For</c>).</summary>
    public static bool IsArticleId(string? id) =>
        id is { Length: 16 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static bool TryGetText(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error)
    {
        if (!TryGetSingle(query, name, out value, out error))
            return false;
        if (value is { Length: > MaxFilterLength })
        {
            error = new ApiError("invalid_parameter", $"'{name}' is longer than {MaxFilterLength} characters.", name);
            value = null;
            return false;
        }
        return true;
    }

    private static bool TryGetDate(IQueryCollection query, string name, out DateOnly? value, [NotNullWhen(false)] out ApiError? error)
    {
        value = null;
        if (!TryGetSingle(query, name, out string? text, out error))
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

    /// <summary>Reads a parameter given at most once; blank means absent. Repeating a parameter is an error.</summary>
    private static bool TryGetSingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ApiError? error)
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
        string? text = values[0]?.Trim();
        value = string.IsNullOrEmpty(text) ? null : text;
        return true;
    }
}

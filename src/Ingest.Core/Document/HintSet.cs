using System.Text.RegularExpressions;

namespace Ingest.Core.Document;

/// <summary>
/// Metadata hints from structured sources (a JSON record's fields, HTML meta tags, JSON-LD, front matter), keyed by
/// the names in <see cref="HintKeys"/>, each a list of distinct values in the order found (best first). The metadata
/// stage weighs them against what the text says.
/// </summary>
public sealed partial class HintSet : LayerData
{
    private readonly Dictionary<string, List<string>> _hints = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Adds a value unless it is blank or already present; markup is decoded and tags dropped ("Aren&amp;#8217;t" →
    /// "Aren’t"), then the value is normalized like block text (<see cref="Stages.TextNormalizer.Normalize"/>: NFC, no
    /// control or invisible characters, single spaces), so no hint carries a NUL or a line break into the metadata.
    /// </summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    /// <param name="value">The value as found, or null.</param>
    public void Add(string key, string? value)
    {
        EnsureWritable();
        if (string.IsNullOrWhiteSpace(value))
            return;
        if (value.Contains('&') || value.Contains('<'))
            value = System.Net.WebUtility.HtmlDecode(Tag().Replace(value, " "));
        value = Stages.TextNormalizer.Normalize(value);
        if (value.Length == 0)
            return;
        if (!_hints.TryGetValue(key, out var list))
            _hints[key] = list = [];
        if (!list.Contains(value))
            list.Add(value);
    }

    /// <summary>Removes the values of <paramref name="key"/> that <paramref name="drop"/> selects; the key stays known.</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    /// <param name="drop">Selects the values to remove.</param>
    public void RemoveWhere(string key, Predicate<string> drop)
    {
        EnsureWritable();
        if (_hints.TryGetValue(key, out var list))
            list.RemoveAll(drop);
    }

    /// <summary>First value for <paramref name="key"/>, or null.</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    public string? First(string key) => _hints.TryGetValue(key, out var list) && list.Count > 0 ? list[0] : null;

    /// <summary>Every value for <paramref name="key"/>, best first; empty when none.</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    public IReadOnlyList<string> All(string key) => _hints.TryGetValue(key, out var list) ? list : [];

    /// <summary>Whether any source gave <paramref name="key"/> (even when its values were removed since).</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    public bool Contains(string key) => _hints.ContainsKey(key);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}

/// <summary>Names of <see cref="HintSet"/> entries.</summary>
public static class HintKeys
{
    /// <summary>Headline.</summary>
    public const string Title = "title";
    /// <summary>Standfirst or description.</summary>
    public const string Subtitle = "subtitle";
    /// <summary>Author name (one value per author).</summary>
    public const string Author = "author";
    /// <summary>Publication date or date-time as written.</summary>
    public const string Published = "published";
    /// <summary>Site name.</summary>
    public const string SiteName = "site_name";
    /// <summary>Page URL.</summary>
    public const string Url = "url";
    /// <summary>Canonical URL.</summary>
    public const string CanonicalUrl = "canonical";
    /// <summary>Language tag ("en", "de-DE").</summary>
    public const string Language = "language";
    /// <summary>Original source (JSON-LD <c>isBasedOn</c>): a name or a URL.</summary>
    public const string OriginalSource = "original_source";
}

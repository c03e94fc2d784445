using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ingest.Storage;

/// <summary>
/// Builds PartitionKey and RowKey values. Table storage refuses <c>/ \ # ?</c> and control characters
/// (U+0000–U+001F, U+007F–U+009F) in keys and limits a key to 1 KiB; <see cref="Escape"/> maps those
/// characters (and <c>%</c> itself) to <c>%XX</c>, reversibly, and <see cref="NameKey"/> normalizes names
/// (NFC, case, white space) so that index lookups are case-insensitive and independent of Unicode composition.
/// </summary>
public static class TableKeys
{
    /// <summary>Longest key this class produces for names, in UTF-16 code units (Table storage allows 1 KiB = 512).</summary>
    public const int MaxNameKeyLength = 256;

    // A bounded key keeps this many characters of the escaped name, then "~" and a hash of the whole name.
    private const int BoundedPrefixLength = 200;

    /// <summary>Escapes a value for use as a key: <c>% / \ # ?</c> and control characters become <c>%XX</c> (upper-case hex).</summary>
    /// <param name="value">Any string.</param>
    /// <returns>A string that Table storage accepts as a key (length permitting) and that <see cref="Unescape"/> turns back into <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int i = 0;
        while (i < value.Length && !MustEscape(value[i]))
            i++;
        if (i == value.Length)
            return value;

        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            char c = value[i];
            if (MustEscape(c))
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    /// <param name="key">An escaped key.</param>
    /// <returns>The original value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="key"/> has a <c>%</c> not followed by two hex digits.</exception>
    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int first = key.IndexOf('%');
        if (first < 0)
            return key;
        var sb = new StringBuilder(key.Length);
        sb.Append(key, 0, first);
        for (int i = first; i < key.Length; i++)
        {
            char c = key[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (i + 2 >= key.Length || !int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                throw new FormatException($"Invalid escape sequence at position {i} of a table key.");
            sb.Append((char)code);
            i += 2;
        }
        return sb.ToString();
    }

    /// <summary>True when Table storage does not accept <paramref name="c"/> in a key, or it is the escape character <c>%</c>.</summary>
    /// <param name="c">A character.</param>
    public static bool MustEscape(char c) =>
        c is '%' or '/' or '\\' or '#' or '?' || c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');

    /// <summary>
    /// Normalizes a name for case-insensitive matching: Unicode NFC, drops the invisible characters the pipeline drops
    /// (<see cref="IsInvisible"/>), trims, folds typographic apostrophes to <c>'</c>, collapses runs of white space and control
    /// characters to one space, lower-cases (invariant culture) and drops a leading "the ".
    /// </summary>
    /// <param name="name">An entity, speaker or source name.</param>
    /// <returns>The normalized name ("The  New York Times" → "new york times"); empty for a blank name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static string NormalizeName(string name)
    {
        string s = CollapseLower(name, keepTrailingSpace: false);
        if (s.StartsWith("the ", StringComparison.Ordinal) && s.Length > 4)
            s = s[4..];
        return s;
    }

    /// <summary>
    /// Normalizes a prefix typed by a user like <see cref="NormalizeName"/>, but keeps one trailing space
    /// ("ada " lists "ada quill", not "adams") and drops a leading "the " only when more follows.
    /// </summary>
    /// <param name="prefix">A prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    public static string NormalizePrefix(string prefix)
    {
        string s = CollapseLower(prefix, keepTrailingSpace: true);
        if (s.StartsWith("the ", StringComparison.Ordinal) && s.Length > 4)
            s = s[4..];
        return s;
    }

    /// <summary>
    /// The index key of a name: <see cref="Escape"/> of <see cref="NormalizeName"/>, bounded to
    /// <see cref="MaxNameKeyLength"/> characters (a longer key keeps its first 200 characters, then <c>~</c> and a hash of the whole).
    /// </summary>
    /// <param name="name">An entity, speaker or source name.</param>
    /// <returns>The key, or an empty string when the name is blank.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static string NameKey(string name) => Bounded(Escape(NormalizeName(name)));

    /// <summary>
    /// The partition of a name key in the entity-names table: its first escaped character (<c>%XX</c> for an escaped
    /// character, both halves of a surrogate pair), so a prefix query reads one partition.
    /// </summary>
    /// <param name="key">An escaped name key or escaped normalized prefix, not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public static string NamePartition(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        int n = key[0] == '%' && key.Length >= 3 ? 3 : char.IsHighSurrogate(key[0]) && key.Length > 1 ? 2 : 1;
        return key[..n];
    }

    /// <summary>
    /// A short stable hash of text for keys: the first 16 lower-case hex characters of SHA-256 over the
    /// normalized text (NFC, invisible characters dropped, white space collapsed, lower-cased, typographic quotes folded), so the same quotation
    /// written with different spacing or case hashes alike.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string TextHash(string text)
    {
        string normalized = CollapseLower(text, keepTrailingSpace: false);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)).AsSpan(0, 8));
    }

    /// <summary>Bounds an escaped key to <see cref="MaxNameKeyLength"/> characters, keeping it unique by a hash of the whole.</summary>
    internal static string Bounded(string escaped)
    {
        if (escaped.Length <= MaxNameKeyLength)
            return escaped;
        int cut = BoundedPrefixLength;
        // Do not cut inside a %XX sequence or a surrogate pair.
        if (escaped[cut - 1] == '%')
            cut -= 1;
        else if (escaped[cut - 2] == '%')
            cut -= 2;
        if (char.IsHighSurrogate(escaped[cut - 1]))
            cut -= 1;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)).AsSpan(0, 8));
        return string.Concat(escaped.AsSpan(0, cut), "~", hash);
    }

    /// <summary>
    /// True for the invisible characters the pipeline removes from text (<c>TextNormalizer.Normalize</c> in Ingest.Core: zero-width
    /// space, non-joiner and joiner, word joiner, BOM, soft hyphen), so that a key built from a typed name matches the key built
    /// from the pipeline's text of that name.
    /// </summary>
    /// <param name="c">A character.</param>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    private static string CollapseLower(string text, bool keepTrailingSpace)
    {
        ArgumentNullException.ThrowIfNull(text);
        // NFC first: the pipeline writes NFC text, so "Jose\u0301" must key like "Jos\u00E9".
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char raw in text)
        {
            if (IsInvisible(raw))
                continue;
            if (char.IsWhiteSpace(raw) || char.IsControl(raw))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            char c = raw switch
            {
                '\u2018' or '\u2019' or '\u02BC' => '\'',
                '\u201C' or '\u201D' => '"',
                _ => raw,
            };
            sb.Append(char.ToLowerInvariant(c));
        }
        if (pendingSpace && keepTrailingSpace)
            sb.Append(' ');
        return sb.ToString();
    }
}

using System.Text;

namespace Ingest.Core.Stages;

/// <summary>
/// normalize: Unicode NFC, whitespace collapsed to single spaces, invisible characters and control characters removed.
/// </summary>
public static class TextNormalizer
{
    /// <summary>
    /// Normalizes one block of text: NFC; zero-width characters, soft hyphens and BOMs removed; control characters
    /// removed (see <see cref="IsControl"/>; the ones that separate — tab, line feed, carriage return, vertical tab,
    /// form feed and NEL U+0085 — count as whitespace); every run of whitespace (including no-break spaces and line
    /// breaks) collapsed to one space; trimmed. No-break spaces inside numbers and before French punctuation become
    /// plain spaces.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>The normalized text; empty when nothing printable is left.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
                continue;
            if (IsControl(c) && !char.IsWhiteSpace(c))
                continue;
            if (char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u202F')
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Whether <paramref name="c"/> is a control character that no record carries: a C0 control (U+0000-U+001F, NUL
    /// included) other than tab and line feed, DEL (U+007F), or a C1 control (U+0080-U+009F). Fault-injected and
    /// mis-decoded files carry them (a Windows-1252 file read as Latin-1, a NUL-padded field); they are never text.
    /// </summary>
    /// <param name="c">A UTF-16 code unit.</param>
    public static bool IsControl(char c) => c < '\u0020' ? c is not ('\t' or '\n') : c is >= '\u007F' and <= '\u009F';

    /// <summary>
    /// Removes the characters <see cref="IsControl"/> selects and leaves everything else as it is (line breaks of a
    /// multi-paragraph text stay): the last guard of <see cref="RecordBuilder"/> on every text field of a record.
    /// </summary>
    /// <param name="text">Any text, or null.</param>
    /// <returns><paramref name="text"/> without control characters (the same instance when it has none); null for null.</returns>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? StripControls(string? text)
    {
        if (text is null || !text.Any(IsControl))
            return text;
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            if (!IsControl(c))
                sb.Append(c);
        return sb.ToString();
    }

    /// <summary>A key for comparing lines across articles: normalized, lower-case, digits and punctuation dropped.</summary>
    public static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in Normalize(text))
        {
            if (char.IsLetter(c))
                sb.Append(char.ToLowerInvariant(c));
            else if (c == ' ' && sb.Length > 0 && sb[^1] != ' ')
                sb.Append(' ');
        }
        return sb.ToString().Trim();
    }
}

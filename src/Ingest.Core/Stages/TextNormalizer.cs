using System.Text;

namespace Ingest.Core.Stages;

/// <summary>normalize: Unicode NFC, whitespace collapsed to single spaces, invisible characters removed.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Normalizes one block of text: NFC; zero-width characters, soft hyphens and BOMs removed; every run of
    /// whitespace (including no-break spaces and line breaks) collapsed to one space; trimmed.
    /// No-break spaces inside numbers and before French punctuation become plain spaces.
    /// </summary>
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

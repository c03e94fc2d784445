namespace Ingest.Core.Stages.Quotes;

/// <summary>A span of quoted text inside one paragraph: offsets of the marks and of the words between them.</summary>
/// <param name="Open">Offset of the opening mark.</param>
/// <param name="Close">Offset of the closing mark, or the paragraph length when the quotation runs on (unclosed).</param>
/// <param name="Closed">Whether a closing mark was found.</param>
internal readonly record struct QuoteSpan(int Open, int Close, bool Closed)
{
    public int TextStart => Open + 1;
    public string Inner(string text) => text[TextStart..Math.Min(Close, text.Length)];
}

/// <summary>
/// Pairs quote marks by type: “ ” (and a straight " closing a curly opener or the other way round), " ",
/// „ “ / „ ” (German), « » and » « , ‘ ’ and ' ' (single marks only where no double quotation is open, told apart
/// from apostrophes by what stands on each side), ‹ ›.
/// </summary>
internal static class QuoteSpans
{
    public static List<QuoteSpan> Find(string text)
    {
        var spans = new List<QuoteSpan>();
        int i = 0;
        while (i < text.Length)
        {
            if (IsDoubleOpener(text, i))
            {
                int close = FindDoubleClose(text, i);
                if (close < 0)
                {
                    spans.Add(new QuoteSpan(i, text.Length, false));
                    break;
                }
                spans.Add(new QuoteSpan(i, close, true));
                i = close + 1;
                continue;
            }
            if (IsSingleOpener(text, i))
            {
                int close = FindSingleClose(text, i);
                if (close > 0)
                {
                    spans.Add(new QuoteSpan(i, close, true));
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return spans;
    }

    private static bool IsDoubleOpener(string t, int i)
    {
        char c = t[i];
        if (c is '“' or '„' or '«')
            return i + 1 < t.Length && !char.IsWhiteSpace(t[i + 1]) || (c == '«' && i + 1 < t.Length);
        if (c == '"')
        {
            bool before = i == 0 || char.IsWhiteSpace(t[i - 1]) || "([{—–-:/".Contains(t[i - 1]);
            bool after = i + 1 < t.Length && !char.IsWhiteSpace(t[i + 1]);
            return before && after;
        }
        if (c == '»')
        {
            // Danish/German style »…« only when a « closes it later.
            return i + 1 < t.Length && char.IsLetter(t[i + 1]) && t.IndexOf('«', i + 1) > 0 && (i == 0 || char.IsWhiteSpace(t[i - 1]));
        }
        return false;
    }

    private static int FindDoubleClose(string t, int open)
    {
        char o = t[open];
        for (int j = open + 1; j < t.Length; j++)
        {
            char c = t[j];
            bool closer = o switch
            {
                '“' => c is '”' or '"' || (c == '“' && IsEndContext(t, j)),
                '"' => c is '"' or '”',
                '„' => c is '“' or '”' or '"',
                '«' => c == '»',
                '»' => c == '«',
                _ => false,
            };
            if (!closer)
                continue;
            if (o == '"' && c == '"' && !IsEndContext(t, j) && IsDoubleOpener(t, j))
                return -1; // a new opener: the first quotation was not closed
            if (c is '"' && !IsEndContext(t, j))
                continue;
            return j;
        }
        return -1;
    }

    private static bool IsEndContext(string t, int j) =>
        j + 1 >= t.Length || !char.IsLetterOrDigit(t[j + 1]);

    private static bool IsSingleOpener(string t, int i)
    {
        char c = t[i];
        if (c is not ('‘' or '\'' or '‹' or '‚'))
            return false;
        bool before = i == 0 || char.IsWhiteSpace(t[i - 1]) || "([{—–-:“\"".Contains(t[i - 1]);
        bool after = i + 1 < t.Length && char.IsLetterOrDigit(t[i + 1]) || (i + 1 < t.Length && t[i + 1] is '.' or '…');
        return before && after;
    }

    private static int FindSingleClose(string t, int open)
    {
        char o = t[open];
        for (int j = open + 1; j < t.Length; j++)
        {
            char c = t[j];
            bool match = o switch
            {
                '‘' => c is '’' or '\'',
                '\'' => c is '\'' or '’',
                '‹' => c == '›',
                '‚' => c is '‘' or '’',
                _ => false,
            };
            if (!match)
                continue;
            // An apostrophe has a letter on both sides (don’t, Doe’s) or closes a plural possessive (officials’ plans).
            bool letterBefore = j > 0 && char.IsLetter(t[j - 1]);
            bool letterAfter = j + 1 < t.Length && char.IsLetter(t[j + 1]);
            if (letterBefore && letterAfter)
                continue;
            if (letterBefore && t[j - 1] == 's' && j + 1 < t.Length && t[j + 1] == ' ' && j + 2 < t.Length && char.IsLower(t[j + 2]))
                continue;
            if (j + 1 < t.Length && char.IsLetterOrDigit(t[j + 1]))
                continue;
            return j;
        }
        return -1;
    }
}

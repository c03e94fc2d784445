namespace Ingest.Core.Stages.Entities;

/// <summary>A token of a body paragraph for the tagger: its text as written and where it lies in the paragraph.</summary>
/// <param name="Text">The characters of the token.</param>
/// <param name="Start">Offset of its first character in the paragraph.</param>
internal readonly record struct NerToken(string Text, int Start)
{
    /// <summary>Offset just past the token's last character.</summary>
    public int End => Start + Text.Length;
}

/// <summary>
/// Splits a paragraph into sentences of tokens the way the training data (Penn-Treebank-like CoNLL files) is split:
/// punctuation apart from words, the possessive "'s" and "n't" apart, a full stop kept on an abbreviation ("U.S.",
/// "St.", "J."), hyphens and dashes between words apart ("Vale - Oruno", as GUM splits them), a slash between words apart. A sentence ends after ".", "!",
/// "?" or "…" and the closing quote marks or brackets that follow them.
/// </summary>
internal static class NerTokenizer
{
    private const string Leading = "\"“”‘’'«»„‹›([{¿¡*";
    private const string Trailing = "\"“”‘’'«»‹›)]}!?,;:…*";

    /// <summary>The sentences of <paramref name="paragraph"/>, each a non-empty array of tokens in order.</summary>
    public static List<NerToken[]> Sentences(string paragraph)
    {
        var sentences = new List<NerToken[]>();
        var current = new List<NerToken>();
        var tokens = Tokens(paragraph);
        for (int i = 0; i < tokens.Count; i++)
        {
            current.Add(tokens[i]);
            if (!EndsSentence(tokens[i].Text))
                continue;
            while (i + 1 < tokens.Count && tokens[i + 1].Text.Length == 1 && "\"”’')]»".Contains(tokens[i + 1].Text[0]))
                current.Add(tokens[++i]);
            sentences.Add([.. current]);
            current.Clear();
        }
        if (current.Count > 0)
            sentences.Add([.. current]);
        return sentences;
    }

    private static bool EndsSentence(string t) => t is "." or "!" or "?" or "…" or "...";

    /// <summary>The tokens of <paramref name="text"/> in order.</summary>
    public static List<NerToken> Tokens(string text)
    {
        var list = new List<NerToken>(text.Length / 5 + 4);
        var tail = new List<NerToken>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            int s = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
                i++;
            Chunk(text, s, i, list, tail);
        }
        return list;
    }

    /// <summary>One whitespace-free chunk [s, e): leading and trailing punctuation apart, dashes between words apart.</summary>
    private static void Chunk(string text, int s, int e, List<NerToken> list, List<NerToken> tail)
    {
        tail.Clear();
        while (s < e && Leading.Contains(text[s]))
        {
            list.Add(new NerToken(text[s].ToString(), s));
            s++;
        }
        while (e > s)
        {
            char c = text[e - 1];
            if (c == '.')
            {
                if (e - s >= 3 && text[e - 2] == '.' && text[e - 3] == '.')
                {
                    tail.Add(new NerToken("...", e - 3));
                    e -= 3;
                    continue;
                }
                string word = text[s..e];
                if (word.Length > 1 && MentionFinder.IsAbbreviation(word))
                    break;
                tail.Add(new NerToken(".", e - 1));
                e--;
                continue;
            }
            // A closing apostrophe after an s is a plural possessive ("States'"): keep it as its own token.
            if (Trailing.Contains(c))
            {
                tail.Add(new NerToken(c.ToString(), e - 1));
                e--;
                continue;
            }
            break;
        }
        if (e > s)
            Word(text, s, e, list);
        for (int k = tail.Count - 1; k >= 0; k--)
            list.Add(tail[k]);
    }

    /// <summary>A word [s, e) without outer punctuation: dashes between parts apart, then "'s" and "n't" apart.</summary>
    private static void Word(string text, int s, int e, List<NerToken> list)
    {
        int part = s;
        for (int i = s; i < e; i++)
        {
            // Hyphens between parts are tokens of their own, as in the training data ("Vale - Oruno", "R - Ore.").
            bool dash = text[i] is '—' or '–' or '-' && i > s && i + 1 < e;
            // A slash between two words ("LONDON/VIENNA", "Smith/Jones") also stands apart; "and/or", "km/h" too, harmlessly.
            bool slash = text[i] == '/' && i > s && i + 1 < e && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
            if (slash)
            {
                if (i > part)
                    Clitics(text, part, i, list);
                list.Add(new NerToken("/", i));
                part = i + 1;
                continue;
            }
            if (!dash)
                continue;
            if (i > part)
                Clitics(text, part, i, list);
            int d = i;
            while (i + 1 < e && text[i + 1] is '-' or '—' or '–')
                i++;
            list.Add(new NerToken(text[d..(i + 1)], d));
            part = i + 1;
        }
        if (e > part)
            Clitics(text, part, e, list);
    }

    private static void Clitics(string text, int s, int e, List<NerToken> list)
    {
        int len = e - s;
        if (len > 2 && text[e - 2] is '\'' or '’' && text[e - 1] is 's' or 'S')
        {
            list.Add(new NerToken(text[s..(e - 2)], s));
            list.Add(new NerToken(text[(e - 2)..e], e - 2));
            return;
        }
        if (len > 3 && text[e - 3] is 'n' or 'N' && text[e - 2] is '\'' or '’' && text[e - 1] is 't' or 'T')
        {
            list.Add(new NerToken(text[s..(e - 3)], s));
            list.Add(new NerToken(text[(e - 3)..e], e - 3));
            return;
        }
        list.Add(new NerToken(text[s..e], s));
    }
}

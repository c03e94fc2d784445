using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Sentence and word splitting for attribution: a sentence ends at . ! ? before a capital, an opening mark or the end —
/// but not at the full stop of an abbreviated title ("Sen. Ada Park", "Mr. Roe"; <see cref="Lexicons.IsTitleAbbreviation"/>)
/// nor at a middle initial after a given name ("Jane Q. Roe").
/// </summary>
internal static partial class Sentences
{
    /// <summary>The words of <paramref name="s"/>, split at spaces, punctuation kept.</summary>
    public static List<string> Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The text up to and including the first sentence end (all of it when there is none), trimmed.</summary>
    public static string FirstSentence(string tail)
    {
        foreach (int end in Ends(tail))
            return tail[..(end + 1)].Trim();
        return tail.Trim();
    }

    /// <summary>The text after the last sentence end (all of it when there is none), trimmed.</summary>
    public static string LastSentence(string head)
    {
        int last = -1;
        foreach (int end in Ends(head))
            last = end;
        return (last >= 0 ? head[(last + 1)..] : head).Trim();
    }

    /// <summary>The sentences of <paramref name="text"/>, each without its end mark (like <see cref="Regex.Split(string)"/> at the ends).</summary>
    public static string[] Split(string text)
    {
        var parts = new List<string>();
        int from = 0;
        foreach (int end in Ends(text))
        {
            parts.Add(text[from..end]);
            from = end + 1;
        }
        parts.Add(text[from..]);
        return [.. parts];
    }

    /// <summary>Offsets of the sentence-ending marks of <paramref name="s"/>, in order.</summary>
    public static IEnumerable<int> Ends(string s)
    {
        foreach (Match m in SentenceEndCandidate().Matches(s))
            if (!IsNameStop(s, m.Index))
                yield return m.Index;
    }

    /// <summary>
    /// Whether the full stop at <paramref name="dot"/> belongs to a name: an abbreviated title ("Gov."), or a single
    /// capital after a given name or another initial ("Jane Q.", "J. R.").
    /// </summary>
    internal static bool IsNameStop(string s, int dot)
    {
        if (s[dot] != '.')
            return false;
        int start = dot;
        while (start > 0 && !char.IsWhiteSpace(s[start - 1]))
            start--;
        var word = s.AsSpan(start, dot + 1 - start);
        if (Lexicons.IsTitleAbbreviation(word))
            return true;
        if (IsInitials(word) && word.Length > 2 && !Lexicons.Countries.ContainsKey(word.ToString()))
        {
            // "Rep. G.K. Roe", "Ada J.R. Roe": run-together initials inside a name (not "U.S.", not "in D.C. The")
            int before = start - 1;
            while (before > 0 && char.IsWhiteSpace(s[before - 1]))
                before--;
            int wordStart = before;
            while (wordStart > 0 && !char.IsWhiteSpace(s[wordStart - 1]))
                wordStart--;
            return start == 0 || wordStart < before && char.IsUpper(s[wordStart]) && (s[before - 1] == '.' || char.IsLetter(s[before - 1]));
        }
        if (word.Length != 2 || !char.IsUpper(word[0]) || start == 0)
            return false;
        int prevEnd = start - 1;
        int prevStart = prevEnd;
        while (prevStart > 0 && !char.IsWhiteSpace(s[prevStart - 1]))
            prevStart--;
        var prev = s[prevStart..prevEnd];
        return Lexicons.FirstNames.Contains(prev) || prev.Length == 2 && char.IsUpper(prev[0]) && prev[1] == '.';
    }

    /// <summary>Whether <paramref name="word"/> is one or more initials, each a capital and a full stop ("J.", "G.K.").</summary>
    internal static bool IsInitials(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length % 2 != 0)
            return false;
        for (int i = 0; i < word.Length; i += 2)
            if (!char.IsUpper(word[i]) || word[i + 1] != '.')
                return false;
        return true;
    }

    [GeneratedRegex(@"[.!?](?=\s+[A-Z“""‘'(]|\s*$)")]
    private static partial Regex SentenceEndCandidate();
}

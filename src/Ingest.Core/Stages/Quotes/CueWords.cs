namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Whether a word of an attribution is its cue: a speech or reporting verb (<see cref="Lexicons.SpeechVerbs"/>),
/// "according to", German "so" before an article ("…, so der Sprecher"), or a naming verb ("called", "described").
/// </summary>
internal static class CueWords
{
    // Allocated once: Trim(params char[]) would build this array for every word.
    private static readonly char[] ClausePunctuation = [',', '.', ':', ';'];

    /// <summary>Whether <paramref name="words"/>[<paramref name="i"/>] starts a cue; <paramref name="length"/> is its length in words.</summary>
    public static bool IsCue(List<string> words, int i, out int length)
    {
        length = 1;
        // A capitalised word inside a clause is a name, not a verb ("the United States", "Says Law").
        if (i > 0 && words[i].Length > 0 && char.IsUpper(words[i][0]) && !words[i - 1].EndsWith('.'))
            return false;
        string w = words[i].Trim(ClausePunctuation).ToLowerInvariant();
        if (w is "according" && i + 1 < words.Count && words[i + 1].StartsWith("to", StringComparison.Ordinal))
        {
            length = 2;
            return true;
        }
        if (w is "so" && (i == 0 || words[i - 1].EndsWith(',')) && i + 1 < words.Count && QuoteRules.ArticlesAfterSo.Contains(words[i + 1]))
            return true;
        if (QuoteRules.NamingVerbs.Contains(w))
            return i + 1 < words.Count;
        return Lexicons.SpeechVerbs.Contains(w) && !QuoteRules.CueVerbExclusions.Contains(w) || QuoteRules.CueVerbsNotFirst.Contains(w) && i > 0;
    }
}

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Whether a word of an attribution is its cue: a speech or reporting verb (<see cref="Lexicons.SpeechVerbs"/>),
/// "according to", German "so" before an article ("…, so der Sprecher"), or a naming verb ("called", "described").
/// </summary>
internal static class CueWords
{
    /// <summary>Whether <paramref name="words"/>[<paramref name="i"/>] starts a cue; <paramref name="length"/> is its length in words.</summary>
    public static bool IsCue(List<string> words, int i, out int length)
    {
        length = 1;
        string w = words[i].Trim(',', '.', ':', ';').ToLowerInvariant();
        if (w is "according" && i + 1 < words.Count && words[i + 1].StartsWith("to"))
        {
            length = 2;
            return true;
        }
        if (w is "so" && (i == 0 || words[i - 1].EndsWith(',')) && i + 1 < words.Count && words[i + 1] is "der" or "die" or "das" or "ein" or "eine")
            return true;
        if (w is "called" or "calling" or "described" or "describing" or "labeled" or "labelled")
            return i + 1 < words.Count;
        return Lexicons.SpeechVerbs.Contains(w) && w is not ("so" or "post" or "posted" or "report" or "note" or "state") || w is "report" or "reported" && i > 0;
    }
}

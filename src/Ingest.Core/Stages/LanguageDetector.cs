using Ingest.Core.Document;

namespace Ingest.Core.Stages;

/// <summary>
/// Guesses the article language from stop-word counts over the body (English, German, French, Spanish,
/// Italian, Dutch, Portuguese), preferring a declared language hint when the text does not contradict it.
/// </summary>
public static class LanguageDetector
{
    private static readonly (string Code, HashSet<string> Words)[] Profiles =
    [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "said", "on", "it", "as", "by"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "auch", "für", "ein", "eine", "dem"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "une", "du", "pour", "que", "dans", "qui", "pas", "sur", "au"]),
        ("es", ["el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "con", "para", "es", "se", "al"]),
        ("it", ["il", "di", "che", "la", "per", "non", "una", "del", "della", "sono", "con", "gli", "le", "nel", "è"]),
        ("nl", ["de", "het", "een", "van", "en", "niet", "dat", "op", "voor", "met", "zijn", "ook", "maar", "wordt", "bij"]),
        ("pt", ["o", "a", "os", "de", "que", "não", "uma", "com", "para", "do", "da", "em", "se", "por", "mais"]),
    ];

    // Allocated once: Trim(params char[]) would build this array for every word.
    private static readonly char[] WordPunctuation = ['.', ',', ';', ':', '"', '“', '”', '„', '«', '»', '(', ')', '!', '?'];

    private static readonly HashSet<string> AnyStopWord = Profiles.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="lowerCaseWord"/> is a stop word of one of the profiles' languages (en, de, fr, es, it, nl, pt).</summary>
    /// <param name="lowerCaseWord">A lower-case word without punctuation.</param>
    internal static bool IsStopWord(string lowerCaseWord) => AnyStopWord.Contains(lowerCaseWord);

    /// <summary>ISO 639-1 code of the body's language, or the hint, or null for too little text.</summary>
    /// <param name="body">The body blocks.</param>
    /// <param name="languageHint">A declared language tag ("en", "de-DE"), or null.</param>
    public static string? Detect(IEnumerable<Block> body, string? languageHint)
    {
        var counts = new int[Profiles.Length];
        int total = 0;
        foreach (var block in body)
        {
            foreach (var raw in block.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string w = raw.Trim(WordPunctuation).ToLowerInvariant();
                for (int i = 0; i < Profiles.Length; i++)
                    if (Profiles[i].Words.Contains(w))
                        counts[i]++;
                if (++total > 3000)
                    break;
            }
        }
        string? hint = languageHint?.Split('-', '_')[0].ToLowerInvariant();
        int best = Array.IndexOf(counts, counts.Max());
        if (counts[best] < 5)
            return hint is { Length: 2 } ? hint : null;
        return Profiles[best].Code;
    }
}

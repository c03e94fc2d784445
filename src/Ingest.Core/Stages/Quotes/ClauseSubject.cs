using System.Text.RegularExpressions;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// The grammatical subject of a clause, roughly: the first noun phrase that can be a speaker, after a leading
/// adverbial ("In March,", "Meanwhile,") or subordinate word ("After", "When") and before the first comma.
/// </summary>
internal static class ClauseSubject
{
    /// <summary>The longest subject phrase tried, in words.</summary>
    private const int MaxSubjectWords = 8;

    /// <summary>Drops a leading adverbial ("In March,", "Meanwhile,") so the subject comes first.</summary>
    public static string StripLead(string s) => LeadAdverbial.Value.Replace(s, "");

    private static readonly Lazy<Regex> LeadAdverbial = new(() =>
        new Regex("^" + QuoteRules.Alternation("lead_adverbials.txt") + @"\b[^,]*,\s*", RegexOptions.IgnoreCase));

    /// <summary>The first noun phrase of a clause that can be a speaker (skipping a leading subordinate word).</summary>
    public static SpeakerPhrase? SubjectOf(List<string> words)
    {
        string joined = string.Join(' ', words);
        string stripped = StripLead(joined);
        if (stripped.Length > 0 && stripped.Length < joined.Length && SubjectOfCore(Words(stripped)) is { } s)
            return s;
        return SubjectOfCore(words);
    }

    private static SpeakerPhrase? SubjectOfCore(List<string> words)
    {
        // The subject stands before the clause's first cue verb ("Ada Roe told the Harbor Gazette …" → "Ada Roe").
        int verb = Enumerable.Range(1, Math.Max(0, words.Count - 1)).FirstOrDefault(i => CueWords.IsCue(words, i, out _));
        if (verb > 0)
            words = words.Take(verb).ToList();
        // The subject ends at the first comma: "John Roe, who chairs …" → "John Roe".
        int comma = words.FindIndex(w => w.EndsWith(','));
        if (comma >= 1 && !(comma == 0))
        {
            var head = words.Take(comma + 1).ToList();
            head[^1] = head[^1].TrimEnd(',');
            if (!QuoteRules.ClauseOpeners.Contains(head[0]))
                words = head;
        }
        int start = 0;
        if (start < words.Count && QuoteRules.ClauseOpeners.Contains(words[0]))
            start++;
        for (int len = Math.Min(MaxSubjectWords, words.Count - start); len >= 1; len--)
        {
            var slice = words.Skip(start).Take(len).ToList();
            if (slice[^1].EndsWith(','))
                continue;
            string last = slice[^1];
            if (!SpeakerParser.IsCap(last) && !Lexicons.AnonymousHeads.Contains(last.ToLowerInvariant())
                && !Lexicons.OrgHeads.Contains(SpeakerParser.Capitalize(last)) && !Lexicons.Titles.Contains(last) && !(len == 1 && Lexicons.EnglishHeShe.Contains(last)))
                continue;
            if (SpeakerParser.Parse(string.Join(' ', slice)) is { } s)
                return s;
        }
        return null;
    }
}

using System.Text.RegularExpressions;
using static Ingest.Core.Stages.Quotes.CueWords;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Scare quotes, titles and nicknames: short quoted phrases that are not speech. A span is rejected after a naming
/// lead ("so-called", "dubbed"), when it is a short title-case phrase with no cue beside it, or when it is shorter than
/// <see cref="QuoteStage.MinUnattributedWords"/> words, not a sentence and has no cue beside it nor earlier in its sentence.
/// </summary>
internal static class ScareQuotes
{
    /// <summary>After a naming lead ("so-called"), quotations up to this many words are names or labels.</summary>
    private const int MaxWordsAfterLead = 8;

    /// <summary>Title-case quotations up to this many words with no cue beside them are titles or names.</summary>
    private const int MaxTitleWords = 12;

    /// <summary>A cue beside a quotation is looked for within this many characters of each mark…</summary>
    private const int CueWindowChars = 60;

    /// <summary>…among the last this many words before the opening mark…</summary>
    private const int CueWordsBefore = 4;

    /// <summary>…and the first this many words after the closing mark.</summary>
    private const int CueWordsAfter = 5;

    public static bool IsScareOrTitle(string text, QuoteSpan span, string inner)
    {
        int words = BoilerplateStage.WordCount(inner);
        string before = text[..span.Open].TrimEnd();
        if (ScareLead().IsMatch(before) && words <= MaxWordsAfterLead)
            return true;
        bool sentence = inner.TrimEnd().Length > 0 && ".!?…".Contains(inner.TrimEnd().TrimEnd('"', '’', '\'')[^1]);
        if (words <= MaxTitleWords && !sentence && TitleCase(inner) && words >= 1 && !HasAdjacentCue(text, span))
            return true;
        if (words < QuoteStage.MinUnattributedWords && !sentence && !HasAdjacentCue(text, span, attributionAfter: true) && !InReportedSpeech(text, span))
            return true;
        return false;
    }

    /// <summary>
    /// Whether the sentence holding the span has a cue before its opening mark, so that the quoted words are part of
    /// what it reports (Ada Pellow said the plan was “late” and “costly”): a partial quotation of the cue's speaker.
    /// </summary>
    public static bool InReportedSpeech(string text, QuoteSpan span)
    {
        var words = Words(LastSentence(text[..span.Open]));
        for (int i = 0; i < words.Count; i++)
            if (IsCue(words, i, out _))
                return true;
        return false;
    }

    private static bool TitleCase(string inner)
    {
        var ws = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int caps = ws.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        return ws.Length > 0 && caps >= Math.Max(1, ws.Length - ws.Count(w => w.Length <= 3 && char.IsLower(w[0])));
    }

    /// <summary>Whether a cue verb stands just before the opening mark or just after the closing one.</summary>
    /// <param name="text">The paragraph.</param>
    /// <param name="span">The quotation's marks in it.</param>
    /// <param name="attributionAfter">Whether a quotation ending in a comma may have its cue after a name and an apposition
    /// (for short quotations in plain words; a title-case one, a show or book title, keeps the near window).</param>
    private static bool HasAdjacentCue(string text, QuoteSpan span, bool attributionAfter = false)
    {
        int a = Math.Max(0, span.Open - CueWindowChars);
        string before = text[a..span.Open];
        // A quotation that ends in a comma inside its marks ("…ready,” Ada Roe, the city manager, said.") hands over to its
        // attribution: the cue may come after a name and an apposition, so the window runs to the sentence's end.
        bool handsOver = attributionAfter && span.Close > 0 && text[span.Close - 1] == ',' && StartsSubject(text, span.Close + 1);
        int afterChars = handsOver ? AttributionWindowChars : CueWindowChars;
        string after = span.Close + 1 < text.Length ? text[(span.Close + 1)..Math.Min(text.Length, span.Close + afterChars)] : "";
        if (handsOver)
        {
            after = FirstSentence(after);
            if (after.IndexOfAny(['“', '"']) is int mark and >= 0)
                after = after[..mark];
        }
        var wb = Words(before);
        var wa = Words(after);
        for (int i = Math.Max(0, wb.Count - CueWordsBefore); i < wb.Count; i++)
            if (IsCue(wb, i, out _) || QuoteRules.NamingVerbs.Contains(wb[i]))
                return true;
        for (int i = 0; i < Math.Min(wa.Count, handsOver ? AttributionWordsAfter : CueWordsAfter); i++)
            if (IsCue(wa, i, out _))
                return true;
        return false;
    }

    /// <summary>Whether the text at <paramref name="from"/> starts with a name or a determiner, as an attribution's subject does.</summary>
    private static bool StartsSubject(string text, int from)
    {
        var words = Words(text.Length > from ? text[from..Math.Min(text.Length, from + 40)] : "");
        return words.Count > 0 && (char.IsUpper(words[0][0]) || QuoteRules.Determiners.Contains(words[0].ToLowerInvariant()));
    }

    /// <summary>After a quotation ending in a comma: characters and words to its attribution's cue (up to the sentence's end).</summary>
    private const int AttributionWindowChars = 120;

    /// <summary>See <see cref="AttributionWindowChars"/>: "Ada Roe, the city manager of Harbor City, said" is ten words.</summary>
    private const int AttributionWordsAfter = 12;

    private static readonly Lazy<Regex> _scareLead = new(() => new Regex(QuoteRules.Alternation("scare_quote_leads.txt") + @"\s*$", RegexOptions.IgnoreCase));

    /// <summary>A naming lead ("so-called", "known as", scare_quote_leads.txt) at the end of the text before the opening mark.</summary>
    private static Regex ScareLead() => _scareLead.Value;
}

using System.Text.RegularExpressions;
using static Ingest.Core.Stages.Quotes.CueWords;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Scare quotes, titles and nicknames: short quoted phrases that are not speech. A span is rejected after a naming
/// lead ("so-called", "dubbed"), when it is a short title-case phrase with no cue beside it, or when it is shorter than
/// <see cref="QuoteStage.MinUnattributedWords"/> words, not a sentence and has no cue beside it.
/// </summary>
internal static class ScareQuotes
{
    public static bool IsScareOrTitle(string text, QuoteSpan span, string inner)
    {
        int words = BoilerplateStage.WordCount(inner);
        string before = text[..span.Open].TrimEnd();
        if (ScareLead().IsMatch(before) && words <= 8)
            return true;
        bool sentence = inner.TrimEnd().Length > 0 && ".!?…".Contains(inner.TrimEnd().TrimEnd('"', '’', '\'')[^1]);
        if (words <= 12 && !sentence && TitleCase(inner) && words >= 1 && !HasAdjacentCue(text, span))
            return true;
        if (words < QuoteStage.MinUnattributedWords && !sentence && !HasAdjacentCue(text, span))
            return true;
        return false;
    }

    private static bool TitleCase(string inner)
    {
        var ws = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int caps = ws.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        return ws.Length > 0 && caps >= Math.Max(1, ws.Length - ws.Count(w => w.Length <= 3 && char.IsLower(w[0])));
    }

    private static bool HasAdjacentCue(string text, QuoteSpan span)
    {
        int a = Math.Max(0, span.Open - 60);
        string before = text[a..span.Open];
        string after = span.Close + 1 < text.Length ? text[(span.Close + 1)..Math.Min(text.Length, span.Close + 60)] : "";
        var wb = Words(before);
        var wa = Words(after);
        for (int i = Math.Max(0, wb.Count - 4); i < wb.Count; i++)
            if (IsCue(wb, i, out _) || QuoteRules.NamingVerbs.Contains(wb[i]))
                return true;
        for (int i = 0; i < Math.Min(wa.Count, 5); i++)
            if (IsCue(wa, i, out _))
                return true;
        return false;
    }

    private static readonly Lazy<Regex> _scareLead = new(() => new Regex(QuoteRules.Alternation("scare_quote_leads.txt") + @"\s*$", RegexOptions.IgnoreCase));

    /// <summary>A naming lead ("so-called", "known as", scare_quote_leads.txt) at the end of the text before the opening mark.</summary>
    private static Regex ScareLead() => _scareLead.Value;
}

using static Ingest.Core.Stages.Quotes.AttributionFinder;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// When quotation spans belong together: two spans of a paragraph with only their attribution between them
/// (“A,” she said, “B.”), and a paragraph that is one whole quotation after a paragraph that ended with one.
/// </summary>
internal static class QuoteContinuation
{
    /// <summary>Gaps longer than this many words are more than an attribution.</summary>
    private const int MaxAttributionWords = 25;

    public static bool GapIsAttributionOnly(string text, QuoteSpan prev, QuoteSpan next)
    {
        string gap = text[Math.Min(prev.Close + 1, text.Length)..next.Open].Trim();
        if (gap.Length == 0 || gap is "," or ".")
            return true;
        if (BoilerplateStage.WordCount(gap) > MaxAttributionWords)
            return false;
        // “A,” she said. “B.” / “A,” she said, “B.” — the gap is the attribution of the first part and nothing more.
        if (AfterAttribution(gap) is null)
            return false;
        return FirstSentence(gap).Length >= gap.TrimEnd().Length - 1;
    }

    /// <summary>Whether the span is the whole paragraph (at most one character after its closing mark).</summary>
    public static bool IsWholeParagraph(string text, QuoteSpan span) =>
        text.AsSpan(0, span.Open).Trim().IsEmpty && (span.Close >= text.Length - 1 || text.AsSpan(span.Close + 1).Trim().Length <= 1);

    public static bool EndsWithQuote(string paragraph)
    {
        var spans = QuoteSpans.Find(paragraph);
        if (spans.Count == 0)
            return false;
        // The last quotation closes the paragraph, or only its attribution follows.
        string after = spans[^1].Close >= paragraph.Length ? "" : paragraph[(spans[^1].Close + 1)..];
        return BoilerplateStage.WordCount(after) <= MaxAttributionWords;
    }
}

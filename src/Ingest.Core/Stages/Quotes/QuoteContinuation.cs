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

    /// <summary>
    /// Whether span <paramref name="k"/> continues the quotation of span <paramref name="k"/> − 1 across the words between
    /// them: nothing but quote-mark punctuation, or an attribution that ends the sentence or clause (“A,” she said. “B.” /
    /// “A,” she said, “B.”). Measured on PolNeAR train (pairs of quotations with a cue between them, one relation or two):
    /// a gap that runs straight into the next mark (she says Trump is “B”) or ends with a colon (she added: “B”) starts a
    /// new quotation, and so does a first part closed by a full stop (“A.” she said); a second part with an attribution
    /// of its own (“B,” she added) is a quotation of its own.
    /// </summary>
    public static bool GapIsAttributionOnly(string text, List<QuoteSpan> spans, int k)
    {
        var prev = spans[k - 1];
        var next = spans[k];
        string gap = text[Math.Min(prev.Close + 1, text.Length)..next.Open].Trim();
        if (gap.Length == 0 || gap is "," or ".")
            return true;
        if (BoilerplateStage.WordCount(gap) > MaxAttributionWords || gap[^1] is not (',' or '.'))
            return false;
        if (prev.Inner(text).TrimEnd().EndsWith('.'))
            return false;
        // “A,” she said. “B.” / “A,” she said, “B.” — the gap is the attribution of the first part and nothing more.
        if (AfterAttribution(gap) is null || FirstSentence(gap).Length < gap.Length - 1)
            return false;
        return !HasOwnAttribution(text, spans, k);
    }

    /// <summary>
    /// Whether the words after span <paramref name="k"/> (up to the next span) attribute it: “B,” she added. A part closed
    /// by a full stop ends its sentence, and what follows is a sentence of its own.
    /// </summary>
    private static bool HasOwnAttribution(string text, List<QuoteSpan> spans, int k)
    {
        if (spans[k].Inner(text).TrimEnd().EndsWith('.'))
            return false;
        int from = Math.Min(spans[k].Close + 1, text.Length);
        int to = k + 1 < spans.Count ? spans[k + 1].Open : text.Length;
        return from < to && AfterAttribution(text[from..to]) is not null;
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

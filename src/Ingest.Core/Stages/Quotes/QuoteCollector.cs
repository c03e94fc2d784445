using Ingest.Core.Document;
using static Ingest.Core.Stages.Quotes.AttributionFinder;
using static Ingest.Core.Stages.Quotes.QuoteContinuation;
using static Ingest.Core.Stages.Quotes.SpeakerResolver;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Walks the body paragraphs in order and assembles quotations (<see cref="QuoteUnit"/>) from the quote-mark spans
/// (<see cref="QuoteSpans"/>): scare quotes and titles are dropped (<see cref="ScareQuotes"/>); spans split by their
/// attribution are one quotation; an unclosed quotation continues into a paragraph that opens with a mark; a paragraph
/// that is only a quotation continues the previous paragraph's quote, or is given to the speaker introduced by a colon
/// at the end of the previous paragraph, to the subject of that paragraph, or to the current speaker.
/// </summary>
internal static class QuoteCollector
{
    public static List<QuoteUnit> Collect(AttributionContext ctx)
    {
        var paragraphs = ctx.Paragraphs;
        var units = new List<QuoteUnit>();
        QuoteUnit? open = null;               // an unclosed quotation running on into the next paragraph

        for (int p = 0; p < paragraphs.Count; p++)
        {
            string text = paragraphs[p];
            var spans = QuoteSpans.Find(text);
            if (open is not null)
            {
                if (spans.Count > 0 && text.AsSpan(0, spans[0].Open).Trim().IsEmpty)
                {
                    open.AddPart(spans[0].Inner(text));
                    open.RunsOn = !spans[0].Closed;
                    if (!spans[0].Closed)
                        continue;
                    ApplyAttribution(open, text, spans, 0, p, ctx);
                    spans.RemoveAt(0);
                    open = null;
                }
                else
                {
                    open = null;
                }
            }

            QuoteUnit? previous = null;
            for (int k = 0; k < spans.Count; k++)
            {
                var span = spans[k];
                string inner = span.Inner(text).Trim();
                if (inner.Length == 0)
                    continue;
                bool merge = previous is not null && GapIsAttributionOnly(text, spans, k);
                if (!merge && ScareQuotes.IsScareOrTitle(text, span, inner))
                    continue;
                QuoteUnit unit;
                if (merge)
                {
                    unit = previous!;
                    unit.AddPart(inner);
                }
                else
                {
                    unit = new QuoteUnit { Paragraph = p, Offset = span.Open };
                    unit.AddPart(inner);
                    // A paragraph that is only a quotation continues the quote that closed the previous paragraph.
                    if (k == 0 && spans.Count == 1 && IsWholeParagraph(text, span) && units.Count > 0 && units[^1].Paragraph == p - 1
                        && units[^1].Attributed && EndsWithQuote(paragraphs[p - 1]) && FindAttribution(text, spans, k) is null)
                    {
                        units[^1].Parts.Add(inner);
                        previous = units[^1];
                        continue;
                    }
                    units.Add(unit);
                }
                previous = unit;
                if (!span.Closed)
                {
                    unit.RunsOn = true;
                    open = unit;
                }
                ApplyAttribution(unit, text, spans, k, p, ctx);
                if (!unit.Attributed && IsWholeParagraph(text, span))
                    AttributeFloating(unit, paragraphs, p, span, ctx);
            }
        }
        return units;
    }

    /// <summary>
    /// A floating quotation (a whole paragraph with no attribution): the subject introduced by a colon at the end of the
    /// last paragraph, or the person the last paragraph reports on, or the current speaker.
    /// </summary>
    private static void AttributeFloating(QuoteUnit unit, List<string> paragraphs, int p, QuoteSpan span, AttributionContext ctx)
    {
        if (p > 0 && paragraphs[p - 1].TrimEnd().EndsWith(':') && IntroSpeaker(paragraphs[p - 1]) is { } intro)
            Resolve(unit, intro, "said", p, span.Open, ctx);
        else if (p > 0 && QuoteSpans.Find(paragraphs[p - 1]).Count == 0
                 && PriorSubject(paragraphs[p - 1] + " ", '?', ctx) is { Kind: SpeakerKinds.Person } reported)
        {
            // "Doe said she was never told." then a paragraph that is only a quotation: Doe speaks.
            Resolve(unit, reported, "said", p, span.Open, ctx);
            unit.Cue = null;
        }
        else if (ctx.Current is not null)
        {
            unit.Speaker = ctx.Current;
            unit.Cue = null;
        }
    }
}

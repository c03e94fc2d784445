using Ingest.Core.Document;

namespace Ingest.Functions.Browser;

/// <summary>
/// Finds the quotes and entity mentions of a record in its body and writes the body as HTML paragraphs with quotes
/// highlighted (<c>&lt;mark class="quote"&gt;</c>, followed by a link to the speaker's articles) and mentions linked to the
/// entity's articles (<c>&lt;a class="entity entity-person"&gt;</c>). All text is escaped.
/// </summary>
/// <remarks>
/// A quote's text is the quoted words without their marks, its parts joined by a space when the attribution splits it
/// (<c>“A,” she said. “B.”</c> is <c>A, B.</c>); so it is placed greedily: from the start of its paragraph, the longest
/// run of its words found within <see cref="MaxGap"/> characters of the previous part, until every word is placed or
/// skipped. Mentions are the entity's name and aliases at word boundaries, longest first, never overlapping and never
/// crossing a quote's edge.
/// </remarks>
internal static class BodyMarkup
{
    /// <summary>Most characters between two parts of one quote (an attribution such as ", she said on Tuesday.").</summary>
    internal const int MaxGap = 300;

    /// <summary>What may follow a quote's last word before its attribution: punctuation kept inside the marks, closing marks.</summary>
    private const string ClosingCharacters = ",.;:!?…\"'”’»›)";

    /// <summary>A range of the body, <c>[Start, End)</c>.</summary>
    internal readonly record struct Span(int Start, int End)
    {
        public bool Overlaps(Span other) => Start < other.End && other.Start < End;
    }

    /// <summary>A mention of an entity in the body.</summary>
    internal readonly record struct Mention(Span Span, EntityRecord Entity);

    /// <summary>The paragraphs of a body (separated by one blank line) as ranges.</summary>
    internal static IReadOnlyList<Span> Paragraphs(string body)
    {
        var paragraphs = new List<Span>();
        int start = 0;
        while (start <= body.Length)
        {
            int end = body.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0)
                end = body.Length;
            if (end > start)
                paragraphs.Add(new Span(start, end));
            start = end + 2;
        }
        return paragraphs;
    }

    /// <summary>Where each quote's parts are in the body (empty when not found); parts of different quotes never overlap.</summary>
    internal static IReadOnlyList<IReadOnlyList<Span>> PlaceQuotes(string body, IReadOnlyList<Span> paragraphs, IReadOnlyList<QuoteRecord> quotes)
    {
        var taken = new List<Span>();
        var placed = new List<IReadOnlyList<Span>>(quotes.Count);
        foreach (var quote in quotes)
        {
            var spans = paragraphs.Count == 0 ? [] : PlaceQuote(body, paragraphs[Math.Clamp(quote.Paragraph, 0, paragraphs.Count - 1)], quote.Text)
                .Where(s => !taken.Any(t => t.Overlaps(s))).ToList();
            taken.AddRange(spans);
            placed.Add(spans);
        }
        return placed;
    }

    private static List<Span> PlaceQuote(string body, Span paragraph, string text)
    {
        string[] words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var spans = new List<Span>();
        int cursor = paragraph.Start;
        int i = 0;
        while (i < words.Length)
        {
            bool found = false;
            for (int k = words.Length - i; k >= 1 && !found; k--)
            {
                string candidate = string.Join(' ', words, i, k);
                // The first part starts in the quote's paragraph; later ones close to the part before.
                int limit = spans.Count == 0 ? paragraph.End : cursor + MaxGap;
                int count = Math.Min(body.Length, limit + candidate.Length) - cursor;
                if (count < candidate.Length)
                    continue;
                int at = body.IndexOf(candidate, cursor, count, StringComparison.Ordinal);
                if (at < 0 || (k == 1 && !AtWordBoundaries(body, at, candidate.Length)))
                    continue;
                spans.Add(new Span(at, at + candidate.Length));
                cursor = at + candidate.Length;
                i += k;
                found = true;
            }
            if (!found)
                i++; // a word the body spells otherwise (an ellipsis, an editor's bracket): skip it
        }
        return spans;
    }

    /// <summary>The mentions of the entities (name and aliases) in the body, in body order.</summary>
    internal static IReadOnlyList<Mention> PlaceEntities(string body, IReadOnlyList<EntityRecord> entities, IEnumerable<Span> quotes)
    {
        var quoteSpans = quotes.ToList();
        var covered = new bool[body.Length];
        var mentions = new List<Mention>();
        var forms = entities
            .SelectMany(e => new[] { e.Name }.Concat(e.Aliases).Distinct(StringComparer.Ordinal).Select(form => (Form: form, Entity: e)))
            .Where(f => f.Form.Trim().Length >= 2)
            .OrderByDescending(f => f.Form.Length).ThenBy(f => f.Form, StringComparer.Ordinal);
        foreach (var (form, entity) in forms)
        {
            for (int at = body.IndexOf(form, StringComparison.Ordinal); at >= 0; at = body.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                var span = new Span(at, at + form.Length);
                if (!AtWordBoundaries(body, at, form.Length) || covered.AsSpan(at, form.Length).Contains(true)
                    || quoteSpans.Any(q => q.Overlaps(span) && (span.Start < q.Start || span.End > q.End)))
                    continue;
                covered.AsSpan(at, form.Length).Fill(true);
                mentions.Add(new Mention(span, entity));
            }
        }
        mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return mentions;
    }

    private static bool AtWordBoundaries(string text, int start, int length) =>
        (start == 0 || !char.IsLetterOrDigit(text[start - 1])) &&
        (start + length == text.Length || !char.IsLetterOrDigit(text[start + length]));

    /// <summary>Writes the body as <c>&lt;p&gt;</c> elements with quotes and mentions marked up.</summary>
    /// <param name="html">Where to write.</param>
    /// <param name="record">The article.</param>
    /// <param name="links">Links of the request.</param>
    /// <returns>The parts of each quote in the body (empty for a quote not found), by quote index.</returns>
    public static IReadOnlyList<IReadOnlyList<Span>> Write(HtmlWriter html, ArticleRecord record, UiLinks links)
    {
        string body = record.Body;
        var paragraphs = Paragraphs(body);
        var quotes = PlaceQuotes(body, paragraphs, record.Quotes);
        var parts = quotes.SelectMany((spans, q) => spans.Select((s, n) => (Span: s, Quote: q, First: n == 0, Last: n == spans.Count - 1)))
            .OrderBy(p => p.Span.Start).ToList();
        var mentions = PlaceEntities(body, record.Entities, parts.Select(p => p.Span));

        foreach (var paragraph in paragraphs)
        {
            html.Open("p");
            int pos = paragraph.Start;
            foreach (var part in parts.Where(p => p.Span.Start >= paragraph.Start && p.Span.End <= paragraph.End))
            {
                WriteMentions(html, body, pos, part.Span.Start, mentions, links);
                var quote = record.Quotes[part.Quote];
                html.Open("mark", ("class", "quote"), ("id", part.First ? QuoteAnchor(part.Quote) : null),
                    ("title", quote.Speaker is null ? "Quote (speaker not named)" : "Quote: " + quote.Speaker));
                WriteMentions(html, body, part.Span.Start, part.Span.End, mentions, links);
                html.Close("mark");
                pos = part.Span.End;
                if (part.Last && quote.Speaker is { } speaker)
                {
                    // After the closing mark and the punctuation inside it: “… too,” — Speaker said.
                    int after = pos;
                    while (after < paragraph.End && ClosingCharacters.Contains(body[after]))
                        after++;
                    html.Text(body[pos..after]);
                    pos = after;
                    html.Open("span", ("class", "attribution")).Raw("— ").Link(links.Speaker(speaker), speaker, "speaker",
                        "Articles quoting " + speaker).Close("span");
                }
            }
            WriteMentions(html, body, pos, paragraph.End, mentions, links);
            html.Close("p");
        }
        return quotes;
    }

    /// <summary>The id of the first highlighted part of quote <paramref name="index"/>.</summary>
    internal static string QuoteAnchor(int index) => "quote-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteMentions(HtmlWriter html, string body, int start, int end, IReadOnlyList<Mention> mentions, UiLinks links)
    {
        int pos = start;
        foreach (var mention in mentions.Where(m => m.Span.Start >= start && m.Span.End <= end))
        {
            html.Text(body[pos..mention.Span.Start]);
            html.Link(links.Entity(mention.Entity.Name), body[mention.Span.Start..mention.Span.End], "entity entity-" + mention.Entity.Type,
                $"{mention.Entity.Name} ({mention.Entity.Type}): articles naming it");
            pos = mention.Span.End;
        }
        html.Text(body[pos..end]);
    }
}

namespace Ingest.Eval;

/// <summary>Gold speaker of a GUM quotation from the eRST attribution layer and the coreference layer (README recipe).</summary>
public static class GumSpeakers
{
    /// <summary>A gold speaker: canonical name (null when no attribution), score.py kind, how it was found, and the
    /// name as written in the text when the canonical comes from a Wikipedia identity (also accepted).</summary>
    public sealed record Speaker(string? Name, string Kind, string How, string? Alt = null);

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "us", "me", "who", "which", "that", "his", "its", "their", "our", "my",
    };

    /// <summary>
    /// Finds the <c>attribution-positive</c> node whose attributed material (its parent's subtree) best covers the quote:
    /// the attribution itself must lie mostly outside the quote, in the quote's paragraph(s) or the one before, the parent
    /// subtree must hold at least half the quote's tokens,
    /// and among those the smallest subtree wins. Then the speaker is the person/organisation mention in the attribution
    /// (subject first, persons before organisations, earliest first), mapped to its chain's canonical name.
    /// </summary>
    public static Speaker Find(GumDocument d, GumQuote q) => Find(d, q.Span, q.Inner);

    /// <summary>As <see cref="Find(GumDocument, GumQuote)"/> for a span whose quoted words are <paramref name="inner"/>
    /// (defaults to the whole span).</summary>
    public static Speaker Find(GumDocument d, Span quote, IReadOnlyList<Span>? inner = null)
    {
        int qFirst = d.ParagraphOf(quote.Start), qLast = d.ParagraphOf(Math.Max(quote.Start, quote.End - 1));
        RstNode? best = null;
        var bestSize = int.MaxValue;
        foreach (var a in d.Rst.Values)
        {
            if (a.Rel != "attribution-positive" || a.Parent == null || !d.Rst.TryGetValue(a.Parent, out var p)) continue;
            var aSpan = a.Full;
            if (aSpan.End < 0 || (inner ?? [quote]).Sum(aSpan.Overlap) * 2 > aSpan.Length) continue;
            // the attribution must sit in the quote's paragraphs or the one before (not in a later pull quote or caption)
            var ap = d.ParagraphOf(aSpan.Start);
            if (ap < qFirst - 1 || ap > qLast) continue;
            var runs = inner ?? [quote];
            // the attributed material must hold at least half of the quote (of one run of it when the element spans its attribution)
            if (!runs.Any(r => (p.Full.Overlap(r) - aSpan.Overlap(r)) * 2 >= r.Length)) continue;
            var size = p.Full.Length - aSpan.Length;
            if (size < bestSize) { best = a; bestSize = size; }
        }
        if (best == null) return new Speaker(null, "unknown", "no attribution");
        var span = best.Full;
        var cands = d.Mentions.Where(m => m.Type is "person" or "organization" && m.Span.Inside(span)).ToList();
        cands = cands.Where(m => !cands.Any(o => o != m && m.Span.Inside(o.Span) && o.Span.Length > m.Span.Length)).ToList();
        if (cands.Count == 0) return new Speaker(null, "unknown", "attribution without person/organization mention: " + d.JoinSpan(span));
        var m = cands
            .OrderByDescending(c => Enumerable.Range(c.Start, c.Span.Length).Any(k => d.Tokens[k].Deprel.StartsWith("nsubj", StringComparison.Ordinal)))
            .ThenBy(c => c.Type == "person" ? 0 : 1)
            .ThenBy(c => c.Start)
            .First();
        var chain = m.Chain;
        if (chain is { Proper: true })
            return new Speaker(chain.Canonical, chain.Type == "person" ? "person" : "organization", "rst:" + d.JoinSpan(span),
                chain.TextName.Length > 0 && chain.TextName != chain.Canonical ? chain.TextName : null);
        // unnamed source: the fullest description in the chain ("city officials"), pronouns skipped
        var desc = (chain?.Mentions ?? [m]).Where(x => !Pronouns.Contains(x.Text)).OrderBy(x => x.Start).FirstOrDefault();
        return desc == null
            ? new Speaker(m.Text, "unknown", "rst-pronoun:" + d.JoinSpan(span))
            : new Speaker(d.Description(desc), "anonymous", "rst-desc:" + d.JoinSpan(span));
    }
}

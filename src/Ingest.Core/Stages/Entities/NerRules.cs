using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>A decision of the rule cascade over a character range of a paragraph (see <see cref="NerRules"/> for the kinds).</summary>
internal readonly record struct NerRuleSpan(int Paragraph, int Start, int End, int Kind);

/// <summary>
/// The rule cascade's decisions (<see cref="MentionFinder"/>, <see cref="MentionTyper"/>, <see cref="EntityCoreference"/>)
/// as tagger features: per token a code, 0 outside every capitalised span, else a kind with a B/I position. Kinds:
/// 1 person, 2 organisation, 3 location (the name the rules give, located inside the span), 4 a span left untyped
/// and unresolved, 5 a span the cascade rejects (laws, events, demonyms, sentence-initial common words), 6 the rest of
/// a span around a name (a title, an office). The tagger learns how far to trust each kind.
/// </summary>
internal static class NerRules
{
    public const int Person = 1, Organization = 2, Location = 3, Unresolved = 4, NonEntity = 5, SpanOther = 6;

    /// <summary>The number of codes (0 and kinds 1-6 × B/I).</summary>
    public const int Codes = 13;

    /// <summary>The code of <paramref name="kind"/> at the first token of its range or a later one.</summary>
    public static int Code(int kind, bool inside) => kind * 2 - 1 + (inside ? 1 : 0);

    /// <summary>
    /// The cascade's decisions over the body mentions: each mention's range (kind 5 when no typed name came of it, else
    /// 6), then each typed name over the part of the mention it covers (the whole mention when the name is not written
    /// in it, "U.S." → "United States"). Names typed only by coreference take the type of the entity that lists them.
    /// </summary>
    /// <param name="mentions">The body mentions the resolver was given.</param>
    /// <param name="typed">The resolver's typed mentions (<see cref="EntityResolver.Typed"/>).</param>
    /// <param name="entities">The resolver's entities.</param>
    public static List<NerRuleSpan> Spans(IReadOnlyList<Mention> mentions, IReadOnlyList<TypedMention> typed, IReadOnlyList<EntityRecord> entities)
    {
        var byAlias = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            byAlias.TryAdd(e.Name, e.Type);
            foreach (var a in e.Aliases)
                byAlias.TryAdd(a, e.Type);
        }
        var body = new HashSet<Mention>(mentions, ReferenceEqualityComparer.Instance);
        var withName = new HashSet<Mention>(ReferenceEqualityComparer.Instance);
        foreach (var t in typed)
            withName.Add(t.Mention);
        var spans = new List<NerRuleSpan>();
        foreach (var m in mentions)
            spans.Add(new NerRuleSpan(m.Paragraph, m.Start, m.Start + m.Text.Length, withName.Contains(m) ? SpanOther : NonEntity));
        foreach (var t in typed)
        {
            if (!body.Contains(t.Mention))
                continue;
            string? type = t.Type ?? byAlias.GetValueOrDefault(t.Mention.Text) ?? byAlias.GetValueOrDefault(t.Name);
            int kind = type switch
            {
                EntityTypes.Person => Person,
                EntityTypes.Organization => Organization,
                EntityTypes.Location => Location,
                _ => Unresolved,
            };
            int at = t.Mention.Text.IndexOf(t.Name, StringComparison.Ordinal);
            int start = t.Mention.Start + Math.Max(0, at);
            int end = at >= 0 ? start + t.Name.Length : t.Mention.Start + t.Mention.Text.Length;
            spans.Add(new NerRuleSpan(t.Mention.Paragraph, start, end, kind));
        }
        return spans;
    }

    /// <summary>
    /// The codes of the tokens of <paramref name="sentences"/> (with the paragraph each lies in) from
    /// <paramref name="spans"/>, later spans over earlier ones.
    /// </summary>
    public static int[][] Apply(IReadOnlyList<NerRuleSpan> spans, IReadOnlyList<NerToken[]> sentences, IReadOnlyList<int> paragraphOf)
    {
        var codes = sentences.Select(s => new int[s.Length]).ToArray();
        var byParagraph = new Dictionary<int, List<int>>();
        for (int s = 0; s < sentences.Count; s++)
        {
            if (!byParagraph.TryGetValue(paragraphOf[s], out var list))
                byParagraph[paragraphOf[s]] = list = [];
            list.Add(s);
        }
        foreach (var span in spans)
        {
            if (!byParagraph.TryGetValue(span.Paragraph, out var list))
                continue;
            bool first = true;
            foreach (int s in list)
            {
                var tokens = sentences[s];
                for (int i = 0; i < tokens.Length; i++)
                {
                    if (tokens[i].End <= span.Start || tokens[i].Start >= span.End)
                        continue;
                    codes[s][i] = Code(span.Kind, !first);
                    first = false;
                }
            }
        }
        return codes;
    }

    /// <summary>
    /// The codes of a training document (pre-split tokens): each sentence joined into text as written (no space before
    /// closing punctuation and clitics, none after opening marks, hyphens joined), run through the cascade as one
    /// paragraph per sentence.
    /// </summary>
    public static int[][] ForTokens(IReadOnlyList<string[]> sentences)
    {
        var paragraphs = new List<string>(sentences.Count);
        var tokens = new List<NerToken[]>(sentences.Count);
        foreach (var s in sentences)
        {
            var (text, placed) = Join(s);
            paragraphs.Add(text);
            tokens.Add(placed);
        }
        var words = MentionFinder.ForParagraphs(paragraphs);
        var resolver = new EntityResolver(words.LowerCase, "en", MentionTyper.PersonSurnames(words.Mentions));
        foreach (var m in words.Mentions)
            resolver.Add(m);
        var entities = resolver.Resolve();
        return Apply(Spans(words.Mentions, resolver.Typed, entities), tokens, Enumerable.Range(0, sentences.Count).ToList());
    }

    /// <summary>Tokens joined into text as written, with each token's place in it.</summary>
    internal static (string Text, NerToken[] Tokens) Join(string[] tokens)
    {
        var sb = new System.Text.StringBuilder();
        var placed = new NerToken[tokens.Length];
        bool openDouble = false, noSpace = true;
        for (int i = 0; i < tokens.Length; i++)
        {
            string t = tokens[i];
            bool closing = t is "," or "." or ";" or ":" or "!" or "?" or ")" or "]" or "}" or "%" or "..." or "”" or "’"
                           || t.Length >= 2 && t[0] is '\'' or '’' && char.IsLetter(t[1]) && t.Length <= 3
                           || t.Equals("n't", StringComparison.OrdinalIgnoreCase) || t.Equals("n’t", StringComparison.OrdinalIgnoreCase);
            bool hyphen = t == "-" && i > 0 && i + 1 < tokens.Length && char.IsLetterOrDigit(tokens[i - 1][^1]) && char.IsLetterOrDigit(tokens[i + 1][0]);
            bool opening = t is "(" or "[" or "{" or "“" or "‘" or "$" or "#";
            if (t == "\"")
            {
                opening = !openDouble;
                closing = openDouble;
                openDouble = !openDouble;
            }
            if (!noSpace && !closing && !hyphen && sb.Length > 0)
                sb.Append(' ');
            placed[i] = new NerToken(t, sb.Length);
            sb.Append(t);
            noSpace = opening || hyphen;
        }
        return (sb.ToString(), placed);
    }
}

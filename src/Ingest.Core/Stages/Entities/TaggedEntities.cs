using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Entities from the tagger's names (<see cref="NerTagger"/>) instead of the rule cascade's: the cascade runs first and
/// its decisions are features of the tagger; each name the tagger finds becomes a mention typed by the tagger, named as
/// the cascade would name it (a title before a person dropped, "U.S." → "United States"), with the cascade's boundaries
/// in two cases (see <see cref="Reconcile"/>), and the mentions go through
/// the same in-document coreference (<see cref="EntityCoreference"/>: surnames, possessives, short forms) and canonical
/// speaker names (<see cref="CanonicalNames"/>). Organisations named only as quote speakers are kept as the cascade
/// keeps them.
/// </summary>
internal static class TaggedEntities
{
    /// <summary>Words of context before a mention, as <see cref="MentionFinder"/> gives them.</summary>
    private const int BeforeWords = 3;

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '"', '“', '”', '‘', '’', '\'', '(', ')', '!', '?'];

    /// <summary>The entities of the body and the canonical-name function for speakers.</summary>
    /// <param name="tagger">The tagger.</param>
    /// <param name="paragraphs">The body paragraphs.</param>
    /// <param name="mentions">The cascade's body mentions (the tokens layer).</param>
    /// <param name="resolver">The cascade's resolver, already given the speakers and the body mentions.</param>
    /// <param name="ruleEntities">What the cascade made of them (<see cref="EntityResolver.Resolve"/>).</param>
    public static EntityLayer Resolve(NerTagger tagger, IReadOnlyList<string> paragraphs, IReadOnlyList<Mention> mentions,
        EntityResolver resolver, IReadOnlyList<EntityRecord> ruleEntities)
    {
        var rules = NerRules.Spans(mentions, resolver.Typed, ruleEntities);
        var body = new HashSet<Mention>(mentions, ReferenceEqualityComparer.Instance);
        var typed = new List<TypedMention>();
        // Quote speakers named as organisations, which the cascade adds as mentions of their own.
        foreach (var t in resolver.Typed)
            if (!body.Contains(t.Mention))
                typed.Add(t);
        var names = tagger.TagParagraphs(paragraphs, rules);
        var ruleNames = resolver.Typed.Where(t => body.Contains(t.Mention)).ToList();
        names = Reconcile(names, ruleNames, typed);
        // A tagger name over exactly a name of the cascade takes the cascade's mention and name as they are.
        var byRange = new Dictionary<(int, int, int), TypedMention>();
        foreach (var t in ruleNames)
        {
            var (rs, re) = NameRange(t);
            byRange.TryAdd((t.Mention.Paragraph, rs, re), t);
        }
        foreach (var n in names)
        {
            if (byRange.TryGetValue((n.Paragraph, n.Start, n.End), out var same))
            {
                string t = NerLabels.EntityType(n.Type);
                typed.Add(same with { Type = t, Title = t == EntityTypes.Person ? same.Title : null });
                continue;
            }
            var m = ToMention(paragraphs[n.Paragraph], n);
            if (m is null)
                continue;
            string type = NerLabels.EntityType(n.Type);
            var (name, _, title) = resolver.Classify(m);
            // The cascade's name when it keeps the mention's words ("President Jane Doe" → "Jane Doe"), or a gazetteer form.
            name ??= m.Text;
            typed.Add(new TypedMention(m, name, type, type == EntityTypes.Person ? title : null));
        }
        var coreference = new EntityCoreference(english: true);
        var entities = coreference.Resolve(OneTypePerName(typed));
        var canonical = new CanonicalNames(coreference);
        return new EntityLayer(entities, canonical.Canonical);
    }

    /// <summary>
    /// One type per name in the article: the type most of the name's mentions have (the first mention's on a tie), so that
    /// "Spokane" in "Spokane council" and "in Spokane" is one entity; a country or a US state (the gazetteers) is a
    /// location whatever the tagger says of one mention, as the corpus schema types them (shared/corpus/SCHEMA.md:
    /// locations are "countries, cities, regions"; the training data types a country acting as a government ORG).
    /// </summary>
    internal static List<TypedMention> OneTypePerName(List<TypedMention> typed)
    {
        var votes = new Dictionary<string, (int Person, int Organization, int Location, string First)>(StringComparer.Ordinal);
        foreach (var t in typed)
        {
            if (t.Type is null)
                continue;
            (int Person, int Organization, int Location, string First) v = votes.TryGetValue(t.Name, out var got) ? got : (0, 0, 0, t.Type);
            votes[t.Name] = t.Type switch
            {
                EntityTypes.Person => v with { Person = v.Person + 1 },
                EntityTypes.Organization => v with { Organization = v.Organization + 1 },
                _ => v with { Location = v.Location + 1 },
            };
        }
        var result = new List<TypedMention>(typed.Count);
        foreach (var t in typed)
        {
            if (t.Type is null)
            {
                result.Add(t);
                continue;
            }
            var (per, org, loc, first) = votes[t.Name];
            int top = Math.Max(per, Math.Max(org, loc));
            int ofFirst = first == EntityTypes.Person ? per : first == EntityTypes.Organization ? org : loc;
            string type = ofFirst == top ? first : per == top ? EntityTypes.Person : org == top ? EntityTypes.Organization : EntityTypes.Location;
            if (Lexicons.Countries.ContainsKey(t.Name) || Lexicons.UsStates.Contains(t.Name))
                type = EntityTypes.Location;
            result.Add(type == t.Type ? t : t with { Type = type, Title = type == EntityTypes.Person ? t.Title : null });
        }
        return result;
    }

    /// <summary>The character range of a typed mention's name inside its mention (the whole mention when the name is not written there).</summary>
    private static (int Start, int End) NameRange(TypedMention t)
    {
        int at = t.Mention.Text.IndexOf(t.Name, StringComparison.Ordinal);
        return at >= 0 ? (t.Mention.Start + at, t.Mention.Start + at + t.Name.Length) : (t.Mention.Start, t.Mention.Start + t.Mention.Text.Length);
    }

    /// <summary>
    /// Boundaries from the cascade in two cases: several tagger names inside one cascade name that the cascade typed like
    /// one of them ("Harbor Bay" + "County Board of Supervisors" in "Harbor Bay County Board of Supervisors", an
    /// organisation); a tagger person that takes in part of a title the cascade left out of the name ("State Jane Doe"
    /// in "Secretary of State Jane Doe"). (Extending a tagger name to a longer cascade name of capitalised words scored
    /// 0.004 more on the dev corpus and 0.015 less on GUM news, so the tagger's boundaries stay.) The cascade's mention,
    /// typed by the tagger, goes to <paramref name="typed"/>; the tagger names it replaces are not returned.
    /// </summary>
    private static List<NerMention> Reconcile(List<NerMention> names, List<TypedMention> ruleNames, List<TypedMention> typed)
    {
        var replaced = new HashSet<int>();
        var byParagraph = new Dictionary<int, List<int>>();
        for (int k = 0; k < names.Count; k++)
        {
            if (!byParagraph.TryGetValue(names[k].Paragraph, out var list))
                byParagraph[names[k].Paragraph] = list = [];
            list.Add(k);
        }
        var inside = new List<int>();
        foreach (var t in ruleNames)
        {
            var (rs, re) = NameRange(t);
            inside.Clear();
            if (byParagraph.TryGetValue(t.Mention.Paragraph, out var inParagraph))
                foreach (int k in inParagraph)
                    if (!replaced.Contains(k) && names[k].End > rs && names[k].Start < re)
                        inside.Add(k);
            if (inside.Count == 0)
                continue;
            if (inside.Count == 1)
            {
                var n = names[inside[0]];
                bool around = n.Start <= rs && n.End >= re && (n.Start < rs || n.End > re);
                if (around && NerLabels.EntityType(n.Type) == EntityTypes.Person && t.Type == EntityTypes.Person
                    && n.Start >= t.Mention.Start && n.End <= t.Mention.Start + t.Mention.Text.Length)
                {
                    typed.Add(t);
                    replaced.Add(inside[0]);
                    continue;
                }
                // An organisation the tagger cut short inside the cascade's organisation ("Alabama Medical Center" in
                // "East Alabama Medical Center", "Organization of the Petroleum" in "… Exporting Countries").
                // Not when the cascade's name starts with a title ("Chairman of the Harbor Centre").
                bool within = n.Start >= rs && n.End <= re && (n.Start > rs || n.End < re);
                if (within && NerLabels.EntityType(n.Type) == EntityTypes.Organization && t.Type == EntityTypes.Organization
                    && !Lexicons.Titles.Contains(t.Name.Split(' ')[0]))
                {
                    typed.Add(t);
                    replaced.Add(inside[0]);
                }
                continue;
            }
            if (t.Type is not null && inside.All(k => names[k].Start >= rs && names[k].End <= re)
                && inside.Any(k => NerLabels.EntityType(names[k].Type) == t.Type))
            {
                typed.Add(t);
                replaced.UnionWith(inside);
            }
        }
        return names.Where((_, k) => !replaced.Contains(k)).ToList();
    }

    /// <summary>A mention over the tagger's name: its text without a possessive, sentence start, words around it.</summary>
    private static Mention? ToMention(string paragraph, NerMention n)
    {
        string text = MentionFinder.StripPossessive(paragraph[n.Start..n.End]).TrimEnd('.', ',', '-');
        if (text.Length < 2 || !text.Any(char.IsLetter))
            return null;
        var before = new List<string>();
        int i = n.Start;
        while (before.Count < BeforeWords && i > 0)
        {
            int end = i;
            while (end > 0 && paragraph[end - 1] == ' ')
                end--;
            int start = end;
            while (start > 0 && paragraph[start - 1] != ' ')
                start--;
            if (start == end)
                break;
            string word = paragraph[start..end].Trim(Punctuation);
            if (word.Length > 0)
                before.Insert(0, word);
            i = start;
        }
        int a = n.End;
        if (a + 1 < paragraph.Length && paragraph[a] is '\'' or '’' && paragraph[a + 1] == 's')
            a += 2;
        while (a < paragraph.Length && paragraph[a] == ' ')
            a++;
        int b = a;
        while (b < paragraph.Length && paragraph[b] != ' ')
            b++;
        string after = paragraph[a..b].Trim(Punctuation);
        return new Mention(text, n.Paragraph, n.Start, IsSentenceInitial(paragraph, n.Start), [.. before], after);
    }

    private static bool IsSentenceInitial(string text, int s)
    {
        int i = s - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] is '“' or '"' or '‘' or '\'' or '(' or '„' or '«' or '—' or '–'))
            i--;
        return i < 0 || text[i] is '.' or '!' or '?' or ':' or '…';
    }
}

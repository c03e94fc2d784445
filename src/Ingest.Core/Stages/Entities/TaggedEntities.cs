using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Entities from the tagger's names (<see cref="NerTagger"/>) instead of the rule cascade's: the cascade runs first and
/// its decisions are features of the tagger; each name the tagger finds becomes a mention typed by the tagger, named as
/// the cascade would name it (a title before a person dropped, "U.S." → "United States"), with the cascade's boundaries
/// in two cases (see <see cref="Reconcile"/>). The two are combined: where both find a name, the cascade's lexicon type
/// wins (<see cref="ArbitrateType"/>); what the cascade rejects as a non-entity stays out (<see cref="IsNonEntity"/>);
/// its strongly evidenced names the tagger missed come in (<see cref="AddUncoveredRuleNames"/>); places ending in a
/// facility word are organisations (<see cref="FacilityAsOrganization"/>) and AP state abbreviations places
/// (<see cref="StateAbbreviation"/>). The mentions go through
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
            if (StateAbbreviation(paragraphs, n) is { } state)
            {
                if (ToMention(paragraphs[n.Paragraph], n) is { } abbreviated)
                    typed.Add(new TypedMention(abbreviated, state, EntityTypes.Location, null));
                continue;
            }
            if (byRange.TryGetValue((n.Paragraph, n.Start, n.End), out var same))
            {
                // The cascade's own type (gazetteers, given names, organisation words) over the tagger's for the same name.
                if (same.Type is null && IsNonEntity(same.Mention))
                    continue;
                string t = ArbitrateType(same.Type, FacilityAsOrganization(NerLabels.EntityType(n.Type), same.Name));
                typed.Add(same with { Type = t, Title = t == EntityTypes.Person ? same.Title : null });
                continue;
            }
            var m = ToMention(paragraphs[n.Paragraph], n);
            if (m is null)
                continue;
            var (name, _, title) = resolver.Classify(m);
            // The cascade's non-entities stay out: laws, streets, events, lone titles and demonyms, sentence-initial common words.
            if (name is null || IsNonEntity(m))
                continue;
            string type = FacilityAsOrganization(NerLabels.EntityType(n.Type), name);
            typed.Add(new TypedMention(m, name, type, type == EntityTypes.Person ? title : null));
        }
        AddUncoveredRuleNames(names, ruleNames, typed);
        var coreference = new EntityCoreference(english: true);
        var entities = coreference.Resolve(OneTypePerName(typed));
        var canonical = new CanonicalNames(coreference);
        return new EntityLayer(entities, canonical.Canonical);
    }

    /// <summary>
    /// The cascade's typed names (<see cref="MentionTyper.Classify"/> gave them a type) where the tagger found no name at
    /// all over the mention, when the cascade's evidence is more than a capitalised word: two or more words
    /// ("Organization of the Petroleum Exporting Countries"), or a country, US state or city of at least
    /// <see cref="MentionTyper.LargeCity"/> people. (With every typed name, single words included, the dev corpus scored
    /// 0.003 less: small towns such as "Federal", acronyms, wire credits; with the multi-word names the cascade left to
    /// coreference, 0.004 more on the dev corpus and 0.016 less on GUM news.) Not a person the cascade found after
    /// "Title of the" (an office).
    /// </summary>
    private static void AddUncoveredRuleNames(List<NerMention> names, List<TypedMention> ruleNames, List<TypedMention> typed)
    {
        var added = new HashSet<Mention>(typed.Select(t => t.Mention), ReferenceEqualityComparer.Instance);
        foreach (var t in ruleNames)
        {
            if (added.Contains(t.Mention))
                continue;
            int ms = t.Mention.Start, me = ms + t.Mention.Text.Length;
            if (names.Any(n => n.Paragraph == t.Mention.Paragraph && n.End > ms && n.Start < me))
                continue;
            // "Director of the Harbor Study": the cascade's person after "Title of the" is an office the tagger rightly left out.
            if (t.Type == EntityTypes.Person && t.Mention.Text.Contains(" of ", StringComparison.Ordinal))
                continue;
            if (t.Type is not null && (t.Name.Contains(' ') || Lexicons.Countries.ContainsKey(t.Name) || Lexicons.UsStates.Contains(t.Name)
                || Lexicons.Cities.GetValueOrDefault(t.Name) >= MentionTyper.LargeCity))
                typed.Add(t);
        }
    }

    /// <summary>
    /// The type of a name both found: the cascade's when its lexicons typed the name (a gazetteer place, an organisation
    /// word, a title or given name before a person), except a person by the cascade that the tagger calls an
    /// organisation ("Velvet Underground": a given name alone is weak evidence against the tagger's context); the
    /// tagger's when the cascade left the name open.
    /// </summary>
    /// <param name="cascade">The cascade's type, or null.</param>
    /// <param name="tagger">The tagger's type.</param>
    internal static string ArbitrateType(string? cascade, string tagger) =>
        cascade is null || cascade == EntityTypes.Person && tagger == EntityTypes.Organization ? tagger : cascade;

    /// <summary>
    /// A US state written as its AP abbreviation after a place ("Loveland, Colo."): the state, named as the article writes
    /// it in full elsewhere, else as abbreviated (the written form stays the name; see <see cref="Lexicons.UsStateAbbreviations"/>);
    /// null for any other name.
    /// </summary>
    internal static string? StateAbbreviation(IReadOnlyList<string> paragraphs, NerMention n)
    {
        string p = paragraphs[n.Paragraph];
        string word = p[n.Start..n.End].TrimEnd('.');
        int end = n.Start + word.Length;
        if (!Lexicons.UsStateAbbreviations.TryGetValue(word, out var state) || end >= p.Length || p[end] != '.'
            || n.Start < 2 || p[n.Start - 1] != ' ' || p[n.Start - 2] != ',')
            return null;
        return paragraphs.Any(q => q.Contains(state, StringComparison.Ordinal)) ? state : word + ".";
    }

    /// <summary>A location whose last word is a facility word ("… Aquarium", "… Museum") is an organisation in our schema
    /// (<see cref="EntityRules.FacilityHeads"/>, the convention the tagger is trained with).</summary>
    internal static string FacilityAsOrganization(string type, string name) =>
        type == EntityTypes.Location && EntityRules.FacilityHeads.Contains(name[(name.LastIndexOf(' ') + 1)..]) ? EntityTypes.Organization : type;

    /// <summary>
    /// Names the cascade's word lists mark as non-entities beyond what <see cref="MentionTyper.Classify"/> rejects: a
    /// street or route with its number ("Harbor Highway 9", <see cref="EntityRules.NotEntitySuffixes"/> before a
    /// number) and a plural demonym ("Freedonians").
    /// </summary>
    internal static bool IsNonEntity(Mention m)
    {
        var tokens = m.Tokens;
        if (tokens.Length >= 2 && tokens[^1].All(char.IsDigit) && EntityRules.NotEntitySuffixes.Contains(tokens[^2]))
            return true;
        return tokens.Length == 1 && tokens[0].Length > 2 && tokens[0][^1] == 's' && Lexicons.Demonyms.Contains(tokens[0][..^1]);
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

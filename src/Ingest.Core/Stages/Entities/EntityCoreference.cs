using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// In-document coreference: typed mentions make clusters (longest names first, so short forms link to full names);
/// untyped mentions link by surname or name part, or are typed by their context (a location cue before, a cue verb or
/// apposition after, a possessive kept in the name); a known person's surname before an organisation is dropped; short
/// forms of an organisation fold into its full name.
/// </summary>
/// <param name="english">Whether the article is in English (untyped multi-word spans become organisations only there).</param>
internal sealed class EntityCoreference(bool english)
{
    private readonly List<EntityCluster> _clusters = [];
    private int _order;

    /// <summary>The clusters built so far, in creation order (some with no mentions left after merging).</summary>
    public IReadOnlyList<EntityCluster> Clusters => _clusters;

    private static bool IsNameWord(string t) =>
        t.Length > 1 && char.IsUpper(t[0]) && (t.Skip(1).All(c => char.IsLower(c) || c is '-' or '\'' or '’') || t.Length == 2 && t[1] == '.');

    /// <summary>Context that marks a person: a cue verb or an apposition after the name, a person noun before it.</summary>
    private static bool PersonContext(Mention m) =>
        Lexicons.SpeechVerbs.Contains(m.After.ToLowerInvariant()) || EntityRules.AppositionFollowers.Contains(m.After)
        || m.Before.Length > 0 && char.IsLower(m.Before[^1][0]) && Lexicons.AnonymousHeads.Contains(m.Before[^1]);

    /// <summary>Builds the clusters from <paramref name="typed"/> and returns the entities with at least one mention, in order of first creation.</summary>
    public List<EntityRecord> Resolve(IReadOnlyList<TypedMention> typed)
    {
        // Pass 1: typed names make clusters, longest first so that short forms link to full names.
        foreach (var (m, name, type, title) in typed.Where(t => t.Type is not null).OrderByDescending(t => t.Name.Split(' ').Length))
            Link(name, type!, m, title);
        // Pass 2: untyped mentions link by surname or name part, or are typed by their context.
        var singles = new HashSet<string>(typed.Where(t => !t.Name.Contains(' ')).Select(t => t.Name), StringComparer.Ordinal);
        foreach (var (m, name, _, _) in typed.Where(t => t.Type is null))
        {
            var c = FindByPart(name) ?? _clusters.FirstOrDefault(x => x.Name == name)
                    ?? (!name.Contains(' ') ? _clusters.FirstOrDefault(x => x.Type == EntityTypes.Organization && x.Name.EndsWith(" " + name, StringComparison.Ordinal)) : null);
            if (c is not null)
            {
                Count(c, m.Text);
                continue;
            }
            string[] tokens = name.Split(' ');
            if (tokens.Length == 1 && (name.EndsWith("'s", StringComparison.Ordinal) || name.EndsWith("’s", StringComparison.Ordinal)))
                Link(name, EntityTypes.Organization, m, null);   // a possessive kept as part of the name: "Harbor Joe's"
            else if (tokens.Length == 1 && m.Before.Length > 0 && EntityRules.LocationCues.Contains(m.Before[^1]) && !m.SentenceInitial)
                Link(name, EntityTypes.Location, m, null);
            else if (tokens.Length is 2 or 3 && tokens.All(IsNameWord)
                     && (singles.Contains(tokens[^1]) || PersonContext(m) || tokens[0].Length == 2 && tokens[0][1] == '.'))
                Link(name, EntityTypes.Person, m, null);   // "Jan Doe" … "Doe said", "astronomer Jan Doe", "J. Quincy Roe"
            else if (tokens.Length >= 2 && english && !EntityRules.StrongOrgWords.Contains(tokens[0]) | tokens.Length > 2)
                Link(name, EntityTypes.Organization, m, null);
        }
        // A leading surname of a known person before an organisation ("the Doe City Hall", "the Roe Harbor Board").
        foreach (var c in _clusters.Where(c => c.Type != EntityTypes.Person).ToList())
        {
            var words = c.Name.Split(' ');
            if (words.Length >= 2 && FindByPart(words[0]) is not null)
            {
                string rest = string.Join(' ', words.Skip(1));
                var target = _clusters.FirstOrDefault(x => x.Name == rest);
                if (target is null && (Lexicons.OrgHeads.Contains(words[^1]) || EntityRules.StrongOrgWords.Contains(words[^1])))
                {
                    c.Name = rest;
                    continue;
                }
                if (target is not null)
                {
                    target.Mentions += c.Mentions;
                    c.Mentions = 0;
                }
            }
        }
        MergeShortOrganisationForms();
        KeepWrittenCountryNames();
        return _clusters.Where(c => c.Mentions > 0)
            .OrderBy(c => c.FirstSeen)
            .Select(c => new EntityRecord(c.Name, c.Type, c.Mentions, c.Aliases.Where(a => a != c.Name).OrderBy(a => a, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>
    /// Short forms of an organisation named in full elsewhere fold into it: a trailing part ("Department of Harbor
    /// Works" → "Harborland Department of Harbor Works", "City Council" → "Harbor City Council").
    /// </summary>
    private void MergeShortOrganisationForms()
    {
        var orgs = _clusters.Where(c => c.Type == EntityTypes.Organization && c.Mentions > 0).ToList();
        foreach (var shortForm in orgs)
        {
            // Acronyms stay entities of their own (annotators list "HCWA" beside its full name); speakers still resolve them.
            var full = orgs.Where(c => c != shortForm && c.Mentions > 0 && c.Name.Length > shortForm.Name.Length
                    && c.Name.EndsWith(" " + shortForm.Name, StringComparison.Ordinal))
                .OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (full is null)
                continue;
            full.Mentions += shortForm.Mentions;
            full.Aliases.Add(shortForm.Name);
            foreach (var a in shortForm.Aliases)
                full.Aliases.Add(a);
            shortForm.Mentions = 0;
        }
    }

    /// <summary>
    /// A country named only by a lexicon alias the text never writes ("Britain" → "United Kingdom") keeps the written form
    /// as its name and the lexicon's as an alias (shared/corpus/SCHEMA.md: "use the fullest name the text gives"; the
    /// fullest written form when there are several). Initialisms ("U.S.", "UK") and all-capital forms keep the lexicon's
    /// name, which is what they spell out.
    /// </summary>
    private void KeepWrittenCountryNames()
    {
        foreach (var c in _clusters)
        {
            if (c.Type != EntityTypes.Location || c.Mentions == 0 || c.Aliases.Contains(c.Name) || !Lexicons.Countries.ContainsKey(c.Name)
                || c.Aliases.Count == 0 || c.Aliases.Any(a => !a.Any(char.IsLower)))
                continue;
            string written = c.Aliases.OrderByDescending(a => a.Split(' ').Length).ThenByDescending(a => a.Length)
                .ThenBy(a => a, StringComparer.Ordinal).First();
            c.Aliases.Add(c.Name);
            c.Name = written;
        }
    }

    private void Link(string name, string type, Mention m, string? title)
    {
        var existing = _clusters.FirstOrDefault(c => c.Name == name)
                       ?? (type == EntityTypes.Person ? FindByPart(name) : null);
        if (existing is null)
        {
            existing = new EntityCluster { Name = name, Type = type, FirstSeen = _order++ };
            _clusters.Add(existing);
        }
        if (title is not null)
            existing.Titles.Add(title.Split(' ')[^1]);
        Count(existing, type == EntityTypes.Person ? WithoutTitleAbbreviations(m.Text) : m.Text);
    }

    /// <summary>"Gov. Marsh" → "Marsh", "Lt. Col. Omar Saenz" → "Omar Saenz": the alias of a titled mention is the name as
    /// the article writes it without its abbreviated titles (title_abbreviations.txt), as when the title stood apart.</summary>
    internal static string WithoutTitleAbbreviations(string surface)
    {
        int start = 0;
        while (true)
        {
            int space = surface.IndexOf(' ', start);
            if (space < 0 || !Lexicons.IsTitleAbbreviation(surface.AsSpan(start, space - start)))
                return surface[start..];
            start = space + 1;
        }
    }

    private static void Count(EntityCluster c, string surface)
    {
        c.Mentions++;
        c.Aliases.Add(surface == c.Name ? surface : MentionFinder.StripPossessive(surface));
    }

    /// <summary>The person cluster whose name ends with (or contains as a whole token) <paramref name="part"/>.</summary>
    public EntityCluster? FindByPart(string part)
    {
        var tokens = part.Split(' ');
        return _clusters.Where(c => c.Type == EntityTypes.Person && c.Name != part)
            .Where(c =>
            {
                var ct = c.Name.Split(' ');
                return tokens.Length < ct.Length && ct.TakeLast(tokens.Length).SequenceEqual(tokens)
                       || tokens.Length == 1 && ct.Contains(tokens[0]) && ct.Length > 1;
            })
            .OrderByDescending(c => c.Mentions).FirstOrDefault();
    }

}

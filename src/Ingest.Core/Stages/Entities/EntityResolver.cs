using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Types mentions and merges them into entities with canonical names (in-document coreference). Typing is a
/// cascade: non-entities (laws, streets, events) out; gazetteers (countries and their aliases, US states, cities,
/// regions); organisation words anywhere in the span; place suffixes and prefixes; acronyms; a given name or a
/// title before a name for people; then surnames and short forms link to the full names met elsewhere.
/// </summary>
internal sealed class EntityResolver(HashSet<string> lowerCaseWords, string? language, IReadOnlySet<string> personSurnames)
{
    private sealed class Cluster
    {
        public required string Name;
        public required string Type;
        public int Mentions;
        public readonly HashSet<string> Aliases = new(StringComparer.Ordinal);
        public readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase);
        public int FirstSeen;
    }

    private readonly List<(Mention Mention, string Name, string? Type, string? Title)> _typed = [];
    private readonly List<Cluster> _clusters = [];
    private readonly HashSet<string> _speakerPersons = new(StringComparer.Ordinal);
    private int _order;
    private readonly bool _english = language is null or "en";

    /// <summary>Cities at least this large are places even at a sentence start or when they are also given names.</summary>
    private const int LargeCity = 100_000;

    private static readonly HashSet<string> LocationCues = new(StringComparer.OrdinalIgnoreCase)
    { "in", "from", "to", "near", "across", "throughout", "outside", "inside", "into", "toward", "towards", "at", "visit", "visited", "of", "nach", "aus", "en", "à" };

    public void Add(Mention m)
    {
        if (EntityRules.NonEntityFollowers.Contains(m.After))
            return;
        var tokens = m.Tokens;
        // "Senate Armed Services Chairman John McCain": the office before a title is an organisation of its own.
        int title = Array.FindLastIndex(tokens, t => Lexicons.Titles.Contains(t.TrimEnd('.')));
        if (title >= 2 && tokens.Take(title).Any(t => EntityRules.StrongOrgWords.Contains(t)) && tokens.Take(title).All(t => char.IsUpper(t[0]) || t is "of" or "and" or "for" or "the"))
        {
            string office = string.Join(' ', tokens.Take(title).SkipWhile(t => Lexicons.Demonyms.Contains(t) || Lexicons.Titles.Contains(t)));
            if (office.Length > 0)
                _typed.Add((m, office, EntityTypes.Organization, null));
        }
        var (name, type, titleText) = Classify(m);
        if (name is null)
            return;
        _typed.Add((m, name, type, titleText));
    }

    /// <summary>An organisation named as a quote's speaker ("Russian foreign ministry").</summary>
    public void AddSpeakerOrganization(string org)
    {
        string name = System.Text.RegularExpressions.Regex.Replace(org, @"^(?:the|a|an)\s+", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var words = name.Split(' ');
        if (name.Length > 2 && char.IsUpper(name[0]) && !Lexicons.FirstNames.Contains(words[0]) && words.Length <= 8)
            _typed.Add((new Mention(name, 0, 0, false, [], ""), name, EntityTypes.Organization, null));
    }

    /// <summary>A person named as a quote's speaker: their name is typed person even without a listed given name.</summary>
    public void AddSpeakerPerson(string name)
    {
        if (name.Split(' ').Length is >= 2 and <= 4 && char.IsUpper(name[0]))
            _speakerPersons.Add(name);
    }

    private (string? Name, string? Type, string? Title) Classify(Mention m)
    {
        var tokens = m.Tokens.ToList();
        // Titles before names: "President Barack Obama", "Secretary of State John Kerry", "Sen. Jane Doe".
        int lastTitle = -1;
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            string w = tokens[i].TrimEnd('.');
            // Titles, and capitalised role nouns before a given name ("Lawmaker Anna Chiu", "Astronomer Jan Berg").
            bool roleNoun = i == 0 && Lexicons.AnonymousHeads.Contains(w.ToLowerInvariant()) && i + 1 < tokens.Count && Lexicons.FirstNames.Contains(tokens[i + 1])
                            && !Lexicons.FirstNames.Contains(w);
            if ((Lexicons.Titles.Contains(w) || roleNoun) && !EntityRules.StrongOrgWords.Contains(tokens[^1]))
                lastTitle = i;
        }
        if (lastTitle >= 0)
        {
            int k = lastTitle + 1;
            if (k < tokens.Count - 1 && tokens[k] == "of")
                k += 2;
            while (k < tokens.Count - 1 && (Lexicons.Titles.Contains(tokens[k].TrimEnd('.')) || Lexicons.Demonyms.Contains(tokens[k])))
                k++;
            if (k < tokens.Count)
            {
                var rest = tokens.Skip(k).ToList();
                if (rest.Count <= 4 && rest.All(t => char.IsUpper(t[0])) && !EntityRules.HasOrganizationWord(rest) && !Lexicons.Countries.ContainsKey(string.Join(' ', rest)))
                    return (string.Join(' ', rest), EntityTypes.Person, string.Join(' ', tokens.Take(lastTitle + 1)));
            }
            // "Senate Armed Services Chairman": the office before the title is the organisation.
            if (lastTitle == tokens.Count - 1 || k >= tokens.Count)
                tokens = tokens.Take(lastTitle).ToList();
            if (tokens.Count == 0)
                return (null, null, null);
        }
        // A leading demonym is an adjective: "Russian President Vladimir Putin", "British troops".
        while (tokens.Count > 1 && Lexicons.Demonyms.Contains(tokens[0]) && !EntityRules.HasOrganizationWord(tokens))
            tokens.RemoveAt(0);
        string name = string.Join(' ', tokens);
        if (tokens.Count == 1 && (Lexicons.Demonyms.Contains(name) || EntityRules.Compass.Contains(name)))
            return (null, null, null);
        if (tokens.Count == 1 && Lexicons.Cities.ContainsKey(name) && !EntityRules.IsAcronym(name) && !lowerCaseWords.Contains(name.ToLowerInvariant())
            && !Lexicons.FirstNames.Contains(name) && !m.SentenceInitial && !personSurnames.Contains(name))
            return (name, EntityTypes.Location, null);

        if (EntityRules.NotEntitySuffixes.Contains(tokens[^1]) || tokens[0] is "Storm" or "Hurricane" or "Tropical" or "Operation")
        {
            // "Sergei Magnitsky Act": the law is not listed, the person it is named after is.
            if (tokens.Count >= 3 && Lexicons.FirstNames.Contains(tokens[0]) && tokens[^1] is "Act" or "Law")
                return (string.Join(' ', tokens.Take(tokens.Count - 1)), EntityTypes.Person, null);
            return (null, null, null);
        }
        if (Lexicons.Countries.TryGetValue(name, out var country) || Lexicons.Countries.TryGetValue(name.Replace(".", ""), out country))
            return (country, EntityTypes.Location, null);
        if (EntityRules.WireServices.Contains(name))
            return (name, EntityTypes.Organization, null);
        string titleCased = name.Length > 1 && name.All(c => !char.IsLower(c)) ? char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant() : name;
        if (tokens.Count == 1 && titleCased != name && (Lexicons.Cities.ContainsKey(titleCased) || Lexicons.Countries.ContainsKey(titleCased)))
            return (Lexicons.Countries.TryGetValue(titleCased, out var c2) ? c2 : titleCased, EntityTypes.Location, null);
        if (tokens.Count == 1 && EntityRules.StrongOrgWords.Contains(name) && !EntityRules.SingleWordOrgs.Contains(name))
            return (name, null, null);
        if (Lexicons.UsStates.Contains(name) || EntityRules.Regions.Contains(name))
            return (name, EntityTypes.Location, null);
        if (tokens.Count == 1 && Lexicons.Cities.GetValueOrDefault(name) >= LargeCity && !EntityRules.IsAcronym(name) && !personSurnames.Contains(name))
            return (name, EntityTypes.Location, null);
        if (EntityRules.HasOrganizationWord(tokens) || Lexicons.KnownOrganizations.Contains(name) || Lexicons.KnownOrganizations.Contains("The " + name))
            return (name, EntityTypes.Organization, null);
        bool givenNameLed = tokens.Count is 2 or 3 && Lexicons.FirstNames.Contains(tokens[0]) && EntityRules.SurnameLikeSuffixes.Contains(tokens[^1]);
        if (!givenNameLed && (tokens.Count >= 2 && (EntityRules.PlaceSuffixes.Contains(tokens[^1]) || EntityRules.PlacePrefixes.Contains(tokens[0]))
            || Lexicons.Cities.ContainsKey(name) && !personSurnames.Contains(name)))
            return (name, EntityTypes.Location, null);
        if (tokens.Count >= 2 && EntityRules.Compass.Contains(tokens[0]) && !givenNameLed)
            return (name, EntityTypes.Location, null);
        if (EntityRules.IsAcronym(name))
            return (name, EntityTypes.Organization, null);
        if (tokens.Count is >= 2 and <= 4 && (Lexicons.FirstNames.Contains(tokens[0]) || _speakerPersons.Contains(name))
            && tokens.All(t => char.IsUpper(t[0]) || t is "de" or "van" or "von" or "al" or "bin"))
            return (name, EntityTypes.Person, null);
        // A single word at a sentence start that the article also writes in lower case is a common word.
        if (tokens.Count == 1 && (m.SentenceInitial || !_english) && lowerCaseWords.Contains(name.ToLowerInvariant()))
            return (null, null, null);
        // Outside English every noun is capitalised: keep only what the lexicons and cues above typed.
        if (!_english && tokens.Count >= 2)
            return (null, null, null);
        return (name, null, null);
    }

    private static bool IsNameWord(string t) =>
        t.Length > 1 && char.IsUpper(t[0]) && (t.Skip(1).All(c => char.IsLower(c) || c is '-' or '\'' or '’') || t.Length == 2 && t[1] == '.');

    /// <summary>Context that marks a person: a cue verb or an apposition after the name, a person noun before it.</summary>
    private static bool PersonContext(Mention m) =>
        Lexicons.SpeechVerbs.Contains(m.After.ToLowerInvariant()) || m.After is "who" or "a" or "an"
        || m.Before.Length > 0 && char.IsLower(m.Before[^1][0]) && Lexicons.AnonymousHeads.Contains(m.Before[^1]);

    public List<EntityRecord> Resolve()
    {
        // Pass 1: typed names make clusters, longest first so that short forms link to full names.
        foreach (var (m, name, type, title) in _typed.Where(t => t.Type is not null).OrderByDescending(t => t.Name.Split(' ').Length))
            Link(name, type!, m, title);
        // Pass 2: untyped mentions link by surname or name part, or are typed by their context.
        var singles = new HashSet<string>(_typed.Where(t => !t.Name.Contains(' ')).Select(t => t.Name), StringComparer.Ordinal);
        foreach (var (m, name, _, _) in _typed.Where(t => t.Type is null))
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
                Link(name, EntityTypes.Organization, m, null);   // a possessive kept as part of the name: "McDonald's"
            else if (tokens.Length == 1 && m.Before.Length > 0 && LocationCues.Contains(m.Before[^1]) && !m.SentenceInitial)
                Link(name, EntityTypes.Location, m, null);
            else if (tokens.Length is 2 or 3 && tokens.All(IsNameWord)
                     && (singles.Contains(tokens[^1]) || PersonContext(m) || tokens[0].Length == 2 && tokens[0][1] == '.'))
                Link(name, EntityTypes.Person, m, null);   // "Tomasz Nowicki" … "Nowicki said", "astronomer Tomasz Nowicki", "L. Ron Hubbard"
            else if (tokens.Length >= 2 && _english && !EntityRules.StrongOrgWords.Contains(tokens[0]) | tokens.Length > 2)
                Link(name, EntityTypes.Organization, m, null);
        }
        // A leading surname of a known person before an organisation ("the Putin Kremlin", "the Obama White House").
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
        return _clusters.Where(c => c.Mentions > 0)
            .OrderBy(c => c.FirstSeen)
            .Select(c => new EntityRecord(c.Name, c.Type, c.Mentions, c.Aliases.Where(a => a != c.Name).OrderBy(a => a, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>
    /// Short forms of an organisation named in full elsewhere fold into it: a trailing part ("Department of Water
    /// Resources" → "Arizona Department of Water Resources", "City Council" → "Spokane City Council").
    /// </summary>
    private void MergeShortOrganisationForms()
    {
        var orgs = _clusters.Where(c => c.Type == EntityTypes.Organization && c.Mentions > 0).ToList();
        foreach (var shortForm in orgs)
        {
            // Acronyms stay entities of their own (annotators list "OPEC" beside its full name); speakers still resolve them.
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

    private void Link(string name, string type, Mention m, string? title)
    {
        var existing = _clusters.FirstOrDefault(c => c.Name == name)
                       ?? (type == EntityTypes.Person ? FindByPart(name) : null);
        if (existing is null)
        {
            existing = new Cluster { Name = name, Type = type, FirstSeen = _order++ };
            _clusters.Add(existing);
        }
        if (title is not null)
            existing.Titles.Add(title.Split(' ')[^1]);
        Count(existing, m.Text);
    }

    private static void Count(Cluster c, string surface)
    {
        c.Mentions++;
        c.Aliases.Add(surface == c.Name ? surface : MentionFinder.StripPossessive(surface));
    }

    /// <summary>The person cluster whose name ends with (or contains as a whole token) <paramref name="part"/>.</summary>
    private Cluster? FindByPart(string part)
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

    /// <summary>The canonical name for a speaker mention, or null when no entity matches.</summary>
    public string? Canonical(string mention, string kind)
    {
        if (kind == SpeakerKinds.Person)
        {
            var exact = _clusters.FirstOrDefault(c => c.Type == EntityTypes.Person && c.Name == mention);
            if (exact is not null)
                return exact.Name;
            if (FindByPart(mention) is { } part)
                return part.Name;
            string role = mention.Split(' ')[^1];
            var titled = _clusters.Where(c => c.Titles.Contains(role)).OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (titled is not null)
                return titled.Name;
        }
        if (kind == SpeakerKinds.Organization)
        {
            var orgs = _clusters.Where(c => c.Type == EntityTypes.Organization && c.Mentions > 0).ToList();
            var exact = orgs.FirstOrDefault(c => c.Name == mention) ?? orgs.FirstOrDefault(c => c.Aliases.Contains(mention));
            if (exact is not null && !EntityRules.IsAcronym(mention))
                return exact.Name;
            // "Department of Water Resources" → "Arizona Department of Water Resources"; "HUD" → its full name.
            var longer = orgs.Where(c => c.Name != mention).Where(c => c.Name.EndsWith(" " + mention, StringComparison.Ordinal) || c.Name.StartsWith(mention + " ", StringComparison.Ordinal)
                                         || Quotes.Salience.OrgMatches(c.Name, mention) && mention.All(ch => char.IsUpper(ch)))
                .OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (longer is not null)
                return longer.Name;
            if (exact is not null)
                return exact.Name;
        }
        return null;
    }
}

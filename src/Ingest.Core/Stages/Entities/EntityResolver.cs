using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>Types mentions and merges them into entities with canonical names (in-document coreference).</summary>
internal sealed class EntityResolver(HashSet<string> lowerCaseWords)
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
    private int _order;

    private static readonly HashSet<string> LocationCues = new(StringComparer.OrdinalIgnoreCase)
    { "in", "from", "to", "near", "across", "throughout", "outside", "inside", "into", "toward", "towards", "at", "visit", "visited" };

    private static readonly HashSet<string> LowerOrgHeads = new(StringComparer.Ordinal)
    { "ministry", "government", "embassy", "military", "army", "navy", "parliament", "foreign ministry", "defense ministry", "defence ministry", "central bank" };

    public void Add(Mention m)
    {
        var (name, type, title) = Classify(m);
        if (name is null)
            return;
        _typed.Add((m, name, type, title));
    }

    public void AddSpeakerOrganization(string org)
    {
        string name = System.Text.RegularExpressions.Regex.Replace(org, @"^(?:the|a|an)\s+", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (name.Length > 2 && char.IsUpper(name[0]))
            _typed.Add((new Mention(name, 0, 0, false, [], ""), name, EntityTypes.Organization, null));
    }

    private (string? Name, string? Type, string? Title) Classify(Mention m)
    {
        var tokens = m.Tokens.ToList();
        string? title = null;
        // Titles before names: "President Barack Obama", "Secretary of State John Kerry", "Sen. Jane Doe".
        int lastTitle = -1;
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            string w = tokens[i].TrimEnd('.');
            if (Lexicons.Titles.Contains(w) && !Lexicons.OrgHeads.Contains(tokens[^1]))
                lastTitle = i;
        }
        if (lastTitle >= 0)
        {
            // "Secretary of State John Kerry": skip the office's "of X" too.
            int k = lastTitle + 1;
            if (k < tokens.Count - 1 && tokens[k] == "of")
                k += 2;
            while (k < tokens.Count - 1 && (Lexicons.Titles.Contains(tokens[k].TrimEnd('.')) || Lexicons.Demonyms.Contains(tokens[k])))
                k++;
            if (k < tokens.Count)
            {
                title = string.Join(' ', tokens.Take(lastTitle + 1));
                var rest = tokens.Skip(k).ToList();
                if (rest.Count <= 4 && rest.All(t => char.IsUpper(t[0])) && !Lexicons.OrgHeads.Contains(rest[^1]))
                    return (string.Join(' ', rest), EntityTypes.Person, title);
            }
        }
        // A leading demonym is an adjective: "Russian President Vladimir Putin", "Russian Foreign Minister Sergei Lavrov".
        while (tokens.Count > 1 && Lexicons.Demonyms.Contains(tokens[0]) && !Lexicons.OrgHeads.Contains(tokens[^1]))
            tokens.RemoveAt(0);
        string name = string.Join(' ', tokens);
        if (tokens.Count == 1 && Lexicons.Demonyms.Contains(name))
            return (null, null, null);
        if (Lexicons.Countries.TryGetValue(name, out var country))
            return (country, EntityTypes.Location, null);
        if (Lexicons.UsStates.Contains(name))
            return (name, EntityTypes.Location, null);
        if (Lexicons.OrgHeads.Contains(tokens[^1]) || Lexicons.KnownOrganizations.Contains(name) || Lexicons.KnownOrganizations.Contains("The " + name))
            return (name, EntityTypes.Organization, null);
        if (tokens.Count >= 2 && Lexicons.Titles.Contains(tokens[^1]))
            return (name, EntityTypes.Organization, null);
        if (IsAcronym(name))
            return (name, EntityTypes.Organization, null);
        if (Lexicons.Cities.ContainsKey(name))
            return (name, EntityTypes.Location, null);
        if (tokens.Count is >= 2 and <= 4 && Lexicons.FirstNames.Contains(tokens[0]) && tokens.All(t => char.IsUpper(t[0]) || t is "de" or "van" or "von"))
            return (name, EntityTypes.Person, null);
        if (tokens.Count >= 2 && (tokens[0] is "Eastern" or "Western" or "Northern" or "Southern" or "Central" or "North" or "South" or "East" or "West")
            && (Lexicons.Countries.ContainsKey(tokens[^1]) || Lexicons.Cities.ContainsKey(tokens[^1]) || tokens[^1] is "Europe" or "Asia" or "Africa" or "America"))
            return (name, EntityTypes.Location, null);
        if (name is "Europe" or "Asia" or "Africa" or "North America" or "South America" or "Latin America" or "Middle East" or "Antarctica" or "Oceania" or "Scandinavia" or "Balkans" or "Caribbean")
            return (name, EntityTypes.Location, null);
        // A single word at a sentence start that the article also writes in lower case is a common word.
        if (tokens.Count == 1 && m.SentenceInitial && lowerCaseWords.Contains(name.ToLowerInvariant()))
            return (null, null, null);
        if (tokens.Count == 1 && m.Before.Length > 0 && LocationCues.Contains(m.Before[^1]))
            return (name, null, null);
        return (name, null, null);
    }

    private static bool IsAcronym(string name) =>
        name.Length is >= 2 and <= 6 && name.All(c => char.IsUpper(c) || c == '.' || c == '&') && name.Count(char.IsUpper) >= 2;

    public List<EntityRecord> Resolve()
    {
        // Pass 1: typed multi-word names make clusters; persons first so surnames can link to them.
        foreach (var (m, name, type, title) in _typed.Where(t => t.Type is not null).OrderByDescending(t => t.Name.Split(' ').Length))
            Link(name, type!, m, title);
        // Pass 2: untyped mentions link by surname or name part, or are typed by their context.
        foreach (var (m, name, _, _) in _typed.Where(t => t.Type is null))
        {
            var c = FindByPart(name);
            if (c is not null)
            {
                Count(c, name);
                continue;
            }
            string[] tokens = name.Split(' ');
            if (tokens.Length >= 2 && !m.SentenceInitial)
                Link(name, EntityTypes.Person, m, null, guess: true);
            else if (tokens.Length >= 2)
                Link(name, EntityTypes.Person, m, null, guess: true);
            else if (m.Before.Length > 0 && LocationCues.Contains(m.Before[^1]) && !m.SentenceInitial)
                Link(name, EntityTypes.Location, m, null, guess: true);
        }
        return _clusters.Where(c => c.Mentions > 0)
            .OrderBy(c => c.FirstSeen)
            .Select(c => new EntityRecord(c.Name, c.Type, c.Mentions, c.Aliases.Where(a => a != c.Name).OrderBy(a => a, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private void Link(string name, string type, Mention m, string? title, bool guess = false)
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
        c.Aliases.Add(surface);
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
            var part = FindByPart(mention);
            if (part is not null)
                return part.Name;
            // "the president" → the person the article titles President.
            string role = mention.Split(' ')[^1];
            var titled = _clusters.Where(c => c.Titles.Contains(role)).OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (titled is not null)
                return titled.Name;
        }
        return null;
    }
}

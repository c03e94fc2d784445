using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// The typing cascade for one mention: non-entities (laws, streets, events) out; gazetteers (countries and their
/// aliases, US states, cities, regions); organisation words anywhere in the span; place suffixes and prefixes;
/// acronyms; a given name or a title before a name for people. What is left untyped is decided by
/// <see cref="EntityCoreference"/> from the other mentions and the context.
/// </summary>
/// <param name="lowerCaseWords">Words the body writes in lower case: a capitalised form of one is a common word.</param>
/// <param name="english">Whether the article is in English (elsewhere every noun is capitalised).</param>
/// <param name="personSurnames">Surnames of people named in full: a town of the same name is then the person.</param>
/// <param name="speakerPersons">Names that quotes give as person speakers, typed person without a listed given name.</param>
internal sealed class MentionTyper(HashSet<string> lowerCaseWords, bool english, IReadOnlySet<string> personSurnames, IReadOnlySet<string> speakerPersons)
{
    /// <summary>Cities at least this large are places even at a sentence start or when they are also given names.</summary>
    internal const int LargeCity = 100_000;

    /// <summary>A person's name has two to this many words (after a title, or starting at a given name).</summary>
    private const int MaxPersonNameWords = 4;

    /// <summary>
    /// Surnames of people named in full, after a given name or a title ("Jane Doe", "Sen. Doe"): a town of the same
    /// name ("Doe") is then the person.
    /// </summary>
    public static HashSet<string> PersonSurnames(IEnumerable<Mention> mentions) =>
        mentions.Where(m => m.Tokens.Length >= 2 && (Lexicons.FirstNames.Contains(m.Tokens[0]) || Lexicons.Titles.Contains(m.Tokens[0].TrimEnd('.'))))
            .Select(m => m.Tokens[^1]).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// "Harbor City Council Chairman Jane Doe": the office before a title is an organisation of its own, or null
    /// when the mention has none.
    /// </summary>
    public static string? OfficeBeforeTitle(Mention m)
    {
        var tokens = m.Tokens;
        int title = Array.FindLastIndex(tokens, t => Lexicons.Titles.Contains(t.TrimEnd('.')));
        if (title >= 2 && tokens.Take(title).Any(t => EntityRules.StrongOrgWords.Contains(t)) && tokens.Take(title).All(t => char.IsUpper(t[0]) || Lexicons.NameConnectors.Contains(t)))
        {
            string office = string.Join(' ', tokens.Take(title).SkipWhile(t => Lexicons.Demonyms.Contains(t) || Lexicons.Titles.Contains(t)));
            if (office.Length > 0)
                return office;
        }
        return null;
    }

    /// <summary>The name a mention contributes, its type or null when untyped, and the title before a person; Name null for a non-entity.</summary>
    public (string? Name, string? Type, string? Title) Classify(Mention m)
    {
        var tokens = m.Tokens.ToList();
        // Titles before names: "President Jane Doe", "Secretary of State John Roe", "Sen. Jane Doe".
        int lastTitle = -1;
        for (int i = 0; i < tokens.Count - 1; i++)
        {
            string w = tokens[i].TrimEnd('.');
            // Titles, and capitalised role nouns before a given name ("Lawmaker Anna Chiu", "Astronomer Jan Berg").
            // Not before a place word that is also a given name: "Snake River" ("snake" is a WordNet person noun, "River" a name).
            bool roleNoun = i == 0 && Lexicons.AnonymousHeads.Contains(w.ToLowerInvariant()) && i + 1 < tokens.Count && Lexicons.FirstNames.Contains(tokens[i + 1])
                            && !Lexicons.FirstNames.Contains(w) && !EntityRules.PlaceSuffixes.Contains(tokens[^1]);
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
                if (rest.Count <= MaxPersonNameWords && rest.All(t => char.IsUpper(t[0])) && !EntityRules.HasOrganizationWord(rest) && !Lexicons.Countries.ContainsKey(string.Join(' ', rest)))
                    return (string.Join(' ', rest), EntityTypes.Person, string.Join(' ', tokens.Take(lastTitle + 1)));
            }
            // "Harbor City Council Chairman": the office before the title is the organisation.
            if (lastTitle == tokens.Count - 1 || k >= tokens.Count)
                tokens = tokens.Take(lastTitle).ToList();
            if (tokens.Count == 0)
                return (null, null, null);
        }
        // A leading demonym is an adjective: "Canadian Premier Jane Doe", "British troops".
        while (tokens.Count > 1 && Lexicons.Demonyms.Contains(tokens[0]) && !EntityRules.HasOrganizationWord(tokens))
            tokens.RemoveAt(0);
        string name = string.Join(' ', tokens);
        if (tokens.Count == 1 && (Lexicons.Demonyms.Contains(name) || EntityRules.Compass.Contains(name)))
            return (null, null, null);
        if (tokens.Count == 1 && Lexicons.Cities.ContainsKey(name) && !EntityRules.IsAcronym(name) && !lowerCaseWords.Contains(name.ToLowerInvariant())
            && !Lexicons.FirstNames.Contains(name) && !m.SentenceInitial && !personSurnames.Contains(name))
            return (name, EntityTypes.Location, null);

        if (EntityRules.NotEntitySuffixes.Contains(tokens[^1]) || EntityRules.EventPrefixes.Contains(tokens[0]))
        {
            // "John Roe Act": the law is not listed, the person it is named after is.
            if (tokens.Count >= 3 && Lexicons.FirstNames.Contains(tokens[0]) && EntityRules.EponymousLawWords.Contains(tokens[^1]))
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
        if (EntityRules.StartsWithCompass(tokens) && !givenNameLed)
            return (name, EntityTypes.Location, null);
        if (EntityRules.IsAcronym(name))
            return (name, EntityTypes.Organization, null);
        if (tokens.Count is >= 2 and <= MaxPersonNameWords && (Lexicons.FirstNames.Contains(tokens[0]) || speakerPersons.Contains(name))
            && tokens.All(t => char.IsUpper(t[0]) || Lexicons.NameParticles.Contains(t)))
            return (name, EntityTypes.Person, null);
        // A single word at a sentence start that the article also writes in lower case is a common word.
        if (tokens.Count == 1 && (m.SentenceInitial || !english) && lowerCaseWords.Contains(name.ToLowerInvariant()))
            return (null, null, null);
        // Outside English every noun is capitalised: keep only what the lexicons and cues above typed.
        if (!english && tokens.Count >= 2)
            return (null, null, null);
        return (name, null, null);
    }
}

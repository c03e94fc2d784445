using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>
/// The embedded word lists of Resources/Lexicons: gazetteers derived by <c>tools/derive_lexicons.py</c> (no header;
/// sources and licences in THIRD-PARTY-NOTICES.md) and lists written by the project (a '#' header says what each holds
/// and where it came from). One entry a line; loaded once, lazily; all sets are frozen, read-only and thread-safe.
/// Lists shared by the quote and entity stages are here; each stage's own tables are in
/// <see cref="Quotes.QuoteRules"/> and <see cref="Entities.EntityRules"/>, loaded through <see cref="List"/>.
/// </summary>
internal static class Lexicons
{
    /// <summary>The entries of a lexicon file: its lines without comment lines ('#') and empty lines, trailing spaces trimmed.</summary>
    internal static IReadOnlyList<string> Lines(string name)
    {
        var asm = typeof(Lexicons).Assembly;
        using var stream = asm.GetManifestResourceStream("Ingest.Core.Resources.Lexicons." + name)
            ?? throw new InvalidOperationException($"Embedded lexicon '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var list = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                list.Add(line.TrimEnd());
        }
        return list;
    }

    /// <summary>The entries of a tab-separated lexicon file, split at tabs.</summary>
    internal static IEnumerable<string[]> Table(string name) => Lines(name).Select(l => l.Split('\t'));

    /// <summary>A word list of Resources/Lexicons (one entry a line, '#' starts a comment line), loaded once on first use.</summary>
    internal static Lazy<FrozenSet<string>> List(string name, StringComparer? comparer = null) =>
        new(() => Lines(name).ToFrozenSet(comparer ?? StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> _speechVerbs = new(() =>
        Lines("speech_verbs.txt").Concat(Lines("cue_verbs_news.txt"))
            .Concat(Lines("communication_verbs.txt").Concat(Table("cue_verbs_polnear.tsv").Select(f => f[0])).SelectMany(VerbForms.PastAndParticiples))
            .Select(s => s.ToLowerInvariant()).ToFrozenSet());

    /// <summary>
    /// Inflected speech and reporting verbs ("said", "told", "insisted"): SFU Gender Gap Tracker list (MIT), forms it
    /// lacks that news uses as cues, and the past and -ing forms (<see cref="VerbForms.PastAndParticiples"/>) of the cue
    /// lemmas: communication_verbs.txt (a VerbNet-style list of say/tell/manner-of-speaking/complain/advise/promise verbs)
    /// and cue_verbs_polnear.tsv (derived from PolNeAR train's Cue spans by <c>ingest-eval derive-cues</c>). Their bare and
    /// -s forms are left to the two lists before: they are too often nouns ("states", "charges", "protest").
    /// </summary>
    public static FrozenSet<string> SpeechVerbs => _speechVerbs.Value;


    private static readonly Lazy<FrozenSet<string>> _anonymousHeads = new(() =>
        Lines("anonymous_heads.txt").Concat(Lines("anonymous_heads_news.txt"))
            .Concat(PersonNounsWithPlurals()).Select(s => s.ToLowerInvariant()).ToFrozenSet());

    private static IEnumerable<string> PersonNounsWithPlurals()
    {
        foreach (var n in Lines("person_nouns.txt"))
        {
            yield return n;
            yield return n.EndsWith('y') && n.Length > 2 && !"aeiou".Contains(n[^2]) ? n[..^1] + "ies"
                : n.EndsWith('s') || n.EndsWith('x') || n.EndsWith("ch") || n.EndsWith("sh") ? n + "es"
                : n.EndsWith("man") ? n[..^3] + "men" : n + "s";
        }
    }

    /// <summary>
    /// Head nouns of unnamed speakers ("official", "source", "spokesperson", "inspector", "researchers"): the project's list
    /// plus the common nouns WordNet files under "person" (with plurals).
    /// </summary>
    public static FrozenSet<string> AnonymousHeads => _anonymousHeads.Value;

    private static readonly Lazy<FrozenSet<string>> _orgHeads = new(() =>
        Lines("org_suffixes.txt").Select(s => s.Trim()).Concat(Lines("org_heads_news.txt"))
            .ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Words that end organisation names (legal forms and heads: "Inc", "Ministry", "Council", "University").</summary>
    public static FrozenSet<string> OrgHeads => _orgHeads.Value;

    private static readonly Lazy<FrozenSet<string>> _titles = new(() =>
        Lines("titles.txt").Select(s => s.Trim().TrimEnd('.')).Concat(Lines("titles_news.txt"))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Titles and honorifics that precede names ("Sen.", "Secretary of State", "Dr"), matched case-insensitively.</summary>
    public static FrozenSet<string> Titles => _titles.Value;

    private static readonly Lazy<FrozenDictionary<string, char>> _givenNames = new(() =>
        Lines("first_names.tsv").Select(l => l.Split('\t')).Where(f => f.Length == 2 && f[1].Length == 1)
            .ToFrozenDictionary(f => f[0], f => f[1][0], StringComparer.Ordinal));

    /// <summary>
    /// Given names with at least 1,000 US births 1880-2020 (SSA, public domain) → 'M' or 'F' when at least 80% of the
    /// births with the name were of that sex, else '?'. Case-sensitive.
    /// </summary>
    public static FrozenDictionary<string, char> GivenNames => _givenNames.Value;

    private static readonly Lazy<FrozenSet<string>> _firstNames = new(() => GivenNames.Keys.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>The keys of <see cref="GivenNames"/>.</summary>
    public static FrozenSet<string> FirstNames => _firstNames.Value;

    private static readonly Lazy<(FrozenDictionary<string, string> Canonical, FrozenSet<string> Demonyms)> _countries = new(LoadCountries);

    /// <summary>Country names and alternative spellings → common name ("U.S." → "United States"); ODbL 1.0 data.</summary>
    public static FrozenDictionary<string, string> Countries => _countries.Value.Canonical;

    /// <summary>Country demonyms and adjectives ("Russian", "American"); adjectives, not entities.</summary>
    public static FrozenSet<string> Demonyms => _countries.Value.Demonyms;

    private static (FrozenDictionary<string, string>, FrozenSet<string>) LoadCountries()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var demonyms = new HashSet<string>(StringComparer.Ordinal);
        var aliases = Lines("country_aliases.tsv").Select(l => l.Split('\t')).GroupBy(f => f[1], f => f[0])
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var shortForms = Lines("country_short_forms.txt").ToHashSet(StringComparer.Ordinal);
        foreach (var line in Lines("countries.tsv"))
        {
            var f = line.Split('\t');
            string common = f[0];
            if (aliases.TryGetValue(common, out var fixedAliases))
                foreach (var alias in fixedAliases)
                    map[alias] = common;
            map.TryAdd(common, common);
            if (f.Length > 1 && f[1].Length < 40)
                map.TryAdd(f[1], common);
            if (f.Length > 5)
                foreach (var alt in f[5].Split('|'))
                    if (alt.Length > 3 && alt.Any(char.IsLower) && !alt.Contains(' ') || shortForms.Contains(alt))
                        map.TryAdd(alt, common);
            for (int i = 3; i <= 4 && i < f.Length; i++)
                if (f[i].Length > 0)
                    demonyms.Add(f[i]);
        }
        foreach (var d in Lines("demonyms_extra.txt"))
            demonyms.Add(d);
        return (map.ToFrozenDictionary(StringComparer.Ordinal), demonyms.ToFrozenSet(StringComparer.Ordinal));
    }

    private static readonly Lazy<FrozenDictionary<string, int>> _cities = new(() =>
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Lines("cities.tsv"))
        {
            var f = line.Split('\t');
            if (f.Length >= 3 && int.TryParse(f[2], out int pop))
                d[f[0]] = Math.Max(d.GetValueOrDefault(f[0]), pop);
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    });

    /// <summary>Cities of at least 15,000 people → population (GeoNames, CC BY 4.0).</summary>
    public static FrozenDictionary<string, int> Cities => _cities.Value;

    private static readonly Lazy<FrozenSet<string>> _usStates = new(() =>
        Lines("us_states.tsv").Skip(1).Select(l => l.Split('\t')[0]).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>US state names.</summary>
    public static FrozenSet<string> UsStates => _usStates.Value;

    private static readonly Lazy<FrozenDictionary<string, string>> _usStateAbbreviations = new(() =>
        Lines("us_states.tsv").Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > 2 && f[2].EndsWith('.'))
            .ToFrozenDictionary(f => f[2][..^1], f => f[0], StringComparer.Ordinal));

    /// <summary>AP-style state abbreviations without their final full stop ("Colo" for "Colo.") → US state name (us_states.tsv).</summary>
    public static FrozenDictionary<string, string> UsStateAbbreviations => _usStateAbbreviations.Value;

    private static readonly Lazy<FrozenSet<string>> _knownOrgs = new(() =>
        Lines("us_agencies.txt").Concat(Lines("newspapers.txt")).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Names of US federal agencies and newspapers (dariusk/corpora, CC0).</summary>
    public static FrozenSet<string> KnownOrganizations => _knownOrgs.Value;

    private static readonly Lazy<FrozenSet<string>> _nameConnectors = List("name_connectors.txt");

    /// <summary>
    /// Lower-case connectors allowed inside capitalised names ("of", "for", "the", "and", "de", "von", "&amp;"): in body
    /// mentions, in speaker phrases and in offices before a title.
    /// </summary>
    public static FrozenSet<string> NameConnectors => _nameConnectors.Value;

    private static readonly Lazy<Regex> _leadingArticle = new(() =>
        new Regex("^(?:" + string.Join('|', Lines("articles.txt").Select(Regex.Escape)) + @")\s+", RegexOptions.IgnoreCase));

    /// <summary>An article and the spaces after it at the start of a name ("the Harbor City Council"), articles.txt.</summary>
    public static Regex LeadingArticle => _leadingArticle.Value;

    private static readonly Lazy<FrozenSet<string>> _nameParticles = List("name_particles.txt");

    /// <summary>Lower-case particles inside personal names ("de", "van", "al"): used by speaker phrases and entity typing.</summary>
    public static FrozenSet<string> NameParticles => _nameParticles.Value;

    private static readonly Lazy<FrozenDictionary<string, (char Kind, string Language)>> _pronouns = new(() =>
        Lines("pronouns.tsv").Select(l => l.Split('\t')).ToFrozenDictionary(f => f[0], f => (f[1][0], f[2]), StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> _pronounSet = new(() => _pronouns.Value.Keys.ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenSet<string>> _englishHeShe = new(() => _pronouns.Value
        .Where(p => p.Value.Language == "en" && p.Value.Kind is 'M' or 'F')
        .SelectMany(p => new[] { p.Key, char.ToUpperInvariant(p.Key[0]) + p.Key[1..] }).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Subject pronouns that can stand for a speaker ("he", "sie", "elles"), case-insensitive (pronouns.tsv).</summary>
    public static FrozenSet<string> Pronouns => _pronounSet.Value;

    /// <summary>
    /// The kind of a lower-case pronoun: 'M' he-like, 'F' she-like, 'P' plural or group, 'N' "it", 'S' the speaker
    /// ("i"); null for other words.
    /// </summary>
    public static char? PronounKind(string lowerCasePronoun) =>
        _pronouns.Value.TryGetValue(lowerCasePronoun, out var p) ? p.Kind : null;

    /// <summary>"he", "she", "He", "She": the English singular personal pronouns, which can be a clause subject on their own.</summary>
    public static FrozenSet<string> EnglishHeShe => _englishHeShe.Value;

    private static readonly Lazy<FrozenSet<string>> _titleAbbreviations = List("title_abbreviations.txt");

    /// <summary>Abbreviated titles before names, without the full stop ("Mr", "Sen", "Lt", "St"; title_abbreviations.txt).</summary>
    public static FrozenSet<string> TitleAbbreviations => _titleAbbreviations.Value;

    /// <summary>
    /// Whether <paramref name="word"/> is an abbreviated title with its full stop ("Sen.", "Mrs.", "Prof."), optionally
    /// after an opening bracket or quote mark: a full stop that belongs to the name after it, not a sentence end.
    /// </summary>
    public static bool IsTitleAbbreviation(ReadOnlySpan<char> word)
    {
        word = word.TrimStart("(“\"‘'[");
        if (word.Length < 2 || word[^1] != '.' || !char.IsUpper(word[0]))
            return false;
        return _titleAbbreviations.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..^1]);
    }
}

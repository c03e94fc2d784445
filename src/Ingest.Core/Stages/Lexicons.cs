using System.Collections.Frozen;
using System.Reflection;

namespace Ingest.Core.Stages;

/// <summary>
/// The embedded word lists (Resources/Lexicons, derived by <c>tools/derive_lexicons.py</c>; sources and licences in
/// THIRD-PARTY-NOTICES.md). Loaded once, lazily; all sets are read-only and thread-safe.
/// </summary>
internal static class Lexicons
{
    private static IEnumerable<string> Lines(string name)
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

    private static readonly string[] ExtraCueVerbs =
    [
        "says", "said", "say", "saying", "tells", "told", "adds", "added", "writes", "wrote", "asks", "asked", "explains", "explained",
        "argues", "argued", "notes", "noted", "recalls", "recalled", "insists", "insisted", "warns", "warned", "acknowledged",
        "acknowledges", "conceded", "concedes", "countered", "counters", "quipped", "mused", "continued", "continues", "replied",
        "replies", "responded", "responds", "stated", "states", "declared", "declares", "emailed", "texted", "tweeted", "posted",
        "testified", "testifies", "predicted", "predicts", "cautioned", "cautions", "observed", "observes", "admitted", "admits",
        "complained", "complains", "suggested", "suggests", "stressed", "stresses", "urged", "urges", "announced", "announces",
        "report", "reported", "reports", "reporting", "wrote", "concluded", "concludes", "agreed", "agrees", "added",
        "sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "so", "meinte", "fügte", "hieß", "heißt",
        "dit", "a dit", "explique", "expliqué", "affirme", "affirmé", "déclare", "déclaré", "souligne", "souligné", "ajoute", "ajouté", "estime", "indique",
    ];

    private static readonly Lazy<FrozenSet<string>> _speechVerbs = new(() =>
        Lines("speech_verbs.txt").Concat(ExtraCueVerbs).Select(s => s.ToLowerInvariant()).ToFrozenSet());

    /// <summary>
    /// Inflected speech and reporting verbs ("said", "told", "insisted"): SFU Gender Gap Tracker list (MIT) plus
    /// forms it lacks that news uses as cues.
    /// </summary>
    public static FrozenSet<string> SpeechVerbs => _speechVerbs.Value;


    private static readonly Lazy<FrozenSet<string>> _anonymousHeads = new(() =>
        Lines("anonymous_heads.txt").Concat(["official", "officials", "spokesperson", "spokeswoman", "spokesman", "member",
            "trader", "traders", "delegate", "delegates", "meteorologist", "scientist", "researcher", "economist", "lawyer",
            "attorney", "resident", "neighbor", "neighbour", "farmer", "worker", "employee", "teacher", "doctor", "nurse",
            "officer", "police officer", "manager", "owner", "driver", "parent", "mother", "father", "woman", "man", "student",
            "critic", "critics", "supporter", "supporters", "organizer", "activist", "activists", "operator", "engineer"])
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
        Lines("org_suffixes.txt").Select(s => s.Trim()).Concat(["ministry", "Ministry", "department", "Department", "agency",
            "Agency", "council", "Council", "Commission", "commission", "Committee", "committee", "Office", "Bureau", "Service",
            "Association", "Federation", "Union", "Institute", "Foundation", "Center", "Centre", "Board", "Authority", "Administration",
            "Party", "Parliament", "Senate", "Congress", "Court", "University", "College", "School", "Bank", "Group", "Fund",
            "Society", "League", "Alliance", "Coalition", "Network", "Press", "News", "Times", "Post", "Journal", "Tribune",
            "Herald", "Gazette", "Company", "Corporation", "Inc", "Corp", "Ltd", "LLC", "Co", "Organization", "Organisation",
            "Forces", "Army", "Navy", "Police", "Guard", "Assembly", "Cabinet", "Kremlin", "Pentagon", "Partners", "Trust",
            "Conservancy", "Lab", "Laboratory", "Laboratories", "Hospital", "Clinic", "Church", "Club", "Team", "Fire", "Coalition",
            "Initiative", "Project", "Program", "Secretariat", "Directorate", "Inquirer", "Chronicle", "Observer", "Guardian",
            "Telegraph", "Independent", "Review", "Magazine", "Radio", "TV", "Television", "Broadcasting", "Network", "Media",
            "Labs", "Systems", "Technologies", "Holdings", "Industries", "Airlines", "Motors", "Energy", "Power", "Resources",
            "Exchange", "Reserve", "Treasury", "Department", "Railway", "Railroad", "Airport", "Port", "District", "Museum", "Library"])
            .ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Words that end organisation names (legal forms and heads: "Inc", "Ministry", "Council", "University").</summary>
    public static FrozenSet<string> OrgHeads => _orgHeads.Value;

    private static readonly Lazy<FrozenSet<string>> _titles = new(() =>
        Lines("titles.txt").Select(s => s.Trim().TrimEnd('.')).Concat(["President", "Vice President", "Secretary", "Minister",
            "Prime Minister", "Foreign Minister", "Chancellor", "Senator", "Sen", "Rep", "Representative", "Gov", "Governor",
            "Mayor", "Chairman", "Chairwoman", "Chair", "Director", "General", "Gen", "Col", "Lt", "Capt", "Sgt", "Adm", "Judge",
            "Justice", "Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Lord", "Lady", "King", "Queen",
            "Prince", "Princess", "Pope", "Bishop", "Rev", "Father", "Sheriff", "Commissioner", "Councilman", "Councilwoman",
            "Councillor", "Cllr", "Assemblymember", "Assemblyman", "Assemblywoman", "Ambassador", "Envoy", "Chief", "CEO",
            "Spokesman", "Spokeswoman", "Spokesperson", "Deputy", "Attorney", "Attorney General", "Superintendent", "Trustee",
            "Supervisor", "Delegate", "Speaker", "Leader", "Officer", "Inspector", "Detective", "Coach", "Herr", "Frau", "Dr.",
            "Bürgermeister", "Bürgermeisterin", "Ministerin", "Minister", "Präsident", "Präsidentin", "Kanzler", "Kanzlerin",
            "Monsieur", "Madame", "M.", "Mme", "Président", "Ministre", "Maire", "Secretary-General", "Executive", "Founder",
            "Editor", "Correspondent", "Analyst", "Economist", "Senior", "Former", "Incoming", "Outgoing", "Acting", "Interim",
            "Councilmember", "Council Member", "Administrator", "Coach", "Captain", "Manager", "Chairperson", "Provost", "Rector", "Supervisor", "Alderwoman", "Selectwoman", "Commissioner", "Vizepräsident",
            "Vizepräsidentin", "Geschäftsführer", "Geschäftsführerin", "Sprecher", "Sprecherin", "Landrat", "Landrätin",
            "Oberbürgermeister", "Oberbürgermeisterin", "Staatssekretär", "Staatssekretärin", "Député", "Députée", "Préfet", "Préfète"])
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
        foreach (var line in Lines("countries.tsv"))
        {
            var f = line.Split('\t');
            string common = f[0];
            if (common == "United States")
            {
                foreach (var alias in new[] { "U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the United States" })
                    map[alias] = common;
            }
            if (common == "United Kingdom")
                foreach (var alias in new[] { "UK", "U.K.", "Britain", "Great Britain" })
                    map[alias] = common;
            map.TryAdd(common, common);
            if (f.Length > 1 && f[1].Length < 40)
                map.TryAdd(f[1], common);
            if (f.Length > 5)
                foreach (var alt in f[5].Split('|'))
                    if (alt.Length > 3 && alt.Any(char.IsLower) && !alt.Contains(' ') || alt is "UK" or "USA" or "UAE" or "DRC")
                        map.TryAdd(alt, common);
            for (int i = 3; i <= 4 && i < f.Length; i++)
                if (f[i].Length > 0)
                    demonyms.Add(f[i]);
        }
        foreach (var d in new[] { "European", "Arab", "Asian", "African", "Latino", "Hispanic", "Palestinian",
                     "Kurdish", "Soviet", "Anglophone", "Francophone", "Democratic", "Republican", "Israeli", "Ukrainian", "Russian", "Crimean" })
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

    private static readonly Lazy<FrozenSet<string>> _knownOrgs = new(() =>
        Lines("us_agencies.txt").Concat(Lines("newspapers.txt")).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Names of US federal agencies and newspapers (dariusk/corpora, CC0).</summary>
    public static FrozenSet<string> KnownOrganizations => _knownOrgs.Value;
}

using System.Collections.Frozen;

namespace Ingest.Core.Stages.Entities;

/// <summary>Word tables of the entity stage: data, not logic.</summary>
internal static class EntityRules
{
    /// <summary>Words that make a capitalised span an organisation wherever they stand in it ("University of Arizona").</summary>
    public static readonly FrozenSet<string> StrongOrgWords = new[]
    {
        "University", "Institute", "Department", "Ministry", "Council", "Committee", "Commission", "Association", "Agency",
        "Bureau", "Board", "Bank", "Museum", "Aquarium", "Legislature", "Union", "Party", "Foundation", "Center", "Centre",
        "Centers", "School", "College", "Hospital", "Company", "Corporation", "Corp", "Inc", "Ltd", "LLC", "Group", "Fund",
        "Federation", "Society", "Services", "Administration", "Authority", "Court", "Police", "Fisheries", "Ferries",
        "Nations", "House", "Senate", "Congress", "Parliament", "Assembly", "Cabinet", "Pentagon", "Kremlin", "Coalition",
        "Alliance", "League", "Network", "Press", "Times", "Post", "Journal", "Tribune", "Herald", "Gazette", "Sentinel",
        "Ledger", "Beacon", "Chronicle", "Review", "Magazine", "News", "Partners", "Trust", "Laboratory", "Lab", "Labs",
        "Division", "Office", "Service", "Organization", "Organisation", "Reserve", "Treasury", "Forces", "Army",
        "Navy", "Guard", "Church", "Club", "Systems", "Technologies", "Holdings", "Industries", "Airlines", "Energy",
        "Exchange", "Academy", "Clinic", "Cross", "Experiment", "Program", "Programme", "Project", "Initiative", "Secretariat",
        "Directorate", "Prefecture", "Préfecture", "Ministerium", "Bundesministerium", "Verband", "Gesellschaft", "Bund",
        "Gemeindebund", "Städtetag", "Landkreistag", "Partei", "Regierung", "Konföderation", "Confédération", "Syndicat",
        "Fédération", "Mairie", "Conseil", "Stadtwerke", "Post", "Bundesbauministerium",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Last words of place names ("La Paz County", "Puget Sound", "Rocky Mountain National Park").</summary>
    public static readonly FrozenSet<string> PlaceSuffixes = new[]
    {
        "County", "Valley", "Island", "Islands", "Bay", "Sound", "Lake", "River", "Mountains", "Mountain", "Hill", "Hills",
        "Park", "Forest", "Gulf", "Sea", "Ocean", "Peninsula", "Coast", "Basin", "Canyon", "Desert", "Wells", "Springs",
        "Falls", "Heights", "Beach", "City", "Harbor", "Harbour", "Creek", "Plains", "Region", "Province", "Apartments", "Observatory",
        "Way", "Rainforest", "Delta", "Strait", "Channel", "Reservoir", "Dam", "Glacier", "Volcano", "Township", "Parish",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>First words of place names ("Gulf of Maine", "Lake Martin", "Mount Rainier").</summary>
    public static readonly FrozenSet<string> PlacePrefixes = new[]
    {
        "Gulf", "Lake", "Mount", "Mt.", "River", "Cape", "Fort", "Port", "Bay", "Isle", "Sierra", "Sainte", "Saint", "Sankt",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Last words of names that are not listed as entities under SCHEMA.md: laws, streets, events, programmes.</summary>
    public static readonly FrozenSet<string> NotEntitySuffixes = new[]
    {
        "Act", "Law", "Treaty", "Agreement", "Agreements", "Accord", "Accords", "Bill", "Amendment", "Street", "Avenue", "Road",
        "Highway", "Boulevard", "Lane", "Drive", "Route", "Interstate", "Week", "Day", "Prize", "Award", "Awards", "Games",
        "Cup", "Festival", "Storm", "Hurricane", "Fire", "Index", "Principles", "Rule", "Rules", "Plan", "Benchmark",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a capitalised span names an organisation by its words: an organisation word anywhere (also as the last
    /// part of a hyphenated word, "Lebens-Rettungs-Gesellschaft"), or a legal form or head word at the end of two or more words.
    /// </summary>
    public static bool HasOrganizationWord(IReadOnlyList<string> tokens) =>
        tokens.Any(t => StrongOrgWords.Contains(t) || t.Contains('-') && StrongOrgWords.Contains(t.Split('-')[^1]))
        || tokens.Count >= 2 && Lexicons.OrgHeads.Contains(tokens[^1]);

    /// <summary>Two to six capitals (dots and ampersands allowed): "NASA", "HUD", "AT&amp;T".</summary>
    public static bool IsAcronym(string name) =>
        name.Length is >= 2 and <= 6 && name.All(c => char.IsUpper(c) || c == '.' || c == '&') && name.Count(char.IsUpper) >= 2;

    /// <summary>Organisation words that name a real organisation on their own ("Congress"); other heads alone are generic ("the Department").</summary>
    public static readonly FrozenSet<string> SingleWordOrgs = new[]
    {
        "Congress", "Kremlin", "Pentagon", "Parliament", "Senate", "Bundestag", "Bundesrat", "Knesset", "Duma", "Vatican", "Interpol", "Europol",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>News agencies and wire services, named in datelines and credits.</summary>
    public static readonly FrozenSet<string> WireServices = new[]
    {
        "Reuters", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "UPI", "Xinhua", "TASS", "Interfax", "ANSA",
        "EFE", "Kyodo", "Yonhap", "dpa",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Place suffixes that are also common surnames ("Jenna Park"): a given name before them makes a person.</summary>
    public static readonly FrozenSet<string> SurnameLikeSuffixes = new[]
    {
        "Park", "Hill", "Hills", "Way", "Lake", "Wells", "Springs", "Beach", "Rivers", "Forest", "Bay", "Banks", "Field", "Fields",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lower-case words after a place name that make it part of a non-entity ("Minsk agreement").</summary>
    public static readonly FrozenSet<string> NonEntityFollowers = new[]
    {
        "agreement", "agreements", "accord", "accords", "protocol", "protocols", "format", "process", "act", "law", "treaty", "talks",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Named regions that the country and city lists lack.</summary>
    public static readonly FrozenSet<string> Regions = new[]
    {
        "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Central America", "Middle East",
        "Antarctica", "Oceania", "Scandinavia", "Balkans", "Caribbean", "Mediterranean", "Arctic", "Siberia", "Crimea",
        "Donbas", "Donetsk", "Luhansk", "Kashmir", "Gaza", "West Bank", "Midwest", "Great Plains", "Pacific Northwest",
        "New England", "Appalachia", "Black Belt", "Earth", "Milky Way", "Capitol Hill", "Wall Street", "Silicon Valley",
        "Soviet Union", "Sahel", "Horn of Africa", "Persian Gulf", "Baltic", "Balkan", "Caucasus", "Patagonia", "Amazon",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Compass words that, before a place, keep naming a place ("Eastern Ukraine", "West Texas").</summary>
    public static readonly FrozenSet<string> Compass = new[]
    {
        "Eastern", "Western", "Northern", "Southern", "Central", "North", "South", "East", "West", "Northeast", "Northwest",
        "Southeast", "Southwest", "Upper", "Lower", "Greater", "Down",
    }.ToFrozenSet(StringComparer.Ordinal);
}

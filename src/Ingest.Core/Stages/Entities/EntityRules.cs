using System.Collections.Frozen;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Word tables of the entity stage: data, not logic. Each list is a file of Resources/Lexicons (written by the
/// project; the header of each file says what it holds), loaded once through <see cref="Lexicons.List"/>.
/// </summary>
internal static class EntityRules
{
    private static readonly Lazy<FrozenSet<string>> _strongOrgWords = Lexicons.List("strong_org_words.txt");
    private static readonly Lazy<FrozenSet<string>> _placeSuffixes = Lexicons.List("place_suffixes.txt");
    private static readonly Lazy<FrozenSet<string>> _placePrefixes = Lexicons.List("place_prefixes.txt");
    private static readonly Lazy<FrozenSet<string>> _notEntitySuffixes = Lexicons.List("not_entity_suffixes.txt");
    private static readonly Lazy<FrozenSet<string>> _singleWordOrgs = Lexicons.List("single_word_orgs.txt");
    private static readonly Lazy<FrozenSet<string>> _wireServices = Lexicons.List("wire_services.txt");
    private static readonly Lazy<FrozenSet<string>> _surnameLikeSuffixes = Lexicons.List("surname_like_suffixes.txt");
    private static readonly Lazy<FrozenSet<string>> _nonEntityFollowers = Lexicons.List("non_entity_followers.txt");
    private static readonly Lazy<FrozenSet<string>> _regions = Lexicons.List("regions.txt");
    private static readonly Lazy<FrozenSet<string>> _compass = Lexicons.List("compass_words.txt");
    private static readonly Lazy<FrozenSet<string>> _compassQualifiers = Lexicons.List("compass_qualifiers.txt");
    private static readonly Lazy<FrozenSet<string>> _locationCues = Lexicons.List("location_cues.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _eventPrefixes = Lexicons.List("event_prefixes.txt");
    private static readonly Lazy<FrozenSet<string>> _stopWords = Lexicons.List("stop_words_capitalised.txt");
    private static readonly Lazy<FrozenSet<string>> _nounUseFollowers = Lexicons.List("possessive_noun_followers.txt");
    private static readonly Lazy<FrozenSet<string>> _orgAndHeads = Lexicons.List("org_and_heads.txt");
    private static readonly Lazy<FrozenSet<string>> _abbreviations = Lexicons.List("abbreviations.txt");
    private static readonly Lazy<FrozenSet<string>> _appositionFollowers = Lexicons.List("apposition_followers.txt");
    private static readonly Lazy<FrozenSet<string>> _eponymousLawWords = Lexicons.List("eponymous_law_words.txt");
    private static readonly Lazy<FrozenSet<string>> _facilityHeads = Lexicons.List("facility_heads.txt");

    /// <summary>Words that make a capitalised span an organisation wherever they stand in it ("University of Harbor City").</summary>
    public static FrozenSet<string> StrongOrgWords => _strongOrgWords.Value;

    /// <summary>Last words of place names ("Harbor County", "Clear Lake").</summary>
    public static FrozenSet<string> PlaceSuffixes => _placeSuffixes.Value;

    /// <summary>First words of place names ("Lake …", "Mount …").</summary>
    public static FrozenSet<string> PlacePrefixes => _placePrefixes.Value;

    /// <summary>Last words of names that are not listed as entities under SCHEMA.md: laws, streets, events, programmes.</summary>
    public static FrozenSet<string> NotEntitySuffixes => _notEntitySuffixes.Value;

    /// <summary>
    /// Whether a capitalised span names an organisation by its words: an organisation word anywhere (also as the last
    /// part of a hyphenated word, "Hafen-Rettungs-Gesellschaft"), or a legal form or head word at the end of two or more words.
    /// </summary>
    public static bool HasOrganizationWord(IReadOnlyList<string> tokens) =>
        tokens.Any(t => StrongOrgWords.Contains(t) || t.Contains('-') && StrongOrgWords.Contains(t.Split('-')[^1]))
        || tokens.Count >= 2 && Lexicons.OrgHeads.Contains(tokens[^1]);

    /// <summary>Two to six capitals (dots and ampersands allowed): "HCC", "DHW", "A&amp;B".</summary>
    public static bool IsAcronym(string name) =>
        name.Length is >= 2 and <= 6 && name.All(c => char.IsUpper(c) || c == '.' || c == '&') && name.Count(char.IsUpper) >= 2;

    /// <summary>Organisation words that name a real organisation on their own ("Congress"); other heads alone are generic ("the Department").</summary>
    public static FrozenSet<string> SingleWordOrgs => _singleWordOrgs.Value;

    /// <summary>News agencies and wire services, named in datelines and credits.</summary>
    public static FrozenSet<string> WireServices => _wireServices.Value;

    /// <summary>Place suffixes that are also common surnames ("Jane Park"): a given name before them makes a person.</summary>
    public static FrozenSet<string> SurnameLikeSuffixes => _surnameLikeSuffixes.Value;

    /// <summary>Lower-case words after a place name that make it part of a non-entity ("Harbor City agreement").</summary>
    public static FrozenSet<string> NonEntityFollowers => _nonEntityFollowers.Value;

    /// <summary>Named regions that the country and city lists lack.</summary>
    public static FrozenSet<string> Regions => _regions.Value;

    /// <summary>Compass words that, before a place, keep naming a place ("Eastern …", "West …").</summary>
    public static FrozenSet<string> Compass => _compass.Value;

    /// <summary>Words that name a region before a compass word ("Deep South", "Far East"), not on their own.</summary>
    public static FrozenSet<string> CompassQualifiers => _compassQualifiers.Value;

    /// <summary>Whether a span of two or more words starts with a compass word ("West Harbor") or a qualified one ("Deep South …").</summary>
    public static bool StartsWithCompass(IReadOnlyList<string> tokens) =>
        tokens.Count >= 2 && (Compass.Contains(tokens[0]) || CompassQualifiers.Contains(tokens[0]) && Compass.Contains(tokens[1]));

    /// <summary>Words before a single capitalised word that make it a place ("in", "from", "nach"); case-insensitive.</summary>
    public static FrozenSet<string> LocationCues => _locationCues.Value;

    /// <summary>First words of storm and operation names, which are not entities ("Storm …", "Operation …").</summary>
    public static FrozenSet<string> EventPrefixes => _eventPrefixes.Value;

    /// <summary>Words that are capitalised but never start or form a name on their own ("The", "However", "Monday").</summary>
    public static FrozenSet<string> StopWords => _stopWords.Value;

    /// <summary>Words after a possessive name that show it is used as a noun ("said", "is", "has").</summary>
    public static FrozenSet<string> PossessiveNounFollowers => _nounUseFollowers.Value;

    /// <summary>Organisation heads that, shortly before an "and", keep it inside the name ("Department of … and …").</summary>
    public static FrozenSet<string> OrgAndHeads => _orgAndHeads.Value;

    /// <summary>Abbreviations whose full stop does not end a sentence ("St.", "Inc.", "Bros.").</summary>
    public static FrozenSet<string> Abbreviations => _abbreviations.Value;

    /// <summary>Words right after a name that show a person: a relative clause or an apposition ("who", "a", "an").</summary>
    public static FrozenSet<string> AppositionFollowers => _appositionFollowers.Value;

    /// <summary>Last words of laws named after a person ("Act", "Law").</summary>
    public static FrozenSet<string> EponymousLawWords => _eponymousLawWords.Value;

    /// <summary>
    /// Last words of a place name that make it an organisation in our schema ("… Museum", "… Hospital", "White House"):
    /// the open NER corpora type such names by where they stand, our records by who acts (facility_heads.txt).
    /// </summary>
    public static FrozenSet<string> FacilityHeads => _facilityHeads.Value;
}

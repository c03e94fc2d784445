using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Word tables of the quote stage: data, not logic. Each list is a file of Resources/Lexicons (written by the project;
/// the header of each file says what it holds), loaded once through <see cref="Lexicons.List"/>; the regular
/// expressions built from lists are built once, on first use.
/// </summary>
internal static class QuoteRules
{
    private static readonly Lazy<FrozenSet<string>> _determiners = Lexicons.List("determiners.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _definite = Lexicons.List("definite_determiners.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _plural = Lexicons.List("plural_determiners.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _clauseVerbs = Lexicons.List("clause_verbs.txt");
    private static readonly Lazy<FrozenSet<string>> _nameSuffixes = Lexicons.List("name_suffixes.txt");
    private static readonly Lazy<FrozenSet<string>> _postModifiers = Lexicons.List("post_modifiers.txt");
    private static readonly Lazy<FrozenSet<string>> _wordLikeNames = Lexicons.List("word_like_given_names.txt");
    private static readonly Lazy<FrozenSet<string>> _placeEndings = Lexicons.List("salience_place_endings.txt");
    private static readonly Lazy<FrozenDictionary<string, char>> _honorifics = new(() =>
        Lexicons.Table("honorifics.tsv").ToFrozenDictionary(f => f[0], f => f[1][0], StringComparer.Ordinal));
    private static readonly Lazy<FrozenSet<string>> _nonSpeakers = Lexicons.List("interview_non_speakers.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _questioners = Lexicons.List("interview_questioner_labels.txt");
    private static readonly Lazy<FrozenSet<string>> _answerers = Lexicons.List("interview_answerer_labels.txt");
    private static readonly Lazy<FrozenSet<string>> _soArticles = Lexicons.List("cue_articles_after_so.txt");
    private static readonly Lazy<FrozenSet<string>> _namingVerbs = Lexicons.List("naming_verbs.txt");
    private static readonly Lazy<FrozenSet<string>> _cueExclusions = Lexicons.List("cue_verb_exclusions.txt");
    private static readonly Lazy<FrozenSet<string>> _cueNotFirst = Lexicons.List("cue_verbs_not_first.txt");
    private static readonly Lazy<FrozenSet<string>> _documentSources = Lexicons.List("document_sources.txt");
    private static readonly Lazy<FrozenSet<string>> _possessives = Lexicons.List("possessive_determiners.txt", StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<FrozenSet<string>> _parties = Lexicons.List("party_affiliations.txt");
    private static readonly Lazy<FrozenSet<string>> _subjectBoundaries = Lexicons.List("subject_boundaries.txt");
    private static readonly Lazy<FrozenSet<string>> _clauseOpeners = new(() =>
        Lexicons.Lines("lead_adverbials.txt").Concat(Lexicons.Lines("clause_openers.txt")).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Determiners and quantifiers that open a speaker phrase ("a", "this", "several"); case-insensitive.</summary>
    public static FrozenSet<string> Determiners => _determiners.Value;

    /// <summary>Determiners that point back to a speaker met before ("this", "that", "the"); case-insensitive.</summary>
    public static FrozenSet<string> DefiniteDeterminers => _definite.Value;

    /// <summary>Quantifiers of a group of unnamed speakers ("two", "several"); case-insensitive.</summary>
    public static FrozenSet<string> PluralDeterminers => _plural.Value;

    /// <summary>Auxiliary and copular verbs that make a would-be speaker phrase a clause ("is", "had").</summary>
    public static FrozenSet<string> ClauseVerbs => _clauseVerbs.Value;

    /// <summary>Generational suffixes after a personal name ("Jr.", "III").</summary>
    public static FrozenSet<string> NameSuffixes => _nameSuffixes.Value;

    /// <summary>Words that end the head of a noun phrase ("of", "who", "familiar").</summary>
    public static FrozenSet<string> PostModifiers => _postModifiers.Value;

    /// <summary>Given names that are also everyday words ("May", "Will"): a name only when the article never writes them in lower case.</summary>
    public static FrozenSet<string> WordLikeGivenNames => _wordLikeNames.Value;

    /// <summary>Last words that make a multi-word mention a place for salience, besides <see cref="Entities.EntityRules.PlaceSuffixes"/>.</summary>
    public static FrozenSet<string> SaliencePlaceEndings => _placeEndings.Value;

    /// <summary>The gender an honorific tells ('M' or 'F'), by the honorific without its full stop; null for other words.</summary>
    public static char? HonorificGender(string honorific) => _honorifics.Value.TryGetValue(honorific, out var g) ? g : null;

    /// <summary>Labels before a colon that are not interview speakers ("Note", "Update"); case-insensitive.</summary>
    public static FrozenSet<string> InterviewNonSpeakers => _nonSpeakers.Value;

    /// <summary>Upper-case interview labels of the interviewer ("Q", "QUESTION").</summary>
    public static FrozenSet<string> QuestionerLabels => _questioners.Value;

    /// <summary>Upper-case interview labels of the interviewee ("A", "ANSWER").</summary>
    public static FrozenSet<string> AnswererLabels => _answerers.Value;

    /// <summary>German articles after "so" that make it a cue ("…, so der Sprecher").</summary>
    public static FrozenSet<string> ArticlesAfterSo => _soArticles.Value;

    /// <summary>Verbs that introduce a name or label ("called", "described"); a cue when a word follows.</summary>
    public static FrozenSet<string> NamingVerbs => _namingVerbs.Value;

    /// <summary>Speech-verb forms that are not cues on their own ("post", "report", "state").</summary>
    public static FrozenSet<string> CueVerbExclusions => _cueExclusions.Value;

    /// <summary>Excluded forms that are cues when a word stands before them ("report", "reported").</summary>
    public static FrozenSet<string> CueVerbsNotFirst => _cueNotFirst.Value;

    /// <summary>Head nouns of texts cited as a source ("the report", "a memo"; document_sources.txt), lower case.</summary>
    public static FrozenSet<string> DocumentSources => _documentSources.Value;

    /// <summary>Possessive determiners ("his", "its"; possessive_determiners.txt); case-insensitive.</summary>
    public static FrozenSet<string> PossessiveDeterminers => _possessives.Value;

    /// <summary>Party member nouns of an affiliation apposition ("Republican of Iowa"; party_affiliations.txt).</summary>
    public static FrozenSet<string> PartyAffiliations => _parties.Value;

    /// <summary>Lower-case conjunctions and subordinators the subject of a cue verb does not reach back over ("and", "because").</summary>
    public static FrozenSet<string> SubjectBoundaries => _subjectBoundaries.Value;

    /// <summary>
    /// Words that open a clause before its subject ("After", "When", "Meanwhile", "But"): the first words of leading
    /// adverbials and the subordinators of clause_openers.txt; case-insensitive.
    /// </summary>
    public static FrozenSet<string> ClauseOpeners => _clauseOpeners.Value;

    private static readonly Lazy<Regex> _definiteLead = new(() => new Regex("^" + Alternation("definite_determiners.txt") + @"\s+", RegexOptions.IgnoreCase));

    /// <summary>A definite determiner and the spaces after it at the start of a phrase ("this official" → "official").</summary>
    public static Regex DefiniteLead => _definiteLead.Value;

    /// <summary>A non-capturing alternation of the entries of a list, in file order, each escaped: <c>(?:a|b c)</c>.</summary>
    public static string Alternation(string file) => "(?:" + string.Join('|', Lexicons.Lines(file).Select(Regex.Escape)) + ")";
}

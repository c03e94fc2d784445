using System.Collections.Frozen;
using System.Text;

namespace Ingest.Core.Stages.Entities;

/// <summary>Token infos for <see cref="NerFeatures"/>: lexicon and gazetteer bits, name candidates.</summary>
internal static partial class NerFeatures
{
    /// <summary>
    /// The token infos of a document (sentences of raw tokens): forms, hashes, lexicon and gazetteer bits, candidates,
    /// sentence starts. <paramref name="lowerCase"/> receives the lower-case words of the document and
    /// <paramref name="midCapitalised"/> the forms written capitalised mid-sentence (document features).
    /// </summary>
    public static NerTokenInfo[][] Prepare(IReadOnlyList<string[]> sentences, out HashSet<string> lowerCase, out HashSet<string> midCapitalised)
    {
        lowerCase = new HashSet<string>(StringComparer.Ordinal);
        midCapitalised = new HashSet<string>(StringComparer.Ordinal);
        var result = new NerTokenInfo[sentences.Count][];
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            var infos = new NerTokenInfo[tokens.Length];
            bool initial = true;
            for (int i = 0; i < tokens.Length; i++)
            {
                string norm = Normalise(tokens[i]);
                string lower = norm.ToLowerInvariant();
                ref var t = ref infos[i];
                t.Norm = norm;
                t.Lower = lower;
                t.Case = CaseOf(norm);
                t.Initial = initial;
                if (initial && !(norm.Length == 1 && "\"'([{-*".Contains(norm[0])) && norm != "--")
                    initial = false;
                if (t.Case == CaseLower)
                    lowerCase.Add(lower);
                else if (!t.Initial && HasUpper(norm))
                    midCapitalised.Add(lower);
            }
            MarkCandidates(infos);
            // Hashes and lexicon bits only where features read them: the candidates and two tokens either side (speed).
            for (int i = 0; i < infos.Length; i++)
            {
                bool near = false;
                for (int k = Math.Max(0, i - 2); k <= Math.Min(infos.Length - 1, i + 2) && !near; k++)
                    near = infos[k].Candidate;
                if (!near)
                    continue;
                ref var t = ref infos[i];
                t.HashLower = Hash(t.Lower);
                t.HashNorm = ReferenceEquals(t.Norm, t.Lower) ? t.HashLower : Hash(t.Norm);
                t.HashShape = ShapeHash(t.Norm);
                t.Lexicon = LexiconBits(t.Norm, t.Lower, t.Case);
            }
            MarkGazetteers(infos);
            result[s] = infos;
        }
        return result;
    }

    /// <summary>
    /// The word lists as four maps from a token's form to its bits, so that a token costs four look-ups, not one per list:
    /// the title-cased form (all-capital words title-cased), the form as written, the form without a trailing full stop,
    /// and the lower-case form (lists matched in lower case or case-insensitively).
    /// </summary>
    private sealed class LexiconMaps
    {
        public readonly FrozenDictionary<string, int> Titled, Norm, Bare, Lower, LowerBare;

        public LexiconMaps()
        {
            var titled = new Dictionary<string, int>(StringComparer.Ordinal);
            var norm = new Dictionary<string, int>(StringComparer.Ordinal);
            var bare = new Dictionary<string, int>(StringComparer.Ordinal);
            var lower = new Dictionary<string, int>(StringComparer.Ordinal);
            var lowerBare = new Dictionary<string, int>(StringComparer.Ordinal);
            static void Put(Dictionary<string, int> map, IEnumerable<string> words, int bit)
            {
                foreach (var w in words)
                    map[w] = map.GetValueOrDefault(w) | bit;
            }
            Put(titled, Lexicons.FirstNames, NerLexiconBits.FirstName);
            Put(titled, EntityRules.StrongOrgWords, NerLexiconBits.StrongOrg);
            Put(titled, Lexicons.Demonyms, NerLexiconBits.Demonym);
            Put(titled, EntityRules.PlaceSuffixes, NerLexiconBits.PlaceSuffix);
            Put(titled, EntityRules.PlacePrefixes, NerLexiconBits.PlacePrefix);
            Put(titled, EntityRules.Compass, NerLexiconBits.Compass);
            Put(titled, EntityRules.NotEntitySuffixes, NerLexiconBits.NotEntitySuffix);
            Put(titled, EntityRules.EventPrefixes, NerLexiconBits.EventPrefix);
            Put(titled, EntityRules.SingleWordOrgs, NerLexiconBits.SingleWordOrg);
            Put(norm, EntityRules.StopWords, NerLexiconBits.StopWord);
            Put(norm, Lexicons.NameConnectors.Concat(Lexicons.NameParticles), NerLexiconBits.Connector);
            Put(norm, Lexicons.OrgHeads, NerLexiconBits.OrgHead);
            Put(bare, Lexicons.OrgHeads, NerLexiconBits.OrgHead);
            Put(lower, Lexicons.AnonymousHeads.Select(w => w.ToLowerInvariant()), NerLexiconBits.PersonNoun);
            Put(lower, Lexicons.SpeechVerbs.Select(w => w.ToLowerInvariant()), NerLexiconBits.SpeechVerb);
            Put(lower, EntityRules.LocationCues.Select(w => w.ToLowerInvariant()), NerLexiconBits.LocationCue);
            Put(lower, Lexicons.Pronouns.Select(w => w.ToLowerInvariant()), NerLexiconBits.Pronoun);
            Put(lowerBare, Lexicons.Titles.Select(w => w.ToLowerInvariant()), NerLexiconBits.Title);
            Titled = titled.ToFrozenDictionary(StringComparer.Ordinal);
            Norm = norm.ToFrozenDictionary(StringComparer.Ordinal);
            Bare = bare.ToFrozenDictionary(StringComparer.Ordinal);
            Lower = lower.ToFrozenDictionary(StringComparer.Ordinal);
            LowerBare = lowerBare.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    private static readonly Lazy<LexiconMaps> _maps = new(() => new LexiconMaps());

    private static int LexiconBits(string norm, string lower, int caseClass)
    {
        var maps = _maps.Value;
        string titled = caseClass == CaseUpper && norm.Length > 1 ? norm[0] + norm[1..].ToLowerInvariant() : norm;
        int bits = maps.Titled.GetValueOrDefault(titled) | maps.Norm.GetValueOrDefault(norm) | maps.Lower.GetValueOrDefault(lower);
        if (norm.Length > 1 && norm[^1] == '.')
        {
            bits |= maps.Bare.GetValueOrDefault(norm.TrimEnd('.'));
            if (MentionFinder.IsAbbreviation(norm))
                bits |= NerLexiconBits.Abbreviation;
        }
        // Titles before names are capitalised ("Sen.", "President"); the list is matched case-insensitively.
        if (char.IsUpper(norm[0]))
            bits |= maps.LowerBare.GetValueOrDefault(lower.TrimEnd('.')) & NerLexiconBits.Title;
        return bits;
    }

    private static bool IsConnector(string norm) => (_maps.Value.Norm.GetValueOrDefault(norm) & NerLexiconBits.Connector) != 0;

    /// <summary>
    /// Tokens that may be part of a name: those with a capital letter; a connector ("of", "de", "&amp;"), the possessive
    /// "'s" or a hyphen between two of them; a number after one ("Kessin 400"). Every other token is outside a name, so
    /// the tagger computes no features for it (speed) and training maps its gold label to O.
    /// </summary>
    private static void MarkCandidates(NerTokenInfo[] t)
    {
        for (int i = 0; i < t.Length; i++)
            t[i].Candidate = t[i].Case is CaseTitle or CaseUpper or CaseMixed;
        for (int i = 1; i < t.Length - 1; i++)
        {
            if (t[i].Candidate || !t[i - 1].Candidate)
                continue;
            bool link = t[i].Norm is "-" or "'s" or "'" || IsConnector(t[i].Norm);
            if (link && (t[i + 1].Candidate || i + 2 < t.Length && t[i + 2].Candidate && IsConnector(t[i + 1].Norm)))
            {
                t[i].Candidate = true;
                if (!t[i + 1].Candidate && IsConnector(t[i + 1].Norm))
                    t[++i].Candidate = true;
            }
            else if (t[i].Case == CaseDigit)
                t[i].Candidate = true;
        }
        if (t.Length > 1 && t[^1].Case == CaseDigit && t[^2].Candidate)
            t[^1].Candidate = true;
    }

    /// <summary>Longest gazetteer matches starting at capitalised tokens, one per kind: B bit on the first token, I on the rest.</summary>
    private static void MarkGazetteers(NerTokenInfo[] t)
    {
        var sb = new StringBuilder();
        Span<int> best = stackalloc int[NerGazetteerBits.Kinds];
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i].Case is not (CaseTitle or CaseUpper or CaseMixed))
                continue;
            best.Clear();
            sb.Clear();
            for (int n = 1; n <= MaxGazetteerTokens && i + n <= t.Length; n++)
            {
                var tok = t[i + n - 1];
                if (!tok.Candidate)
                    break;
                if (n > 1 && tok.Norm != "-" && t[i + n - 2].Norm != "-")
                    sb.Append(' ');
                sb.Append(tok.Norm);
                if (tok.Norm == "-" || (tok.Lexicon & NerLexiconBits.Connector) != 0 && n > 1)
                    continue;
                string key = sb.ToString();
                if (Lexicons.Countries.ContainsKey(key) || Lexicons.Countries.ContainsKey(key.Replace(".", "")))
                    best[NerGazetteerBits.Country] = n;
                if (Lexicons.Cities.TryGetValue(key, out int pop))
                    best[pop >= 1_000_000 ? NerGazetteerBits.CityLarge : pop >= 100_000 ? NerGazetteerBits.CityMedium : NerGazetteerBits.CitySmall] = n;
                if (Lexicons.UsStates.Contains(key))
                    best[NerGazetteerBits.UsState] = n;
                if (EntityRules.Regions.Contains(key))
                    best[NerGazetteerBits.Region] = n;
                if (Lexicons.KnownOrganizations.Contains(key) || Lexicons.KnownOrganizations.Contains("The " + key))
                    best[NerGazetteerBits.KnownOrg] = n;
                if (EntityRules.WireServices.Contains(key))
                    best[NerGazetteerBits.Wire] = n;
            }
            for (int k = 0; k < NerGazetteerBits.Kinds; k++)
                for (int j = 0; j < best[k]; j++)
                    t[i + j].Gazetteer |= NerGazetteerBits.Bit(k, j > 0);
        }
    }
}

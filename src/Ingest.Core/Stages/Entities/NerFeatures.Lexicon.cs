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

    /// <summary>
    /// The gazetteers as one table from a name (tokens joined as <see cref="MarkGazetteers"/> joins them) to the bits of
    /// its kinds (1 &lt;&lt; kind), and the token-boundary prefixes of every name, so that a match stops growing as soon as
    /// no longer name can start with it (one look-up per token instead of seven per n-gram, and no strings built).
    /// </summary>
    private sealed class GazetteerTable
    {
        public readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Kinds;
        public readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Countries;
        public readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Prefixes;

        public GazetteerTable()
        {
            var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
            var prefixes = new HashSet<string>(StringComparer.Ordinal);
            void Put(string name, int kind)
            {
                kinds[name] = kinds.GetValueOrDefault(name) | 1 << kind;
                // A longer name continues after a space, at a hyphen, or right after one.
                for (int k = 1; k < name.Length; k++)
                    if (name[k] is ' ' or '-' || name[k - 1] == '-')
                        prefixes.Add(name[..k]);
                prefixes.Add(name);
            }
            foreach (var c in Lexicons.Countries.Keys)
                Put(c, NerGazetteerBits.Country);
            foreach (var (city, pop) in Lexicons.Cities)
                Put(city, pop >= 1_000_000 ? NerGazetteerBits.CityLarge : pop >= 100_000 ? NerGazetteerBits.CityMedium : NerGazetteerBits.CitySmall);
            foreach (var s in Lexicons.UsStates)
                Put(s, NerGazetteerBits.UsState);
            foreach (var r in EntityRules.Regions)
                Put(r, NerGazetteerBits.Region);
            foreach (var o in Lexicons.KnownOrganizations)
            {
                Put(o, NerGazetteerBits.KnownOrg);
                // "The Harbor Times" is also known as "Harbor Times".
                if (o.StartsWith("The ", StringComparison.Ordinal))
                    Put(o[4..], NerGazetteerBits.KnownOrg);
            }
            foreach (var w in EntityRules.WireServices)
                Put(w, NerGazetteerBits.Wire);
            Kinds = kinds.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            Countries = Lexicons.Countries.Keys.ToFrozenDictionary(k => k, _ => 1 << NerGazetteerBits.Country, StringComparer.Ordinal)
                .GetAlternateLookup<ReadOnlySpan<char>>();
            Prefixes = prefixes.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    private static readonly Lazy<GazetteerTable> _gazetteers = new(() => new GazetteerTable());

    /// <summary>Longest gazetteer matches starting at capitalised tokens, one per kind: B bit on the first token, I on the rest.</summary>
    private static void MarkGazetteers(NerTokenInfo[] t)
    {
        var table = _gazetteers.Value;
        char[]? rented = null, stripped = null;
        Span<int> best = stackalloc int[NerGazetteerBits.Kinds];
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i].Case is not (CaseTitle or CaseUpper or CaseMixed))
                continue;
            best.Clear();
            int length = 0;
            for (int n = 1; n <= MaxGazetteerTokens && i + n <= t.Length; n++)
            {
                var tok = t[i + n - 1];
                if (!tok.Candidate)
                    break;
                bool space = n > 1 && tok.Norm != "-" && t[i + n - 2].Norm != "-";
                int need = length + (space ? 1 : 0) + tok.Norm.Length;
                if (rented is null || need > rented.Length)
                {
                    var larger = new char[Math.Max(need, 128)];
                    rented?.AsSpan(0, length).CopyTo(larger);
                    rented = larger;
                }
                if (space)
                    rented[length++] = ' ';
                tok.Norm.CopyTo(rented.AsSpan(length));
                length += tok.Norm.Length;
                var key = rented.AsSpan(0, length);
                // Countries are also matched without full stops ("U.S." → "US").
                bool dotted = key.Contains('.');
                Span<char> bare = default;
                if (dotted)
                {
                    if (stripped is null || stripped.Length < rented.Length)
                        stripped = new char[rented.Length];
                    int b = 0;
                    foreach (char c in key)
                        if (c != '.')
                            stripped[b++] = c;
                    bare = stripped.AsSpan(0, b);
                }
                if (!table.Prefixes.Contains(key) && !(dotted && table.Prefixes.Contains(bare)))
                    break;
                if (tok.Norm == "-" || (tok.Lexicon & NerLexiconBits.Connector) != 0 && n > 1)
                    continue;
                int kinds = table.Kinds.TryGetValue(key, out int k0) ? k0 : 0;
                if (dotted && table.Countries.TryGetValue(bare, out int k1))
                    kinds |= k1;
                for (int k = 0; kinds != 0 && k < NerGazetteerBits.Kinds; k++)
                    if ((kinds & (1 << k)) != 0)
                        best[k] = n;
            }
            for (int k = 0; k < NerGazetteerBits.Kinds; k++)
                for (int j = 0; j < best[k]; j++)
                    t[i + j].Gazetteer |= NerGazetteerBits.Bit(k, j > 0);
        }
    }
}

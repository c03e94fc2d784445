using System.Collections.Frozen;
using System.Text;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// What the tagger knows about one token before it looks at its neighbours: its normalised and lower-case forms, their
/// hashes, its shape and case class, the lexicon words it is (bits of <see cref="NerLexiconBits"/>), the gazetteer
/// names it is part of (bits of <see cref="NerGazetteerBits"/>), and whether it may be part of a name at all.
/// </summary>
internal struct NerTokenInfo
{
    public string Norm;
    public string Lower;
    public ulong HashLower;
    public ulong HashNorm;
    public ulong HashShape;
    public int Case;
    public int Lexicon;
    public int Gazetteer;
    /// <summary>May be part of a name: has a capital letter, or is a connector, number or hyphen next to one.</summary>
    public bool Candidate;
    /// <summary>Starts the sentence (only opening quote marks or brackets before it).</summary>
    public bool Initial;
}

/// <summary>Bits of <see cref="NerTokenInfo.Lexicon"/>: the word lists of <see cref="Lexicons"/> and <see cref="EntityRules"/> a token is in.</summary>
internal static class NerLexiconBits
{
    public const int FirstName = 1 << 0, Title = 1 << 1, OrgHead = 1 << 2, StrongOrg = 1 << 3, Demonym = 1 << 4,
        PlaceSuffix = 1 << 5, PlacePrefix = 1 << 6, Compass = 1 << 7, StopWord = 1 << 8, PersonNoun = 1 << 9,
        SpeechVerb = 1 << 10, LocationCue = 1 << 11, NotEntitySuffix = 1 << 12, EventPrefix = 1 << 13,
        Connector = 1 << 14, Abbreviation = 1 << 15, Pronoun = 1 << 16, SingleWordOrg = 1 << 17;

    /// <summary>The number of bits in use.</summary>
    public const int Count = 18;

    /// <summary>Bits that neighbours contribute (a title before, an organisation head after, "in" before, "said" after).</summary>
    public const int Neighbour = FirstName | Title | OrgHead | StrongOrg | Demonym | PlaceSuffix | PersonNoun | SpeechVerb
                                 | LocationCue | Connector | Pronoun | NotEntitySuffix;
}

/// <summary>Bits of <see cref="NerTokenInfo.Gazetteer"/>: a multi-word gazetteer match, first token (B) or later (I).</summary>
internal static class NerGazetteerBits
{
    /// <summary>Kinds: country, city of 1M+, 100k+, 15k+, US state, region, known organisation (agency, newspaper), wire service.</summary>
    public const int Kinds = 8;
    public const int Country = 0, CityLarge = 1, CityMedium = 2, CitySmall = 3, UsState = 4, Region = 5, KnownOrg = 6, Wire = 7;

    /// <summary>The bit for kind <paramref name="kind"/> at the first token (<paramref name="inside"/> false) or a later one.</summary>
    public static int Bit(int kind, bool inside) => 1 << (kind * 2 + (inside ? 1 : 0));
}

/// <summary>
/// Features of the tagger, hashed into the buckets of a weight table (feature hashing): the word and its neighbours
/// (±2, lower-cased), bigrams, shapes, prefixes and suffixes (1-4), case pattern, sentence position, lexicon and
/// gazetteer words of the token and its neighbours, document features (the word written in lower case elsewhere, or
/// capitalised mid-sentence elsewhere) and, in the second pass, the labels the first pass gave the same word elsewhere
/// in the document (Ratinov &amp; Roth 2009, "prediction history", over the whole document).
/// </summary>
internal static class NerFeatures
{
    /// <summary>Gazetteer names are matched up to this many tokens.</summary>
    private const int MaxGazetteerTokens = 6;

    /// <summary>Case classes of <see cref="NerTokenInfo.Case"/>.</summary>
    public const int CaseLower = 0, CaseTitle = 1, CaseUpper = 2, CaseMixed = 3, CaseDigit = 4, CasePunct = 5, CaseOther = 6;

    private const ulong Boundary = 0x5bd1e9955bd1e995UL;

    /// <summary>A 64-bit FNV-1a hash of <paramref name="s"/>: stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong Hash(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>Mixes two values into one feature key (a splitmix64 finaliser over a multiply-xor).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong h = (a + 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL ^ b;
        h ^= h >> 31;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 29;
        return h;
    }

    /// <summary>The token's form for features: curly quotes straightened ("’s" → "'s", “ → ").</summary>
    public static string Normalise(string t)
    {
        if (t.Length == 1)
            return t[0] switch { '“' or '”' or '„' or '«' or '»' => "\"", '‘' or '’' => "'", '—' or '–' => "--", _ => t };
        return t.Contains('’') ? t.Replace('’', '\'') : t;
    }

    /// <summary>Shape with runs collapsed: "Xx", "X.X.", "Xx-Xx", "d", "xXx".</summary>
    public static string Shape(string t)
    {
        var sb = new StringBuilder(Math.Min(t.Length, 12));
        char last = '\0';
        foreach (char c in t)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;
            if (k != last)
                sb.Append(k);
            last = k;
            if (sb.Length >= 12)
                break;
        }
        return sb.ToString();
    }

    /// <summary>The <see cref="Hash"/> of <see cref="Shape"/>, without building the string.</summary>
    public static ulong ShapeHash(string t)
    {
        Span<char> buffer = stackalloc char[12];
        int n = 0;
        char last = '\0';
        foreach (char c in t)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : c;
            if (k != last)
                buffer[n++] = k;
            last = k;
            if (n >= 12)
                break;
        }
        return Hash(buffer[..n]);
    }

    public static int CaseOf(string t)
    {
        bool upper = false, lower = false, digit = false, letter = false;
        foreach (char c in t)
        {
            if (char.IsUpper(c)) upper = letter = true;
            else if (char.IsLower(c)) lower = letter = true;
            else if (char.IsLetter(c)) letter = true;
            else if (char.IsDigit(c)) digit = true;
        }
        if (!letter)
            return digit ? CaseDigit : t.All(c => char.IsPunctuation(c) || char.IsSymbol(c)) ? CasePunct : CaseOther;
        if (!upper)
            return CaseLower;
        if (char.IsUpper(t[0]) && !lower)
            return t.Length > 1 ? CaseUpper : CaseTitle;
        if (char.IsUpper(t[0]) && t.Skip(1).All(c => !char.IsUpper(c)))
            return CaseTitle;
        return CaseMixed;
    }

    private static bool HasUpper(string t)
    {
        foreach (char c in t)
            if (char.IsUpper(c))
                return true;
        return false;
    }

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

    // Template ids: each feature is Mix(template, value).
    private const ulong TBias = 1, TWord = 2, TNorm = 3, TWordM1 = 4, TWordP1 = 5, TWordM2 = 6, TWordP2 = 7, TBigramL = 8,
        TBigramR = 9, TShape = 10, TShapeM1 = 11, TShapeP1 = 12, TShape3 = 13, TPrefix = 14, TSuffix = 15, TInitial = 16,
        TInitialWord = 17, TCase = 18, TCase3 = 19, TLength = 20, TLexicon = 21, TLexiconN = 22, TLexiconNCase = 23,
        TGazetteer = 24, TGazetteerN = 25, TLowerElsewhere = 26, TMidCapElsewhere = 27, THistory = 28, THistoryMajor = 29,
        THistoryN = 30, THistoryInitial = 31, TNormM1 = 32, TFirstNameNextCap = 33, TRule = 34, TRuleM1 = 35, TRuleP1 = 36,
        TRule3 = 37, TRuleCase = 38;

    /// <summary>What the second pass knows: per lower-case form, how often the first pass gave each label in the document.</summary>
    public sealed class History
    {
        private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);

        /// <summary>Records that the first pass labelled a token of form <paramref name="lower"/> with <paramref name="label"/>.</summary>
        public void Add(string lower, int label)
        {
            if (!_counts.TryGetValue(lower, out var c))
                _counts[lower] = c = new int[NerLabels.Count];
            c[label]++;
        }

        /// <summary>The label counts of <paramref name="lower"/>, or null when no candidate token has that form.</summary>
        public int[]? Of(string lower) => _counts.GetValueOrDefault(lower);
    }

    /// <summary>
    /// Appends the bucket indices of the features of token <paramref name="i"/> of <paramref name="t"/> to
    /// <paramref name="buckets"/>. <paramref name="history"/> (second pass only) holds the first pass's labels in the
    /// document and <paramref name="ownLabels"/> the first pass's labels of this sentence (a token's own label is not
    /// evidence about itself); <paramref name="rules"/> the rule cascade's codes of the sentence (<see cref="NerRules"/>)
    /// when the model uses them.
    /// </summary>
    public static void Extract(NerTokenInfo[] t, int i, HashSet<string> lowerCase, HashSet<string> midCapitalised, History? history,
        int[]? ownLabels, int[]? rules, int mask, List<int> buckets)
    {
        ExtractBase(t, i, lowerCase, midCapitalised, rules, mask, buckets);
        if (history is not null)
            ExtractHistory(t, i, history, ownLabels, mask, buckets);
    }

    /// <summary>The features of token <paramref name="i"/> that both passes use (see <see cref="Extract"/>).</summary>
    public static void ExtractBase(NerTokenInfo[] t, int i, HashSet<string> lowerCase, HashSet<string> midCapitalised, int[]? rules,
        int mask, List<int> buckets)
    {
        void F(ulong template, ulong value) => buckets.Add((int)(Mix(template, value) & (uint)mask));
        ulong W(int k) => k < 0 || k >= t.Length ? Boundary + (ulong)(k < 0 ? 0 : 1) : t[k].HashLower;
        ulong S(int k) => k < 0 || k >= t.Length ? Boundary + (ulong)(k < 0 ? 0 : 1) : t[k].HashShape;
        ulong C(int k) => k < 0 || k >= t.Length ? 9UL : (ulong)t[k].Case;
        ref readonly var x = ref t[i];

        F(TBias, 0);
        F(TWord, x.HashLower);
        F(TNorm, x.HashNorm);
        F(TWordM1, W(i - 1));
        F(TWordP1, W(i + 1));
        F(TWordM2, W(i - 2));
        F(TWordP2, W(i + 2));
        F(TBigramL, Mix(W(i - 1), x.HashLower));
        F(TBigramR, Mix(x.HashLower, W(i + 1)));
        F(TNormM1, i > 0 ? t[i - 1].HashNorm : Boundary);
        F(TShape, x.HashShape);
        F(TShapeM1, S(i - 1));
        F(TShapeP1, S(i + 1));
        F(TShape3, Mix(Mix(S(i - 1), x.HashShape), S(i + 1)));
        var lower = x.Lower.AsSpan();
        for (int n = 1; n <= 4 && n < lower.Length; n++)
        {
            F(TPrefix, Mix((ulong)n, Hash(lower[..n])));
            F(TSuffix, Mix((ulong)n, Hash(lower[^n..])));
        }
        F(TInitial, (x.Initial ? 16UL : 0UL) + (ulong)x.Case);
        if (x.Initial)
            F(TInitialWord, x.HashLower);
        F(TCase, (ulong)x.Case);
        F(TCase3, C(i - 1) * 100 + C(i) * 10 + C(i + 1));
        F(TLength, (ulong)Math.Min(x.Norm.Length, 12));
        for (int b = 0; b < NerLexiconBits.Count; b++)
            if ((x.Lexicon & (1 << b)) != 0)
                F(TLexicon, (ulong)b);
        for (int k = -2; k <= 2; k++)
        {
            int j = i + k;
            if (k == 0 || j < 0 || j >= t.Length)
                continue;
            int bits = t[j].Lexicon & NerLexiconBits.Neighbour;
            for (int b = 0; bits != 0 && b < NerLexiconBits.Count; b++)
                if ((bits & (1 << b)) != 0)
                {
                    F(TLexiconN, (ulong)((k + 2) * 64 + b));
                    F(TLexiconNCase, (ulong)((k + 2) * 64 + b) * 16 + (ulong)x.Case);
                }
            if (k is -1 or 1)
                for (int g = 0; g < NerGazetteerBits.Kinds * 2; g++)
                    if ((t[j].Gazetteer & (1 << g)) != 0)
                        F(TGazetteerN, (ulong)((k + 2) * 64 + g));
        }
        if ((x.Lexicon & NerLexiconBits.FirstName) != 0 && i + 1 < t.Length)
            F(TFirstNameNextCap, (ulong)t[i + 1].Case);
        for (int g = 0; g < NerGazetteerBits.Kinds * 2; g++)
            if ((x.Gazetteer & (1 << g)) != 0)
                F(TGazetteer, (ulong)g);
        bool lowElsewhere = x.Case != CaseLower && lowerCase.Contains(x.Lower);
        if (lowElsewhere)
            F(TLowerElsewhere, x.Initial ? 1UL : 0UL);
        if (midCapitalised.Contains(x.Lower))
            F(TMidCapElsewhere, (x.Initial ? 2UL : 0UL) + (lowElsewhere ? 1UL : 0UL));
        if (rules is not null)
        {
            ulong R(int k) => k < 0 || k >= t.Length ? NerRules.Codes : (ulong)rules[k];
            F(TRule, R(i));
            F(TRuleM1, R(i - 1));
            F(TRuleP1, R(i + 1));
            F(TRule3, (R(i - 1) * 16 + R(i)) * 16 + R(i + 1));
            F(TRuleCase, R(i) * 16 + (ulong)x.Case + (x.Initial ? 8UL : 0UL));
        }
    }

    /// <summary>The second pass's own features of token <paramref name="i"/> (see <see cref="Extract"/>).</summary>
    public static void ExtractHistory(NerTokenInfo[] t, int i, History history, int[]? ownLabels, int mask, List<int> buckets)
    {
        void F(ulong template, ulong value) => buckets.Add((int)(Mix(template, value) & (uint)mask));
        ref readonly var x = ref t[i];
        int major = HistoryMajor(history, x.Lower, ownLabels?[i] ?? -1, out var counts);
        if (counts is not null)
        {
            for (int l = 0; l < NerLabels.Count; l++)
                if (counts[l] - (ownLabels?[i] == l ? 1 : 0) > 0)
                    F(THistory, (ulong)l);
            F(THistoryMajor, (ulong)major);
            if (x.Initial)
                F(THistoryInitial, (ulong)major);
        }
        for (int k = -1; k <= 1; k += 2)
        {
            int j = i + k;
            if (j < 0 || j >= t.Length || !t[j].Candidate)
                continue;
            int m = HistoryMajor(history, t[j].Lower, ownLabels?[j] ?? -1, out _);
            F(THistoryN, (ulong)((k + 1) * 16 + m + 1));
        }
    }

    /// <summary>Appends a domain's own copy of the buckets from <paramref name="from"/> on (see <see cref="NerDocument.Domain"/>).</summary>
    public static void Augment(List<int> buckets, int from, int domain, int mask)
    {
        for (int f = from, end = buckets.Count; f < end; f++)
            buckets.Add((int)(Mix((ulong)buckets[f], (ulong)domain) & (uint)mask));
    }

    /// <summary>The label the first pass gave most often to <paramref name="lower"/> elsewhere, or -1 when none.</summary>
    private static int HistoryMajor(History history, string lower, int own, out int[]? counts)
    {
        counts = history.Of(lower);
        if (counts is null)
            return -1;
        int best = -1, bestCount = 0;
        // Entity labels win ties and beat O unless O is more than twice as frequent: one confident name is evidence.
        for (int l = 1; l < NerLabels.Count; l++)
        {
            int c = counts[l] - (own == l ? 1 : 0);
            if (c > bestCount)
            {
                best = l;
                bestCount = c;
            }
        }
        int o = counts[0] - (own == 0 ? 1 : 0);
        if (best < 0 && o > 0 || o > 2 * bestCount && bestCount > 0)
            return 0;
        return best;
    }
}

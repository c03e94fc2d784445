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
internal static partial class NerFeatures
{
    /// <summary>Gazetteer names are matched up to this many tokens.</summary>
    private const int MaxGazetteerTokens = 6;

    /// <summary>Case classes of <see cref="NerTokenInfo.Case"/>.</summary>
    public const int CaseLower = 0, CaseTitle = 1, CaseUpper = 2, CaseMixed = 3, CaseDigit = 4, CasePunct = 5, CaseOther = 6;

    private const ulong Boundary = 0x5bd1e9955bd1e995UL;

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

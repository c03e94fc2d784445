using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages.Boilerplate;

/// <summary>What the line classifier knows about one block before it looks at its neighbours.</summary>
internal readonly record struct LineInfo(
    int Words, int WordsBucket, bool EndsSentence, bool Prose, bool Navigation, bool Label, string? Rule, int CapBucket,
    int StopBucket, int DigitBucket, int PunctBucket, int Repeats, char Last);

/// <summary>
/// Features of the line classifier (<see cref="LineModel"/>), hashed into the buckets of a weight table: the block's
/// length, final punctuation, capitalisation, digits, punctuation and stop-word shares (bucketed); link-like shapes (URLs,
/// e-mail, handles, separators, ©); its words when it is short and its first and last words always (lower case, so
/// widget words such as "share", "lesedauer" or "comments" are learnt, not listed); the existing rule decisions
/// (<see cref="BoilerplateStage.Classify"/>, navigation, label, byline, date line, list item, gap menu); how often the
/// line recurs in the file; its position (block index from either end, share of the file's words before it, prose blocks
/// before and after it); and the same shape features of the two blocks on each side, with the words and prose count
/// of the blocks within three; the share of sentence ends and of trailing ellipses among the blocks within five, and the
/// block with its two neighbours as title-like, prose or other; the first words of the nearest title-like line above it. The second pass adds the first pass's scores of the block
/// and its neighbours, the body runs they form (rank, share, size, share of title-like lines) and the blocks read as chrome
/// between the block and the main run.
/// </summary>
internal static partial class LineFeatures
{
    /// <summary>The bias feature's template (value 0) and the prose feature's (value 1 for prose); tests build models from them.</summary>
    internal const ulong TBias = 1, TProse = 38;

    // Template ids: each feature is Mix(template, value).
    private const ulong TWords = 2, TEnd = 3, TWordsEnd = 4, TCap = 5, TWordsCap = 6, TStop = 7, TWordsStop = 8,
        TDigit = 9, TPunct = 10, TShape = 11, TWord = 12, TFirst = 13, TFirst2 = 14, TLast = 15, TRule = 16, TNav = 17,
        TLabel = 18, TByline = 19, TDate = 20, TList = 21, TGap = 22, TRepeat = 23, TFromStart = 24, TFromEnd = 25,
        TWordShare = 26, TProseBefore = 27, TProseAfter = 28, TNeighbour = 29, TNeighbourRule = 30, TWindowWords = 31,
        TWindowProse = 32, TBetween = 33, TPass = 34, TPassN = 35, TPassWindow = 36, TLastChar = 37,
        TRepeatWords = 39, TKind = 40, THeading = 41, TRunRank = 42, TRunShare = 43, TMainSide = 44, TMainDistance = 45,
        TEndWindow = 46, TTrail = 47, TTrio = 48, TRunTitles = 49, TRunBlocks = 50, TBarrier = 51, TSection = 52;

    /// <summary>A short line lists all its words as features; longer ones only their first and last.</summary>
    private const int MaxWordsListed = 8;

    /// <summary>How far back (blocks) the section feature looks for the title-like line a block sits under.</summary>
    private const int SectionLookBack = 6;

    /// <summary>How far (blocks) the window features look on each side.</summary>
    private const int Window = 3;

    /// <summary>The per-block facts of <paramref name="blocks"/>.</summary>
    public static LineInfo[] Describe(IReadOnlyList<Block> blocks)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in blocks)
        {
            string key = TextNormalizer.Key(b.Text);
            keys[key] = keys.GetValueOrDefault(key) + 1;
        }
        var infos = new LineInfo[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            string t = b.Text;
            int words = EffectiveWords(t);
            int letters = 0, upperInitial = 0, digits = 0, punct = 0, stop = 0, tokens = 0;
            foreach (var w in t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string core = w.Trim(TrimChars);
                if (core.Length == 0)
                    continue;
                tokens++;
                if (char.IsUpper(core[0]))
                    upperInitial++;
                if (LanguageDetector.IsStopWord(core.ToLowerInvariant()))
                    stop++;
            }
            foreach (char c in t)
            {
                if (char.IsLetter(c))
                    letters++;
                else if (char.IsDigit(c))
                    digits++;
                else if (char.IsPunctuation(c) || char.IsSymbol(c))
                    punct++;
            }
            string trimmed = t.TrimEnd();
            infos[i] = new LineInfo(
                words, WordsBucket(words), EndsSentence(t), IsProse(t, words), BlockShape.IsNavigation(t),
                BlockShape.IsLabel(t), BoilerplateStage.Classify(b), Share(upperInitial, tokens), Share(stop, tokens),
                Share(digits, letters + digits), Math.Min(4, punct * 2 / Math.Max(1, words)), keys[TextNormalizer.Key(t)],
                trimmed.Length == 0 ? ' ' : LastClass(trimmed[^1]));
        }
        return infos;
    }

    /// <summary>
    /// Words for length features: whitespace-separated words, plus one per two CJK characters (Chinese and Japanese write
    /// no spaces, so a paragraph would otherwise count as one word).
    /// </summary>
    internal static int EffectiveWords(string text)
    {
        int cjk = 0;
        foreach (char c in text)
            if (c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF')
                cjk++;
        return BoilerplateStage.WordCount(text) + cjk / 2;
    }

    /// <summary>Sentence end as <see cref="BoilerplateStage.EndsSentence"/>, or a CJK full stop, exclamation or question mark.</summary>
    private static bool EndsSentence(string text) =>
        BoilerplateStage.EndsSentence(text) || text.TrimEnd().TrimEnd('」', '』', '）', '"', '”') is [.., '。' or '！' or '？'];

    /// <summary>Prose as <see cref="BlockShape.IsProse"/>, with words counted as <see cref="EffectiveWords"/> (CJK aware) and
    /// CJK sentence ends: what the classifier's path of the boilerplate stage anchors the body span on.</summary>
    internal static bool IsProseText(string text) => IsProse(text, EffectiveWords(text));

    private static bool IsProse(string text, int words) =>
        words >= BlockShape.LongProseWords || words >= BlockShape.ProseMinWords && EndsSentence(text);

    private static readonly char[] TrimChars = ['.', ',', ';', ':', '"', '“', '”', '„', '«', '»', '(', ')', '!', '?', '\'', '‘', '’', '[', ']', '*'];

    /// <summary>0 when there are no items, else 1-5 for shares up to 0.2, 0.4, 0.6, 0.8, 1.</summary>
    private static int Share(int part, int all) => all == 0 ? 0 : 1 + Math.Min(4, part * 5 / all);

    private static int WordsBucket(int words) => words switch
    {
        <= 3 => words,
        <= 5 => 4,
        <= 8 => 5,
        <= 12 => 6,
        <= 20 => 7,
        <= 35 => 8,
        <= 60 => 9,
        _ => 10,
    };

    private static int CountBucket(int n) => n switch { <= 2 => n, <= 5 => 3, <= 10 => 4, _ => 5 };

    private static char LastClass(char c) => char.IsLetter(c) ? 'a' : char.IsDigit(c) ? '0' : c;

    /// <summary>
    /// Appends the hashed buckets of block <paramref name="i"/>'s features to <paramref name="features"/>.
    /// <paramref name="second"/> holds the first pass's reading of the page (second pass), or null.
    /// </summary>
    public static void Extract(IReadOnlyList<Block> blocks, LineInfo[] infos, int[] proseBefore, int i, SecondPass? second,
        int mask, List<int> features)
    {
        var x = infos[i];
        var b = blocks[i];
        string t = b.Text;
        int n = blocks.Count;
        void Add(ulong template, ulong value) => features.Add(Bucket(template, value, mask));
        void AddS(ulong template, string value) => Add(template, NerFeatures.Hash(value));

        Add(TBias, 0);
        Add(TWords, (ulong)x.WordsBucket);
        Add(TEnd, x.EndsSentence ? 1UL : 0);
        Add(TLastChar, x.Last);
        Add(TWordsEnd, (ulong)(x.WordsBucket * 2 + (x.EndsSentence ? 1 : 0)));
        Add(TProse, x.Prose ? 1UL : 0);
        Add(TCap, (ulong)x.CapBucket);
        Add(TWordsCap, (ulong)(x.WordsBucket * 8 + x.CapBucket));
        Add(TStop, (ulong)x.StopBucket);
        Add(TWordsStop, (ulong)(x.WordsBucket * 8 + x.StopBucket));
        Add(TDigit, (ulong)x.DigitBucket);
        Add(TPunct, (ulong)x.PunctBucket);
        Add(TKind, (ulong)b.Kind);
        if (b.Kind == BlockKind.Heading)
            Add(THeading, (ulong)b.Level);
        foreach (var shape in Shapes(t))
            AddS(TShape, shape);

        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(TrimChars).ToLowerInvariant()).Where(w => w.Length > 0).ToArray();
        if (words.Length > 0)
        {
            AddS(TFirst, words[0]);
            AddS(TLast, words[^1]);
            if (words.Length > 1)
                AddS(TFirst2, words[0] + " " + words[1]);
            if (words.Length <= MaxWordsListed)
                foreach (var w in words)
                    AddS(TWord, w);
        }

        if (x.Rule is { } rule)
            AddS(TRule, rule);
        if (x.Navigation)
            Add(TNav, 1);
        if (x.Label)
            Add(TLabel, 1);
        if (BlockShape.BylineMatch(t).Success && x.Words <= 20)
            Add(TByline, 1);
        if (BlockShape.IsDateLine(t))
            Add(TDate, 1);
        if (b.Kind == BlockKind.ListItem)
            Add(TList, 1);
        if (b.GapSeparatedItems > 0)
            Add(TGap, (ulong)CountBucket(b.GapSeparatedItems));
        Add(TRepeat, (ulong)CountBucket(x.Repeats));
        Add(TRepeatWords, (ulong)(CountBucket(x.Repeats) * 16 + x.WordsBucket));

        // Position: index from either end, share of the file's prose before, prose blocks before and after.
        Add(TFromStart, (ulong)CountBucket(i));
        Add(TFromEnd, (ulong)CountBucket(n - 1 - i));
        int proseAll = proseBefore[n];
        Add(TWordShare, proseAll == 0 ? 99UL : (ulong)(proseBefore[i] * 10 / proseAll));
        Add(TProseBefore, (ulong)CountBucket(proseBefore[i]));
        int after = proseAll - proseBefore[i + 1];
        Add(TProseAfter, (ulong)CountBucket(after));
        Add(TBetween, (ulong)((proseBefore[i] > 0 ? 2 : 0) + (after > 0 ? 1 : 0)) * 16 + (ulong)x.WordsBucket);

        // Neighbours: shape of the two blocks on each side.
        for (int d = -2; d <= 2; d++)
        {
            if (d == 0)
                continue;
            int j = i + d;
            ulong side = (ulong)(d + 2);
            if (j < 0 || j >= n)
            {
                Add(TNeighbour, side * 1000 + 999);
                continue;
            }
            var y = infos[j];
            Add(TNeighbour, side * 1000 + (ulong)(y.WordsBucket * 2 + (y.EndsSentence ? 1 : 0)));
            Add(TNeighbour, side * 1000 + 100 + (ulong)(y.Prose ? 1 : 0) + (ulong)(x.Prose ? 2 : 0));
            Add(TNeighbour, side * 1000 + 200 + (ulong)(y.Navigation ? 1 : 0) + (ulong)(y.Label ? 2 : 0));
            Add(TNeighbour, side * 1000 + 300 + (ulong)CountBucket(y.Repeats));
            if (y.Rule is { } r)
                Add(TNeighbourRule, NerFeatures.Mix(side, NerFeatures.Hash(r)));
        }
        int windowWords = 0, windowProse = 0;
        for (int j = Math.Max(0, i - Window); j <= Math.Min(n - 1, i + Window); j++)
        {
            if (j == i)
                continue;
            windowWords += infos[j].Words;
            if (infos[j].Prose)
                windowProse++;
        }
        Add(TWindowWords, (ulong)WordsBucket(windowWords / (2 * Window)));
        Add(TWindowProse, (ulong)(windowProse * 16 + x.WordsBucket));

        // Sentence ends and trailing ellipses (teasers cut short) among the blocks within five.
        int ends = 0, trails = 0, near = 0;
        for (int j = Math.Max(0, i - 5); j <= Math.Min(n - 1, i + 5); j++)
        {
            if (j == i)
                continue;
            near++;
            if (infos[j].EndsSentence)
                ends++;
            if (Trails(blocks[j].Text))
                trails++;
        }
        Add(TEndWindow, (ulong)(Share(ends, near) * 16 + x.WordsBucket));
        Add(TTrail, (ulong)((Trails(t) ? 8 : 0) + Math.Min(7, trails)));
        // The section it sits in: the first words of the nearest title-like block above ("about …", "related", "deals").
        for (int j = i - 1; j >= Math.Max(0, i - SectionLookBack); j--)
        {
            if (Form(infos, j) != 1)
                continue;
            var head = blocks[j].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim(TrimChars).ToLowerInvariant()).Where(w => w.Length > 0).Take(2).ToArray();
            if (head.Length > 0)
            {
                ulong form = (ulong)Form(infos, i);
                AddS(TSection, form + "|" + head[0]);
                if (head.Length > 1)
                    AddS(TSection, form + "|" + head[0] + " " + head[1]);
            }
            break;
        }
        // The block with its two neighbours as title-like, prose or other: a paragraph between two headlines is a teaser.
        Add(TTrio, (ulong)(Form(infos, i - 1) * 16 + Form(infos, i) * 4 + Form(infos, i + 1)));

        if (second is not null)
            ExtractPass(infos, i, second, mask, features);
    }

    /// <summary>
    /// Appends the second pass's own features of block <paramref name="i"/> (the first pass's scores around it and the runs
    /// they form) to <paramref name="features"/>; <see cref="Extract"/> is the base features and these. The base features do
    /// not depend on the pass, so a scorer computes them once per block and adds these for the second pass.
    /// </summary>
    public static void ExtractPass(LineInfo[] infos, int i, SecondPass second, int mask, List<int> features)
    {
        var firstPass = second.Scores;
        var x = infos[i];
        int n = infos.Length;
        void Add(ulong template, ulong value) => features.Add(Bucket(template, value, mask));
        {
            Add(TPass, (ulong)ScoreBucket(firstPass[i]));
            for (int d = -2; d <= 2; d++)
            {
                int j = i + d;
                if (d != 0)
                    Add(TPassN, (ulong)(d + 2) * 100 + (ulong)(j < 0 || j >= n ? 99 : ScoreBucket(firstPass[j])));
            }
            foreach (int w in (int[])[3, 8])
            {
                double before = Mean(firstPass, i - w, i - 1), afterMean = Mean(firstPass, i + 1, i + w);
                Add(TPassWindow, (ulong)w * 10000 + (ulong)(ScoreBucket(before) * 100 + ScoreBucket(afterMean)));
                Add(TPassWindow, (ulong)w * 10000 + 5000 + (ulong)(ScoreBucket(firstPass[i]) * 100 + ScoreBucket(Math.Max(before, afterMean))));
            }
            ulong own = (ulong)ScoreBucket(firstPass[i]) * 1000;
            Add(TRunRank, own + (ulong)Math.Min(3, second!.RunRank[i]));
            Add(TRunShare, own + (ulong)second.RunShare[i]);
            Add(TMainSide, own + (ulong)second.MainSide[i] * 16 + (ulong)x.WordsBucket);
            Add(TMainDistance, own + (ulong)second.MainSide[i] * 16 + (ulong)CountBucket(second.MainDistance[i]));
            ulong rank = (ulong)Math.Min(3, second.RunRank[i]) * 100;
            Add(TRunTitles, own + rank + (ulong)second.RunTitles[i]);
            Add(TRunBlocks, own + rank + (ulong)CountBucket(second.RunBlocks[i]));
            Add(TBarrier, own + (ulong)second.MainSide[i] * 16 + (ulong)CountBucket(second.Barrier[i]));
        }
    }

    /// <summary>
    /// What the second pass knows about the first pass's reading of the page: the scores, and the runs of body they form
    /// (blocks scored 0.5 or more, runs broken by <see cref="RunGap"/> or more blocks below): per block its run's rank by
    /// body words (1 the main run, 0 outside any run), the run's share of the page's body words in tenths, which side of
    /// the main run it lies on (0 inside, 1 before, 2 after, 3 no run) and how many blocks away.
    /// </summary>
    internal sealed class SecondPass
    {
        /// <summary>Blocks below 0.5 in a row that end a run.</summary>
        public const int RunGap = 3;

        public required double[] Scores { get; init; }
        public required int[] RunRank { get; init; }
        public required int[] RunShare { get; init; }
        public required int[] MainSide { get; init; }
        public required int[] MainDistance { get; init; }
        /// <summary>Per block, the share of its run's blocks that are title-like (<see cref="Form"/> 1), as <see cref="Share"/>; 0 outside a run.</summary>
        public required int[] RunTitles { get; init; }
        /// <summary>Per block, the number of blocks in its run; 0 outside a run.</summary>
        public required int[] RunBlocks { get; init; }
        /// <summary>Per block outside the main run, the blocks scored below 0.2 between it and the main run.</summary>
        public required int[] Barrier { get; init; }

        public static SecondPass From(double[] scores, LineInfo[] infos)
        {
            int n = scores.Length;
            var run = new int[n];
            Array.Fill(run, -1);
            var mass = new List<double>();
            var spans = new List<(int Start, int End)>();
            int i = 0;
            while (i < n)
            {
                if (scores[i] < 0.5)
                {
                    i++;
                    continue;
                }
                int start = i, last = i, gap = 0;
                double m = 0;
                for (int j = i; j < n; j++)
                {
                    if (scores[j] >= 0.5)
                    {
                        last = j;
                        gap = 0;
                        m += scores[j] * infos[j].Words;
                    }
                    else if (++gap >= RunGap)
                        break;
                }
                for (int j = start; j <= last; j++)
                    run[j] = spans.Count;
                spans.Add((start, last));
                mass.Add(m);
                i = last + 1;
            }
            var rank = Enumerable.Range(0, spans.Count).OrderByDescending(r => mass[r]).ThenBy(r => r).ToArray();
            var rankOf = new int[spans.Count];
            for (int r = 0; r < rank.Length; r++)
                rankOf[rank[r]] = r + 1;
            double total = mass.Sum();
            var p = new SecondPass
            {
                Scores = scores, RunRank = new int[n], RunShare = new int[n], MainSide = new int[n], MainDistance = new int[n],
                RunTitles = new int[n], RunBlocks = new int[n], Barrier = new int[n],
            };
            var titles = spans.Select(sp =>
            {
                int c = 0;
                for (int j = sp.Start; j <= sp.End; j++)
                    if (Form(infos, j) == 1)
                        c++;
                return Share(c, sp.End - sp.Start + 1);
            }).ToArray();
            for (int k = 0; k < n; k++)
            {
                if (run[k] >= 0)
                {
                    p.RunRank[k] = rankOf[run[k]];
                    p.RunShare[k] = total > 0 ? (int)(mass[run[k]] * 10 / total) : 0;
                    p.RunTitles[k] = titles[run[k]];
                    p.RunBlocks[k] = spans[run[k]].End - spans[run[k]].Start + 1;
                }
                if (spans.Count == 0)
                {
                    p.MainSide[k] = 3;
                    continue;
                }
                var (ms, me) = spans[rank[0]];
                p.MainSide[k] = k < ms ? 1 : k > me ? 2 : 0;
                p.MainDistance[k] = k < ms ? ms - k : k > me ? k - me : 0;
                int barrier = 0;
                for (int j = k < ms ? k + 1 : me + 1; j < (k < ms ? ms : k); j++)
                    if (scores[j] < 0.2)
                        barrier++;
                p.Barrier[k] = k >= ms && k <= me ? 0 : barrier;
            }
            return p;
        }
    }

    /// <summary>A block's form for the context features: 0 none (outside the page), 1 title-like (at most 15 words, no
    /// sentence end), 2 prose, 3 other.</summary>
    private static int Form(LineInfo[] infos, int i) =>
        i < 0 || i >= infos.Length ? 0 : infos[i].Prose ? 2 : infos[i].Words <= 15 && !infos[i].EndsSentence ? 1 : 3;

    /// <summary>Whether a block ends in an ellipsis (a teaser or a headline cut short).</summary>
    private static bool Trails(string text)
    {
        var t = text.AsSpan().TrimEnd();
        return t.EndsWith("...", StringComparison.Ordinal) || t.EndsWith("…", StringComparison.Ordinal);
    }

    /// <summary>The weight bucket of feature (<paramref name="template"/>, <paramref name="value"/>).</summary>
    internal static int Bucket(ulong template, ulong value, int mask) => (int)(NerFeatures.Mix(template, value) & (ulong)mask);

    /// <summary>Prefix sums of prose blocks: element i is the number of prose blocks before block i (length n + 1).</summary>
    public static int[] ProseBefore(LineInfo[] infos)
    {
        var p = new int[infos.Length + 1];
        for (int i = 0; i < infos.Length; i++)
            p[i + 1] = p[i] + (infos[i].Prose ? 1 : 0);
        return p;
    }

    private static double Mean(double[] p, int from, int to)
    {
        from = Math.Max(0, from);
        to = Math.Min(p.Length - 1, to);
        if (from > to)
            return -1;
        double s = 0;
        for (int j = from; j <= to; j++)
            s += p[j];
        return s / (to - from + 1);
    }

    /// <summary>0 for no score, else 1-10 by tenths of the probability.</summary>
    private static int ScoreBucket(double p) => p < 0 ? 0 : 1 + Math.Min(9, (int)(p * 10));

    private static IEnumerable<string> Shapes(string t)
    {
        if (Url().IsMatch(t))
            yield return "url";
        if (Email().IsMatch(t))
            yield return "email";
        if (Handle().IsMatch(t))
            yield return "handle";
        if (t.Contains('©') || t.Contains("(c)", StringComparison.OrdinalIgnoreCase))
            yield return "copyright";
        if (Separator().Count(t) is var s and > 0)
            yield return "sep" + Math.Min(s, 3);
        if (Year().IsMatch(t))
            yield return "year";
        if (Time().IsMatch(t))
            yield return "time";
        if (t.Length > 0 && t[0] is '“' or '"' or '„' or '«' or '‘')
            yield return "quote-start";
        if (t.Any(char.IsLetter) && !t.Any(char.IsLower))
            yield return "caps";
        if (t.EndsWith(':'))
            yield return "colon";
        if (t.StartsWith('(') || t.StartsWith('['))
            yield return "bracket";
        if (t.Length > 0 && char.IsDigit(t[0]))
            yield return "digit-start";
        if (t.Length > 0 && char.IsLower(t[0]))
            yield return "lower-start";
    }

    [GeneratedRegex(@"https?://|www\.|\.(?:com|org|net|html?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
    [GeneratedRegex(@"\S@\S+\.\w")]
    private static partial Regex Email();
    [GeneratedRegex(@"(?:^|\s)[@#]\w")]
    private static partial Regex Handle();
    [GeneratedRegex(@"\s[|·•›»/]\s")]
    private static partial Regex Separator();
    [GeneratedRegex(@"\b(?:19|20)\d\d\b")]
    private static partial Regex Year();
    [GeneratedRegex(@"\b\d{1,2}:\d\d\b")]
    private static partial Regex Time();
}

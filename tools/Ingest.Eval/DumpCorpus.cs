using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Stages;

namespace Ingest.Eval;

/// <summary>One benchmark page as a text dump: its rendering, the blocks the segment stage cuts from it, and labels.</summary>
/// <param name="Id">The page id (file name without <c>.html</c>).</param>
/// <param name="Host">The host of the page URL (the split is by host, so that a site's pages stay in one split).</param>
/// <param name="Gold">The gold article body.</param>
/// <param name="Dump">The rendered text dump.</param>
/// <param name="Blocks">The dump's blocks (<see cref="SegmentStage"/>'s text segmentation).</param>
/// <param name="Labels">Per block: body, chrome, or null when the overlap is ambiguous (see <see cref="DumpCorpus.Label"/>).</param>
internal sealed record DumpPage(string Id, string Host, string Gold, string Dump, IReadOnlyList<Block> Blocks, IReadOnlyList<bool?> Labels);

/// <summary>
/// The Zyte article-extraction benchmark (<c>shared/corpus/article-extraction-benchmark</c>: <c>html/&lt;id&gt;.html</c>
/// and <c>ground-truth.json</c>) as labelled text dumps: each page rendered by <see cref="DumpRenderer"/> in the style
/// its id picks, segmented like a <c>.txt</c> upload, and each block labelled by its overlap with the gold body. Split by
/// the URL host's hash (train 60%, dev 20%, test 20%).
/// </summary>
internal static partial class DumpCorpus
{
    public const string DefaultRoot = "/work/shared/corpus/article-extraction-benchmark";

    /// <summary>The split of a page: <c>train</c>, <c>dev</c> or <c>test</c>, by the hash of its URL host.</summary>
    public static string SplitOf(string host) => (Text.StableHash(host) % 10) switch { < 6 => "train", < 8 => "dev", _ => "test" };

    /// <summary>Reads, renders and labels the pages of <paramref name="split"/> (<c>train</c>, <c>dev</c>, <c>test</c>), in id order.</summary>
    /// <param name="root">The benchmark folder.</param>
    /// <param name="split"><c>train</c>, <c>dev</c> or <c>test</c>.</param>
    /// <param name="allStyles">Render each page in every <see cref="DumpStyle"/> (training data), not only its own.</param>
    public static List<DumpPage> Load(string root, string split, bool allStyles = false)
    {
        using var gt = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "ground-truth.json")));
        var pages = new List<DumpPage>();
        foreach (var entry in gt.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            string url = entry.Value.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
            string host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : entry.Name;
            if (host.StartsWith("www.", StringComparison.Ordinal))
                host = host[4..];
            if (SplitOf(host) != split)
                continue;
            string gold = entry.Value.GetProperty("articleBody").GetString() ?? "";
            string html = File.ReadAllText(Path.Combine(root, "html", entry.Name + ".html"), Encoding.UTF8);
            var own = DumpRenderer.StyleOf(entry.Name);
            foreach (var style in allStyles ? Enum.GetValues<DumpStyle>() : [own])
            {
                string dump = DumpRenderer.Render(html, style);
                var blocks = Segment(dump);
                pages.Add(new DumpPage(entry.Name, host, gold, dump, blocks, Label(blocks, gold)));
            }
        }
        return pages;
    }

    /// <summary>The blocks the pipeline's segment stage cuts from a text dump (after the decode stage's normalisation).</summary>
    public static List<Block> Segment(string dump)
    {
        var document = new ArticleDocument(new SourceRef("dump", "page.txt"), Encoding.UTF8.GetBytes(dump));
        return SegmentStage.SegmentText(document, dump, markdown: false);
    }

    /// <summary>
    /// Labels blocks by their overlap with the gold body, in the benchmark's own units (<c>\w+</c> tokens, 4-token
    /// shingles): a block of four or more tokens is body when at least half of its shingles are gold shingles, chrome
    /// below a fifth, else unknown. A shorter block is body only when its tokens occur contiguously in the gold and the
    /// nearest longer blocks say so: both of them body, or one of them when the block is a whole gold paragraph (a subhead).
    /// </summary>
    public static bool?[] Label(IReadOnlyList<Block> blocks, string gold)
    {
        var goldTokens = Tokens(gold);
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 4 <= goldTokens.Count; i++)
            shingles.Add(string.Join('\u0001', goldTokens.Skip(i).Take(4)));
        string goldJoined = " " + string.Join(' ', goldTokens) + " ";
        var paragraphs = gold.Split('\n').Select(p => string.Join(' ', Tokens(p))).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);

        var labels = new bool?[blocks.Count];
        var tokens = blocks.Select(b => Tokens(b.Text)).ToArray();
        for (int i = 0; i < blocks.Count; i++)
        {
            var t = tokens[i];
            if (t.Count < 4)
                continue;
            int hit = 0, all = t.Count - 3;
            for (int k = 0; k < all; k++)
                if (shingles.Contains(string.Join('\u0001', t.Skip(k).Take(4))))
                    hit++;
            double share = (double)hit / all;
            labels[i] = share >= 0.5 ? true : share < 0.2 ? false : null;
        }
        for (int i = 0; i < blocks.Count; i++)
        {
            var t = tokens[i];
            if (t.Count >= 4)
                continue;
            string joined = string.Join(' ', t);
            if (t.Count == 0 || !goldJoined.Contains(" " + joined + " ", StringComparison.Ordinal))
            {
                labels[i] = false;
                continue;
            }
            bool? before = Nearest(tokens, labels, i, -1), after = Nearest(tokens, labels, i, +1);
            labels[i] = before == true && after == true || paragraphs.Contains(joined) && (before == true || after == true);
        }
        return labels;
    }

    private static bool? Nearest(List<string>[] tokens, bool?[] labels, int i, int step)
    {
        for (int j = i + step; j >= 0 && j < tokens.Length; j += step)
            if (tokens[j].Count >= 4)
                return labels[j];
        return null;
    }

    /// <summary>The benchmark's tokens: Python's <c>\w+</c> runs (letters, numbers, underscore; unlike .NET's <c>\w</c>, no
    /// combining marks), case kept.</summary>
    public static List<string> Tokens(string text) => Word().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();
}

/// <summary>
/// The Zyte benchmark's score (its evaluate.py, as <c>score_zyte.py</c> reimplements it): per page, multisets of 4-token
/// shingles of gold and prediction; tp, fp, fn normalised by their sum; precision and recall averaged over pages (a page
/// with an empty prediction is left out of precision); F1 of the two averages.
/// </summary>
internal sealed class ZyteScore
{
    private readonly List<double> _precision = [], _recall = [];

    /// <summary>Pages added.</summary>
    public int Pages { get; private set; }

    /// <summary>Adds one page.</summary>
    public void Add(string gold, string prediction)
    {
        Pages++;
        var g = Shingles(gold);
        var p = Shingles(prediction);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (k, c) in p)
        {
            int gc = g.GetValueOrDefault(k);
            tp += Math.Min(c, gc);
            fp += Math.Max(0, c - gc);
        }
        foreach (var (k, c) in g)
            fn += Math.Max(0, c - p.GetValueOrDefault(k));
        double tot = tp + fp + fn;
        if (tot > 0)
        {
            tp /= tot;
            fp /= tot;
            fn /= tot;
        }
        if (tp + fp > 0)
            _precision.Add(tp / (tp + fp));
        else if (fn == 0)
            _precision.Add(1);
        if (tp + fn > 0)
            _recall.Add(tp / (tp + fn));
        else if (fp == 0)
            _recall.Add(1);
    }

    /// <summary>Macro precision, recall and their F1.</summary>
    public (double P, double R, double F) Prf
    {
        get
        {
            double p = _precision.Count > 0 ? _precision.Average() : 0, r = _recall.Count > 0 ? _recall.Average() : 0;
            return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
        }
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var t = DumpCorpus.Tokens(text);
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        if (t.Count == 0)
            return d;
        if (t.Count < 4)
        {
            d[string.Join('\u0001', t)] = 1;
            return d;
        }
        for (int i = 0; i + 4 <= t.Count; i++)
        {
            string k = string.Join('\u0001', t[i], t[i + 1], t[i + 2], t[i + 3]);
            d[k] = d.GetValueOrDefault(k) + 1;
        }
        return d;
    }
}

using System.Text;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Stages;

namespace Ingest.Eval;

/// <summary>
/// The <c>polnear</c> command: direct quotes and speakers of the pipeline against PolNeAR's attributions (train or dev;
/// the test split is held out and never read). See tools/Ingest.Eval/README.md for the rules.
/// </summary>
public static class PolnearEval
{
    /// <summary>Quote counts and speaker counts of one group of gold quotes.</summary>
    public sealed class Tally
    {
        public int Gold, Matched, SpeakerOk, Pred;
        public (double P, double R, double F) Quote => Text.Prf(Matched, Pred, Gold);
        public double SpeakerAcc => Matched > 0 ? (double)SpeakerOk / Matched : 0;
        public double QuoteSpeakerF => Text.Prf(SpeakerOk, Pred, Gold).F;
    }

    /// <summary>The scores of one run: overall, by gold speaker kind, failure kinds, and the listed errors.</summary>
    public sealed class Report
    {
        public int Articles;
        public readonly Tally All = new();
        public readonly Tally Loose = new();
        public readonly SortedDictionary<string, Tally> ByKind = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Failures = new(StringComparer.Ordinal);
        public readonly List<string> Errors = [];
        public void Fail(string kind, string detail, string article)
        {
            Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
            Errors.Add($"{article}\t{kind}\t{detail}");
        }
    }

    /// <summary>System quotes shorter than this many words are "short" in the failure kinds (partial quotes).</summary>
    private const int ShortWords = 3;

    /// <summary>Quote match threshold (score.py: word-multiset overlap as a share of the longer quote).</summary>
    public const double MatchThreshold = 0.8;

    /// <summary>Scores the pipeline on <c>&lt;root&gt;/&lt;split&gt;</c> and prints the tables; 0 on success, 2 on bad input.</summary>
    /// <param name="root">The polnear folder (holding train/ and dev/).</param>
    /// <param name="split">train or dev.</param>
    /// <param name="verbose">Lists each error (article, kind, quote) — corpus text: print only, never commit.</param>
    /// <param name="jsonOut">Where to write the summary as JSON (figures only, no text), or null.</param>
    /// <param name="limit">Score only the first N articles (0 = all).</param>
    /// <param name="extractor">The extractor to score (<c>--speakers</c>), or null for <see cref="ArticleExtractor.Default"/>.</param>
    public static int Run(string root, string split, bool verbose, string? jsonOut, int limit = 0, ArticleExtractor? extractor = null)
    {
        if (split is not ("train" or "dev"))
        {
            Console.Error.WriteLine("--split must be train or dev (the test split is held out)");
            return 2;
        }
        var dir = Path.Combine(root, split);
        if (!Directory.Exists(dir)) { Console.Error.WriteLine($"{dir}: not found"); return 2; }
        var list = PolnearArticle.List(dir);
        if (limit > 0) list = list.Take(limit).ToList();
        var report = new Report();
        foreach (var (name, ann, txt) in list)
        {
            var article = PolnearArticle.Load(name, ann, txt);
            var rec = (extractor ?? ArticleExtractor.Default).Extract(new SourceRef("polnear", name + ".txt"), Encoding.UTF8.GetBytes(article.Text)).Record;
            Score(article, rec, report);
        }
        Print(report, split);
        if (jsonOut is not null)
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(Summary(report), new JsonSerializerOptions { WriteIndented = true }));
        if (verbose)
            foreach (var e in report.Errors) Console.WriteLine("  " + e);
        return 0;
    }

    /// <summary>
    /// Scores one article into <paramref name="report"/>: gold quotes outside the headline (the pipeline reads the headline
    /// as the title) against the record's quotes, greedy one-to-one at <see cref="MatchThreshold"/>; each matched pair's
    /// speaker by <see cref="PolnearSpeakers.Matches"/>; failure kinds for the misses, extras and wrong speakers.
    /// </summary>
    public static void Score(PolnearArticle a, ArticleRecord rec, Report report)
    {
        report.Articles++;
        var gold = a.Quotes.Where(q => q.Paragraph > 0).ToList();
        var speakers = gold.Select(q => PolnearSpeakers.Resolve(a, q.Relation)).ToList();
        var pred = rec.Quotes.ToList();
        var gt = gold.Select(q => q.Text).ToList();
        var pt = pred.Select(q => q.Text ?? "").ToList();
        var m8 = GumEval.MatchQuotes(gt, pt, MatchThreshold);
        var m3 = GumEval.MatchQuotes(gt, pt, 0.3);
        report.All.Gold += gold.Count; report.All.Pred += pred.Count; report.All.Matched += m8.Count;
        report.Loose.Gold += gold.Count; report.Loose.Pred += pred.Count; report.Loose.Matched += m3.Count;
        for (var i = 0; i < gold.Count; i++)
        {
            var t = Kind(speakers[i]);
            t.Gold++;
        }
        var matchedG = m8.ToDictionary(x => x.G, x => x.P);
        foreach (var (gi, pj, _) in m8)
        {
            var sp = speakers[gi];
            var t = Kind(sp);
            t.Matched++;
            var ok = PolnearSpeakers.Matches(sp, pred[pj].Speaker, rec.Entities);
            if (ok) { t.SpeakerOk++; report.All.SpeakerOk++; continue; }
            var got = pred[pj].Speaker;
            var kind = got is null ? "speaker: none"
                : !got.Contains(' ') && Lexicons.Titles.Contains(got.TrimEnd('.')) ? "speaker: a title alone"
                : sp.IsPronoun ? "speaker: wrong (gold is a pronoun)"
                : sp.Kind == GoldKinds.Nominal ? "speaker: wrong (gold is nominal/anonymous)"
                : sp.Kind == GoldKinds.None ? "speaker: given where the gold has no source"
                : "speaker: wrong (gold is named)";
            report.Fail(kind, $"\"{Cut(gt[gi], 60)}\" gold={sp.Mention}{(sp.Antecedent is null ? "" : " → " + sp.Antecedent)} got={got ?? "null"} ({pred[pj].SpeakerKind})", a.Name);
        }
        // misses: a short partial quote, one merged into a longer system quote, a boundary difference, or not found
        var usedP = m8.Select(x => x.P).ToHashSet();
        for (var i = 0; i < gold.Count; i++)
        {
            if (matchedG.ContainsKey(i)) continue;
            var words = Text.Tokens(gt[i]).Count;
            var best = pt.Select((p, j) => (S: Text.QuoteMatch(gt[i], p), J: j)).OrderByDescending(x => x.S).FirstOrDefault();
            var merged = best.S >= 0.3 && Text.Tokens(pt[best.J]).Count > words && Contains(pt[best.J], gt[i]);
            var kind = merged ? "missed: merged into a longer system quote"
                : best.S >= 0.3 ? "missed: boundary (overlap 0.3-0.8)"
                : words <= ShortWords ? $"missed: short partial quote (1-{ShortWords} words)"
                : "missed: not extracted";
            report.Fail(kind, $"\"{Cut(gt[i], 80)}\" gold speaker={speakers[i].Mention ?? "none"}" + (best.S > 0 ? $" best={best.S:0.00} \"{Cut(pt[best.J], 50)}\"" : ""), a.Name);
        }
        // extras: scare quotes and other marked text no attribution covers, or a quote matching no gold quote
        var unattributed = a.Unattributed.Select(u => a.Text[u.InnerStart..u.InnerEnd]).ToList();
        for (var j = 0; j < pred.Count; j++)
        {
            if (usedP.Contains(j)) continue;
            var scare = unattributed.Any(u => Text.QuoteMatch(u, pt[j]) >= MatchThreshold);
            var covering = gt.Count(g => Contains(pt[j], g) && Text.Tokens(g).Count * 2 <= Text.Tokens(pt[j]).Count + 1);
            var kind = scare ? "extra: marked text no attribution covers"
                : covering >= 2 ? "extra: separate quotes merged into one"
                : gt.Any(g => Text.QuoteMatch(g, pt[j]) >= 0.3) ? "extra: boundary (overlap 0.3-0.8)"
                : "extra: other";
            report.Fail(kind, $"\"{Cut(pt[j], 80)}\" speaker={pred[j].Speaker ?? "null"}", a.Name);
        }

        Tally Kind(GoldSpeaker s)
        {
            if (!report.ByKind.TryGetValue(s.Kind, out var t)) report.ByKind[s.Kind] = t = new Tally();
            return t;
        }
    }

    /// <summary>Whether the words of <paramref name="inner"/> are (as a multiset) at least 80% inside <paramref name="outer"/>.</summary>
    private static bool Contains(string outer, string inner)
    {
        var o = Text.Tokens(outer).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var i = Text.Tokens(inner);
        if (i.Count == 0) return false;
        var common = i.GroupBy(x => x).Sum(g => Math.Min(g.Count(), o.GetValueOrDefault(g.Key)));
        return common >= 0.8 * i.Count;
    }

    private static string Cut(string s, int n) => s.Length <= n ? s.Replace('\n', ' ') : s[..n].Replace('\n', ' ') + "…";

    private static Dictionary<string, object> Summary(Report r)
    {
        var (p, rc, f) = r.All.Quote;
        var d = new Dictionary<string, object>
        {
            ["articles"] = r.Articles, ["gold_quotes"] = r.All.Gold, ["pred_quotes"] = r.All.Pred, ["matched"] = r.All.Matched,
            ["quote_p"] = Math.Round(p, 3), ["quote_r"] = Math.Round(rc, 3), ["quote_f1"] = Math.Round(f, 3),
            ["quote_f1_0.3"] = Math.Round(r.Loose.Quote.F, 3),
            ["speaker_acc"] = Math.Round(r.All.SpeakerAcc, 3), ["quote_speaker_f1"] = Math.Round(r.All.QuoteSpeakerF, 3),
        };
        foreach (var (k, t) in r.ByKind)
        {
            d[$"{k}_gold"] = t.Gold;
            d[$"{k}_recall"] = Math.Round(t.Gold > 0 ? (double)t.Matched / t.Gold : 0, 3);
            d[$"{k}_speaker_acc"] = Math.Round(t.SpeakerAcc, 3);
        }
        foreach (var (k, n) in r.Failures) d["failures: " + k] = n;
        return d;
    }

    private static void Print(Report r, string split)
    {
        Console.WriteLine($"PolNeAR {split}: {r.Articles} articles, direct quotes = Content spans inside double quote marks (headline excluded); match = word overlap >= {MatchThreshold} of the longer, one-to-one.");
        Console.WriteLine($"{"speaker kind",-20} {"gold",5} {"recall",6} {"spkAcc",6} {"q+spkR",6}");
        foreach (var (k, t) in r.ByKind)
            Console.WriteLine($"{k,-20} {t.Gold,5} {Text.F3(t.Gold > 0 ? (double)t.Matched / t.Gold : 0),6} {Text.F3(t.SpeakerAcc),6} {Text.F3(t.Gold > 0 ? (double)t.SpeakerOk / t.Gold : 0),6}");
        Console.WriteLine();
        Console.WriteLine("FAILURE KINDS");
        foreach (var (k, n) in r.Failures) Console.WriteLine($"  {n,5}  {k}");
        var (p, rc, f) = r.All.Quote;
        Console.WriteLine($"TOTAL articles={r.Articles} gold={r.All.Gold} pred={r.All.Pred} matched={r.All.Matched} quote_p={Text.F3(p)} quote_r={Text.F3(rc)} quote_f1={Text.F3(f)} " +
                          $"quote_f1_0.3={Text.F3(r.Loose.Quote.F)} speaker_acc={Text.F3(r.All.SpeakerAcc)} quote_speaker_f1={Text.F3(r.All.QuoteSpeakerF)}");
    }
}

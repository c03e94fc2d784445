using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;

namespace Ingest.Eval;

/// <summary>Counts of one document (or a sum of documents).</summary>
public sealed class Counts
{
    public int Docs, Tokens;
    public int QGold, QPred, QTp8, QTp3, SpkOk, SpkKnownOk, SpkKnown, ScareHits;
    public int ETp, EPred, EGold, ETpHead, UTp, UPred, UGold, UTpHead;
    public int TTp, TPred, TGold; // untyped, canonical = longest proper-name mention (no Wikipedia identity)
    public int CorefTotal, CorefFound, CorefOk;
    public double Seconds;

    public void Add(Counts o)
    {
        foreach (var f in typeof(Counts).GetFields())
            if (f.FieldType == typeof(int)) f.SetValue(this, (int)f.GetValue(this)! + (int)f.GetValue(o)!);
            else if (f.FieldType == typeof(double)) f.SetValue(this, (double)f.GetValue(this)! + (double)f.GetValue(o)!);
    }

    public Dictionary<string, object> Summary()
    {
        var (qP, qR, qF) = Text.Prf(QTp8, QPred, QGold);
        var (q3P, q3R, q3F) = Text.Prf(QTp3, QPred, QGold);
        return new Dictionary<string, object>
        {
            ["docs"] = Docs, ["tokens"] = Tokens, ["gold_quotes"] = QGold, ["pred_quotes"] = QPred,
            ["quote_p"] = qP, ["quote_r"] = qR, ["quote_f1"] = qF,
            ["quote_p_0.3"] = q3P, ["quote_r_0.3"] = q3R, ["quote_f1_0.3"] = q3F,
            ["speaker_acc"] = QTp8 > 0 ? (double)SpkOk / QTp8 : 0.0,
            ["speaker_acc_known"] = SpkKnown > 0 ? (double)SpkKnownOk / SpkKnown : 0.0,
            ["quote_speaker_f1"] = Text.Prf(SpkOk, QPred, QGold).F,
            ["scare_quotes_emitted"] = ScareHits,
            ["entity_p"] = Text.Prf(ETp, EPred, EGold).P, ["entity_r"] = Text.Prf(ETp, EPred, EGold).R, ["entity_f1"] = Text.Prf(ETp, EPred, EGold).F,
            ["entity_head_f1"] = Text.Prf(ETpHead, EPred, EGold).F,
            ["entity_untyped_p"] = Text.Prf(UTp, UPred, UGold).P, ["entity_untyped_r"] = Text.Prf(UTp, UPred, UGold).R,
            ["entity_untyped_f1"] = Text.Prf(UTp, UPred, UGold).F, ["entity_untyped_head_f1"] = Text.Prf(UTpHead, UPred, UGold).F,
            ["entity_untyped_textname_f1"] = Text.Prf(TTp, TPred, TGold).F,
            ["coref_mentions"] = CorefTotal, ["coref_found"] = CorefTotal > 0 ? (double)CorefFound / CorefTotal : 0.0,
            ["coref_acc"] = CorefTotal > 0 ? (double)CorefOk / CorefTotal : 0.0,
            ["seconds"] = Math.Round(Seconds, 3),
            ["articles_per_s"] = Seconds > 0 ? Docs / Seconds : 0.0, ["tokens_per_s"] = Seconds > 0 ? Tokens / Seconds : 0.0,
        };
    }
}

/// <summary>The <c>gum</c> command: scores the extractor on the GUM Wikinews subset.</summary>
public static class GumEval
{
    public sealed class DocResult
    {
        public required string Doc { get; init; }
        public required string Genre { get; init; }
        public required Counts Counts { get; init; }
        public List<string> MissedQuotes { get; } = [];
        public List<string> ExtraQuotes { get; } = [];
        public List<string> WrongSpeakers { get; } = [];
        public List<string> MissedEntities { get; } = [];
        public List<string> ExtraEntities { get; } = [];
        public List<string> CorefErrors { get; } = [];
        public List<string> Warnings { get; } = [];
    }

    public static int Run(string root, string genre, string? jsonOut, bool verbose, string? dumpDir = null)
    {
        if (!Directory.Exists(Path.Combine(root, "xml")))
        {
            Console.Error.WriteLine($"{root}: no xml/ folder (expected the gum_wikinews directory)");
            return 2;
        }
        var names = GumDocument.List(root).Where(n => genre == "all" || n.StartsWith($"GUM_{genre}_", StringComparison.Ordinal)).ToList();
        if (names.Count == 0) { Console.Error.WriteLine("no documents"); return 2; }
        var docs = names.Select(n => GumDocument.Load(root, n)).ToList();
        var extractor = ArticleExtractor.Default;
        // warm-up (JIT, lexicon loading) outside the timed pass
        extractor.Extract(new SourceRef("gum", "warmup.txt"), Encoding.UTF8.GetBytes(docs[0].PlainText()));

        var results = new List<DocResult>();
        foreach (var d in docs)
        {
            var text = d.PlainText();
            if (dumpDir != null) { Directory.CreateDirectory(dumpDir); File.WriteAllText(Path.Combine(dumpDir, d.Name + ".txt"), text); }
            var bytes = Encoding.UTF8.GetBytes(text);
            var sw = Stopwatch.StartNew();
            var rec = extractor.Extract(new SourceRef("gum", d.Name + ".txt"), bytes).Record;
            sw.Stop();
            var r = Score(d, rec);
            r.Counts.Seconds = sw.Elapsed.TotalSeconds;
            results.Add(r);
        }

        var byGenre = results.GroupBy(r => r.Genre).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var total = new Counts();
        foreach (var r in results) total.Add(r.Counts);

        Console.WriteLine("GUM Wikinews: quotes = <quote> spans (<q> are negatives), gold speaker via eRST attribution + coref (approximate, see README),");
        Console.WriteLine("entities = proper-named person/organization/place chains, canonical = Wikipedia identity else longest name.");
        var header = $"{"set",-22} {"docs",4} {"quotes(tp/pred/gold)",20} {"P@.8",5} {"R@.8",5} {"F@.8",5} {"F@.3",5} {"spk",5} {"spkK",5} {"e2e",5} " +
                     $"{"entT",5} {"entTh",5} {"entU",5} {"entUh",5} {"entUt",5} {"coref",5}";
        Console.WriteLine(header);
        void Row(string label, Counts c)
        {
            var s = c.Summary();
            string F(string k) => Text.F3((double)s[k]);
            Console.WriteLine($"{label,-22} {c.Docs,4} {$"{c.QTp8}/{c.QPred}/{c.QGold}",20} {F("quote_p")} {F("quote_r")} {F("quote_f1")} {F("quote_f1_0.3")} " +
                              $"{F("speaker_acc")} {F("speaker_acc_known")} {F("quote_speaker_f1")} {F("entity_f1")} {F("entity_head_f1")} " +
                              $"{F("entity_untyped_f1")} {F("entity_untyped_head_f1")} {F("entity_untyped_textname_f1")} {F("coref_acc")}");
        }
        if (verbose)
            foreach (var r in results) Row(r.Doc.Replace("GUM_", ""), r.Counts);
        foreach (var g in byGenre)
        {
            var c = new Counts();
            foreach (var r in g) c.Add(r.Counts);
            Row(g.Key, c);
        }
        if (verbose)
            foreach (var r in results)
            {
                var lines = r.Warnings.Select(w => "  warning: " + w)
                    .Concat(r.MissedQuotes.Select(x => "  missed quote: " + x)).Concat(r.ExtraQuotes.Select(x => "  extra quote: " + x))
                    .Concat(r.WrongSpeakers.Select(x => "  speaker: " + x)).Concat(r.MissedEntities.Select(x => "  missed entity: " + x))
                    .Concat(r.ExtraEntities.Select(x => "  extra entity: " + x)).Concat(r.CorefErrors.Select(x => "  coref: " + x)).ToList();
                if (lines.Count == 0) continue;
                Console.WriteLine(r.Doc);
                foreach (var l in lines) Console.WriteLine(l);
            }
        var warnings = results.Sum(r => r.Warnings.Count);
        if (warnings > 0) Console.WriteLine($"{warnings} alignment warnings (run with --verbose)");
        Console.WriteLine("columns: spk = speaker accuracy on quotes matched at 0.8 (gold null needs system null); spkK = same on quotes with a gold speaker;");
        Console.WriteLine("  e2e = quote+speaker F1; entT/entU = typed/untyped entity F1 (exact), h = head match, entUt = untyped with the longest name");
        Console.WriteLine("  mention as canonical instead of the Wikipedia identity; coref = proper-name mentions resolved to the gold canonical name.");
        var sum = total.Summary();
        Console.WriteLine($"THROUGHPUT {total.Docs} articles, {total.Tokens} tokens in {total.Seconds:0.000}s: " +
                          $"{(double)sum["articles_per_s"]:0.0} articles/s, {(double)sum["tokens_per_s"]:0} tokens/s (full pipeline, after warm-up)");
        Console.WriteLine("TOTAL " + string.Join(' ', sum.Select(kv => kv.Value is double dv ? $"{kv.Key}={Text.F3(dv)}" : $"{kv.Key}={kv.Value}")));
        if (jsonOut != null)
        {
            var payload = new
            {
                summary = sum,
                genres = byGenre.ToDictionary(g => g.Key, g => { var c = new Counts(); foreach (var r in g) c.Add(r.Counts); return c.Summary(); }),
                documents = results.Select(r => new
                {
                    doc = r.Doc, genre = r.Genre, summary = r.Counts.Summary(), missed_quotes = r.MissedQuotes, extra_quotes = r.ExtraQuotes,
                    wrong_speakers = r.WrongSpeakers, missed_entities = r.MissedEntities, extra_entities = r.ExtraEntities,
                    coref_errors = r.CorefErrors, warnings = r.Warnings,
                }),
            };
            File.WriteAllText(jsonOut, JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    private static readonly string[] Types = ["person", "organization", "location"];

    /// <summary>Greedy one-to-one matching on quote overlap (score.py order: best score first, ties by higher index).</summary>
    public static List<(int G, int P, double S)> MatchQuotes(IReadOnlyList<string> gold, IReadOnlyList<string> pred, double threshold)
    {
        var pairs = new List<(double S, int G, int P)>();
        for (var i = 0; i < gold.Count; i++)
            for (var j = 0; j < pred.Count; j++)
                pairs.Add((Text.QuoteMatch(gold[i], pred[j]), i, j));
        pairs.Sort((a, b) => b.CompareTo(a));
        var ug = new HashSet<int>();
        var up = new HashSet<int>();
        var res = new List<(int, int, double)>();
        foreach (var (s, i, j) in pairs)
        {
            if (s < threshold) break;
            if (ug.Contains(i) || up.Contains(j)) continue;
            ug.Add(i); up.Add(j); res.Add((i, j, s));
        }
        return res;
    }

    private static string Cut(string s, int n = 80) => s.Length <= n ? s : s[..n] + "…";

    public static DocResult Score(GumDocument d, ArticleRecord rec)
    {
        var c = new Counts { Docs = 1, Tokens = d.Tokens.Count };
        var r = new DocResult { Doc = d.Name, Genre = d.Genre, Counts = c };
        r.Warnings.AddRange(d.Warnings);

        // quotes
        var gold = d.Quotes.Where(q => !q.IsScare && Text.Tokens(q.Text).Count > 0).ToList();
        var pred = rec.Quotes.ToList();
        var gt = gold.Select(q => q.Text).ToList();
        var pt = pred.Select(q => q.Text ?? "").ToList();
        c.QGold = gold.Count;
        c.QPred = pred.Count;
        var m8 = MatchQuotes(gt, pt, 0.8);
        c.QTp8 = m8.Count;
        c.QTp3 = MatchQuotes(gt, pt, 0.3).Count;
        foreach (var (gi, pj, _) in m8)
        {
            var sp = GumSpeakers.Find(d, gold[gi].Span);
            var ok = Text.SpeakerOk(sp.Name, sp.Kind, pred[pj].Speaker);
            if (ok) c.SpkOk++;
            if (sp.Name != null) { c.SpkKnown++; if (ok) c.SpkKnownOk++; }
            if (!ok) r.WrongSpeakers.Add($"\"{Cut(gold[gi].Text, 50)}\" gold={sp.Name ?? "null"} ({sp.Kind}; {Cut(sp.How, 60)}) got={pred[pj].Speaker ?? "null"} ({pred[pj].SpeakerKind})");
        }
        var usedG = m8.Select(x => x.G).ToHashSet();
        var usedP = m8.Select(x => x.P).ToHashSet();
        r.MissedQuotes.AddRange(gold.Where((_, i) => !usedG.Contains(i)).Select(q => Cut(q.Text)));
        var scare = d.Quotes.Where(q => q.IsScare).Select(q => q.Text).ToList();
        for (var j = 0; j < pred.Count; j++)
        {
            if (usedP.Contains(j)) continue;
            var isScare = scare.Any(s => Text.QuoteMatch(s, pt[j]) >= 0.8);
            if (isScare) c.ScareHits++;
            r.ExtraQuotes.Add((isScare ? "[scare <q>] " : "") + Cut(pt[j]) + $" (speaker={pred[j].Speaker ?? "null"})");
        }

        // entities
        var chains = d.Chains.Where(ch => ch.SchemaType != null && ch.Proper && Text.EntKey(ch.Canonical).Length > 0).ToList();
        var goldTyped = chains.Select(ch => (T: ch.SchemaType!, K: Text.EntKey(ch.Canonical))).ToHashSet();
        var predEnt = rec.Entities.Where(e => Types.Contains(e.Type)).ToList();
        var predTyped = predEnt.Select(e => (T: e.Type, K: Text.EntKey(e.Name))).Where(x => x.K.Length > 0).ToHashSet();
        c.EGold = goldTyped.Count; c.EPred = predTyped.Count; c.ETp = goldTyped.Intersect(predTyped).Count();
        c.ETpHead = MultisetOverlap(goldTyped.Select(x => x.T + "|" + Text.Head(x.K)), predTyped.Select(x => x.T + "|" + Text.Head(x.K)));
        var goldU = goldTyped.Select(x => x.K).ToHashSet();
        var predU = predTyped.Select(x => x.K).ToHashSet();
        c.UGold = goldU.Count; c.UPred = predU.Count; c.UTp = goldU.Intersect(predU).Count();
        c.UTpHead = MultisetOverlap(goldU.Select(Text.Head), predU.Select(Text.Head));
        var goldText = chains.Select(ch => Text.EntKey(ch.Mentions.Where(m => m.Proper).Select(GumDocument.CanonicalForm)
            .OrderByDescending(s => Text.Tokens(s).Count).ThenBy(s => s, StringComparer.Ordinal).FirstOrDefault() ?? ch.Canonical)).Where(k => k.Length > 0).ToHashSet();
        c.TGold = goldText.Count; c.TPred = predU.Count; c.TTp = goldText.Intersect(predU).Count();
        r.MissedEntities.AddRange(goldTyped.Except(predTyped).Select(x => $"{x.T}:{x.K}").Order(StringComparer.Ordinal));
        r.ExtraEntities.AddRange(predTyped.Except(goldTyped).Select(x => $"{x.T}:{x.K}").Order(StringComparer.Ordinal));

        // coreference: each proper-name mention of a gold entity → system entity holding that surface form
        var names = predEnt.SelectMany(e => new[] { e.Name }.Concat(e.Aliases).Select(n => (E: e, K: Text.Tokens(Text.EntKey(n))))).Where(x => x.K.Count > 0).ToList();
        foreach (var ch in chains)
            foreach (var m in ch.Mentions.Where(m => m.Proper))
            {
                c.CorefTotal++;
                var mt = Text.Tokens(Text.EntKey(m.Text));
                var core = Text.Tokens(m.Core).ToHashSet();
                var hit = names.Where(x => IsSubsequence(x.K, mt) && x.K.Any(core.Contains))
                    .OrderByDescending(x => x.K.Count).ThenByDescending(x => x.E.Mentions).Select(x => x.E).FirstOrDefault();
                if (hit == null) { r.CorefErrors.Add($"'{Cut(m.Text, 40)}' → (no entity) gold={ch.Canonical}"); continue; }
                c.CorefFound++;
                if (Text.EntKey(hit.Name) == Text.EntKey(ch.Canonical)) c.CorefOk++;
                else r.CorefErrors.Add($"'{Cut(m.Text, 40)}' → {hit.Name} gold={ch.Canonical}");
            }
        return r;
    }

    /// <summary>Whether <paramref name="needle"/> occurs as a contiguous run in <paramref name="hay"/>.</summary>
    public static bool IsSubsequence(IReadOnlyList<string> needle, IReadOnlyList<string> hay)
    {
        for (var i = 0; i + needle.Count <= hay.Count; i++)
        {
            var ok = true;
            for (var k = 0; k < needle.Count && ok; k++) ok = hay[i + k] == needle[k];
            if (ok) return true;
        }
        return false;
    }

    private static int MultisetOverlap(IEnumerable<string> a, IEnumerable<string> b)
    {
        var ca = a.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        return b.GroupBy(x => x).Sum(g => Math.Min(g.Count(), ca.GetValueOrDefault(g.Key)));
    }
}

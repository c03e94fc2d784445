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
    public int QuoteDocs, AGold, APred, ATp8, ATp3, ASpkOk, ASpkKnownOk, ASpkKnown; // schema-aligned variant
    public int ETp, EPred, EGold, ETpHead, UTp, UPred, UGold, UTpHead;
    public int TTp, TPred, TGold; // untyped, canonical = longest proper-name mention (no Wikipedia identity)
    public int CorefTotal, CorefFound, CorefOk, CorefOkText;
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
            ["aligned_docs"] = QuoteDocs, ["aligned_gold_quotes"] = AGold, ["aligned_pred_quotes"] = APred,
            ["aligned_quote_p"] = Text.Prf(ATp8, APred, AGold).P, ["aligned_quote_r"] = Text.Prf(ATp8, APred, AGold).R,
            ["aligned_quote_f1"] = Text.Prf(ATp8, APred, AGold).F, ["aligned_quote_f1_0.3"] = Text.Prf(ATp3, APred, AGold).F,
            ["aligned_speaker_acc"] = ATp8 > 0 ? (double)ASpkOk / ATp8 : 0.0,
            ["aligned_speaker_acc_known"] = ASpkKnown > 0 ? (double)ASpkKnownOk / ASpkKnown : 0.0,
            ["aligned_quote_speaker_f1"] = Text.Prf(ASpkOk, APred, AGold).F,
            ["entity_p"] = Text.Prf(ETp, EPred, EGold).P, ["entity_r"] = Text.Prf(ETp, EPred, EGold).R, ["entity_f1"] = Text.Prf(ETp, EPred, EGold).F,
            ["entity_head_f1"] = Text.Prf(ETpHead, EPred, EGold).F,
            ["entity_untyped_p"] = Text.Prf(UTp, UPred, UGold).P, ["entity_untyped_r"] = Text.Prf(UTp, UPred, UGold).R,
            ["entity_untyped_f1"] = Text.Prf(UTp, UPred, UGold).F, ["entity_untyped_head_f1"] = Text.Prf(UTpHead, UPred, UGold).F,
            ["entity_untyped_textname_f1"] = Text.Prf(TTp, TPred, TGold).F,
            ["coref_mentions"] = CorefTotal, ["coref_found"] = CorefTotal > 0 ? (double)CorefFound / CorefTotal : 0.0,
            ["coref_acc"] = CorefTotal > 0 ? (double)CorefOk / CorefTotal : 0.0,
            ["coref_acc_textname"] = CorefTotal > 0 ? (double)CorefOkText / CorefTotal : 0.0,
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
        /// <summary>Schema-aligned gold quotes with their gold speaker, and the system quotes (JSON output only).</summary>
        public List<object> GoldQuotes { get; } = [];
        public List<object> SystemQuotes { get; } = [];
        public List<object> GoldEntities { get; } = [];
    }

    /// <summary>Scores the extractor on the documents of <paramref name="root"/> and prints the tables; 0 on success, 2 on bad input.</summary>
    /// <param name="root">The gum_wikinews folder.</param>
    /// <param name="genre">news, interview or all.</param>
    /// <param name="jsonOut">Where to write the JSON report, or null.</param>
    /// <param name="verbose">Per-document rows and error lists.</param>
    /// <param name="dumpDir">Where to write the rebuilt article texts, or null.</param>
    /// <param name="docsFrom">A CoNLL file of shared/corpus/ner (e.g. gum/dev.conll): only the documents it lists (its
    /// <c># doc</c> lines) are scored, to keep documents the tagger was trained on out; null scores all.</param>
    /// <param name="tagger">Whether the entity stage uses the tagger (<c>Pipeline:Entities:Tagger</c>).</param>
    public static int Run(string root, string genre, string? jsonOut, bool verbose, string? dumpDir = null, string? docsFrom = null, bool tagger = false)
    {
        if (!Directory.Exists(Path.Combine(root, "xml")))
        {
            Console.Error.WriteLine($"{root}: no xml/ folder (expected the gum_wikinews directory)");
            return 2;
        }
        var names = GumDocument.List(root).Where(n => genre == "all" || n.StartsWith($"GUM_{genre}_", StringComparison.Ordinal)).ToList();
        if (docsFrom is not null)
        {
            var keep = File.ReadLines(docsFrom).Where(l => l.StartsWith("# doc ", StringComparison.Ordinal)).Select(l => l[6..].Trim()).ToHashSet(StringComparer.Ordinal);
            names = names.Where(keep.Contains).ToList();
        }
        if (names.Count == 0) { Console.Error.WriteLine("no documents"); return 2; }
        var docs = names.Select(n => GumDocument.Load(root, n)).ToList();
        var extractor = tagger
            ? new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(new Ingest.Core.Pipeline.PipelineOptions { Entities = { Tagger = true } }))
            : ArticleExtractor.Default;
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

        // two more timed passes; each document keeps its fastest time (the machine is shared, JIT tiering settles)
        for (var pass = 0; pass < 2; pass++)
            for (var i = 0; i < docs.Count; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(docs[i].PlainText());
                var sw = Stopwatch.StartNew();
                extractor.Extract(new SourceRef("gum", docs[i].Name + ".txt"), bytes);
                sw.Stop();
                results[i].Counts.Seconds = Math.Min(results[i].Counts.Seconds, sw.Elapsed.TotalSeconds);
            }

        var byGenre = results.GroupBy(r => r.Genre).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var total = new Counts();
        foreach (var r in results) total.Add(r.Counts);

        var groups = new List<(string Label, Counts C)>();
        if (verbose) groups.AddRange(results.Select(r => (r.Doc.Replace("GUM_", ""), r.Counts)));
        foreach (var g in byGenre)
        {
            var c = new Counts();
            foreach (var r in g) c.Add(r.Counts);
            groups.Add((g.Key, c));
        }
        if (byGenre.Count > 1) groups.Add(("all", total));

        Console.WriteLine("QUOTES   raw = README recipe, one gold quote per <quote>; aligned = pieces of one quotation merged (schema: \"A,\" he said. \"B.\" is one");
        Console.WriteLine("         quote), documents whose quote marks were never annotated skipped. Speaker gold: eRST attribution + coref (approximation, see README).");
        Console.WriteLine($"{"set",-24} {"variant",-7} {"docs",4} {"tp/pred/gold",13} {"P@.8",5} {"R@.8",5} {"F@.8",5} {"P@.3",5} {"R@.3",5} {"F@.3",5} {"spk",5} {"spkK",5} {"e2eF",5}");
        foreach (var (label, c) in groups)
        {
            var s = c.Summary();
            string F(string k) => Text.F3((double)s[k]);
            var (p3, r3, _) = Text.Prf(c.QTp3, c.QPred, c.QGold);
            var (ap3, ar3, _) = Text.Prf(c.ATp3, c.APred, c.AGold);
            Console.WriteLine($"{label,-24} {"raw",-7} {c.Docs,4} {$"{c.QTp8}/{c.QPred}/{c.QGold}",13} {F("quote_p")} {F("quote_r")} {F("quote_f1")} {Text.F3(p3)} {Text.F3(r3)} {F("quote_f1_0.3")} {F("speaker_acc")} {F("speaker_acc_known")} {F("quote_speaker_f1")}");
            Console.WriteLine($"{"",-24} {"aligned",-7} {c.QuoteDocs,4} {$"{c.ATp8}/{c.APred}/{c.AGold}",13} {F("aligned_quote_p")} {F("aligned_quote_r")} {F("aligned_quote_f1")} {Text.F3(ap3)} {Text.F3(ar3)} {F("aligned_quote_f1_0.3")} {F("aligned_speaker_acc")} {F("aligned_speaker_acc_known")} {F("aligned_quote_speaker_f1")}");
        }
        Console.WriteLine();
        Console.WriteLine("ENTITIES per-document sets of canonical names, micro-averaged; canonical = Wikipedia identity, else longest written name.");
        Console.WriteLine($"{"set",-24} {"gold",5} {"pred",5} {"typP",5} {"typR",5} {"typF",5} {"typHF",5} {"untP",5} {"untR",5} {"untF",5} {"untHF",5} {"untTF",5} | {"coref",5} {"corT",5} {"found",5} {"ment",5}");
        foreach (var (label, c) in groups)
        {
            var s = c.Summary();
            string F(string k) => Text.F3((double)s[k]);
            Console.WriteLine($"{label,-24} {c.EGold,5} {c.EPred,5} {F("entity_p")} {F("entity_r")} {F("entity_f1")} {F("entity_head_f1")} {F("entity_untyped_p")} {F("entity_untyped_r")} " +
                              $"{F("entity_untyped_f1")} {F("entity_untyped_head_f1")} {F("entity_untyped_textname_f1")} | {F("coref_acc")} {F("coref_acc_textname")} {F("coref_found")} {c.CorefTotal,5}");
        }
        Console.WriteLine("  typ/unt = typed/untyped exact (case-folded, leading 'the' dropped), HF = head (last word) match F1, untTF = untyped F1 with the");
        Console.WriteLine("  longest written name as canonical instead of the Wikipedia identity; coref = share of proper-name mentions whose system entity");
        Console.WriteLine("  (Name/Aliases holding the surface form) has the gold canonical name, corT = same against the written name, found = any entity held it.");
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
        if (warnings > 0) Console.WriteLine($"{warnings} document notes (token alignment, unannotated quote layer; see --verbose)");
        var sum = total.Summary();
        Console.WriteLine($"THROUGHPUT {total.Docs} articles, {total.Tokens} tokens in {total.Seconds:0.000}s: " +
                          $"{(double)sum["articles_per_s"]:0.0} articles/s, {(double)sum["tokens_per_s"]:0} tokens/s (full pipeline, best of 3 passes per document)");
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
                    coref_errors = r.CorefErrors, warnings = r.Warnings, gold_quotes = r.GoldQuotes, system_quotes = r.SystemQuotes,
                    gold_entities = r.GoldEntities,
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

        // quotes: README recipe (one gold quote per <quote>) and schema-aligned (pieces merged, unannotated docs skipped)
        var pred = rec.Quotes.ToList();
        var pt = pred.Select(q => q.Text ?? "").ToList();
        r.SystemQuotes.AddRange(pred.Select(q => new { text = q.Text, speaker = q.Speaker, speaker_kind = q.SpeakerKind, cue = q.Cue }));
        var raw = d.Quotes.Where(q => !q.IsScare && Text.Tokens(q.Text).Count > 0).Select(q => (Pieces: new List<GumQuote> { q }, q.Text)).ToList();
        var rq = ScoreQuotes(d, raw, pred, null);
        (c.QGold, c.QPred, c.QTp8, c.QTp3, c.SpkOk, c.SpkKnown, c.SpkKnownOk) = (raw.Count, pred.Count, rq.Tp8, rq.Tp3, rq.SpkOk, rq.SpkKnown, rq.SpkKnownOk);
        if (d.QuoteLayerAnnotated)
        {
            var merged = d.MergedQuotes();
            foreach (var g in merged)
            {
                var sp = g.Pieces.Select(p => GumSpeakers.Find(d, p)).FirstOrDefault(x => x.Name != null) ?? GumSpeakers.Find(d, g.Pieces[0]);
                r.GoldQuotes.Add(new { text = g.Text, pieces = g.Pieces.Count, speaker = sp.Name, speaker_kind = sp.Kind, speaker_alt = sp.Alt, how = sp.How });
            }
            var aq = ScoreQuotes(d, merged, pred, r);
            (c.AGold, c.APred, c.ATp8, c.ATp3, c.ASpkOk, c.ASpkKnown, c.ASpkKnownOk) = (merged.Count, pred.Count, aq.Tp8, aq.Tp3, aq.SpkOk, aq.SpkKnown, aq.SpkKnownOk);
            c.QuoteDocs = 1;
        }
        else r.Warnings.Add("quote marks but no <quote>/<q> annotation: skipped in the schema-aligned quote scores");
        var scare = d.Quotes.Where(q => q.IsScare).Select(q => q.Text).ToList();
        c.ScareHits = pt.Count(p => scare.Any(s => Text.QuoteMatch(s, p) >= 0.8));

        // entities
        var chains = d.Chains.Where(ch => ch.SchemaType != null && ch.Proper && Text.EntKey(ch.Canonical).Length > 0).ToList();
        r.GoldEntities.AddRange(chains.Select(ch => new { type = ch.SchemaType, canonical = ch.Canonical, written = ch.TextName, identity = ch.FromIdentity, mentions = ch.Mentions.Count(m => m.Proper) }));
        var goldTyped = chains.Select(ch => (T: ch.SchemaType!, K: Text.EntKey(ch.Canonical))).ToHashSet();
        var predEnt = rec.Entities.Where(e => Types.Contains(e.Type)).ToList();
        var predTyped = predEnt.Select(e => (T: e.Type, K: Text.EntKey(e.Name))).Where(x => x.K.Length > 0).ToHashSet();
        c.EGold = goldTyped.Count; c.EPred = predTyped.Count; c.ETp = goldTyped.Intersect(predTyped).Count();
        c.ETpHead = MultisetOverlap(goldTyped.Select(x => x.T + "|" + Text.Head(x.K)), predTyped.Select(x => x.T + "|" + Text.Head(x.K)));
        var goldU = goldTyped.Select(x => x.K).ToHashSet();
        var predU = predTyped.Select(x => x.K).ToHashSet();
        c.UGold = goldU.Count; c.UPred = predU.Count; c.UTp = goldU.Intersect(predU).Count();
        c.UTpHead = MultisetOverlap(goldU.Select(Text.Head), predU.Select(Text.Head));
        var goldText = chains.Select(ch => Text.EntKey(ch.TextName.Length > 0 ? ch.TextName : ch.Canonical)).Where(k => k.Length > 0).ToHashSet();
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
                var okText = Text.EntKey(hit.Name) == Text.EntKey(ch.TextName);
                if (okText) c.CorefOkText++;
                if (Text.EntKey(hit.Name) == Text.EntKey(ch.Canonical)) c.CorefOk++;
                else r.CorefErrors.Add($"'{Cut(m.Text, 40)}' → {hit.Name} gold={ch.Canonical}{(okText ? " (= text name)" : "")}");
            }
        return r;
    }

    private sealed record QuoteScore(int Tp8, int Tp3, int SpkOk, int SpkKnown, int SpkKnownOk);

    /// <summary>Matches gold quotes to system quotes at 0.8 and 0.3 and checks speakers of the 0.8 matches; records the errors in <paramref name="r"/> when given.</summary>
    private static QuoteScore ScoreQuotes(GumDocument d, List<(List<GumQuote> Pieces, string Text)> gold, List<QuoteRecord> pred, DocResult? r)
    {
        var gt = gold.Select(q => q.Text).ToList();
        var pt = pred.Select(q => q.Text ?? "").ToList();
        var m8 = MatchQuotes(gt, pt, 0.8);
        int ok8 = 0, known = 0, knownOk = 0;
        foreach (var (gi, pj, _) in m8)
        {
            var sp = gold[gi].Pieces.Select(p => GumSpeakers.Find(d, p)).FirstOrDefault(x => x.Name != null) ?? GumSpeakers.Find(d, gold[gi].Pieces[0]);
            var ok = Text.SpeakerOk(sp.Name, sp.Kind, pred[pj].Speaker) || (sp.Alt != null && Text.SpeakerOk(sp.Alt, sp.Kind, pred[pj].Speaker));
            if (ok) ok8++;
            if (sp.Name != null) { known++; if (ok) knownOk++; }
            if (!ok) r?.WrongSpeakers.Add($"\"{Cut(gt[gi], 50)}\" gold={sp.Name ?? "null"} ({sp.Kind}; {Cut(sp.How, 70)}) got={pred[pj].Speaker ?? "null"} ({pred[pj].SpeakerKind})");
        }
        if (r != null)
        {
            var usedG = m8.Select(x => x.G).ToHashSet();
            var usedP = m8.Select(x => x.P).ToHashSet();
            var scare = d.Quotes.Where(q => q.IsScare).Select(q => q.Text).ToList();
            for (var i = 0; i < gt.Count; i++)
            {
                if (usedG.Contains(i)) continue;
                var best = pt.Select((p, j) => (S: Text.QuoteMatch(gt[i], p), J: j)).OrderByDescending(x => x.S).FirstOrDefault();
                r.MissedQuotes.Add(Cut(gt[i]) + (best.S > 0.3 ? $" (best system overlap {best.S:0.00}: {Cut(pt[best.J], 50)})" : ""));
            }
            for (var j = 0; j < pt.Count; j++)
                if (!usedP.Contains(j))
                    r.ExtraQuotes.Add((scare.Any(s => Text.QuoteMatch(s, pt[j]) >= 0.8) ? "[scare <q>] " : "") + Cut(pt[j]) + $" (speaker={pred[j].Speaker ?? "null"})");
        }
        return new QuoteScore(m8.Count, MatchQuotes(gt, pt, 0.3).Count, ok8, known, knownOk);
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

using System.Diagnostics;
using Ingest.Core.Stages.Entities;

namespace Ingest.Eval;

/// <summary>Mention-level counts: exact span and type matches against gold (PER/ORG/LOC; MISC is O).</summary>
internal sealed class MentionCounts
{
    public int Tp, Pred, Gold;
    public readonly int[] TypeTp = new int[3], TypePred = new int[3], TypeGold = new int[3];

    /// <summary>Adds one sentence's gold and predicted labels.</summary>
    public void Add(int[] gold, int[] pred)
    {
        var g = NerTagger.Spans(gold).ToHashSet();
        var p = NerTagger.Spans(pred);
        foreach (var s in g)
            TypeGold[s.Type]++;
        foreach (var s in p)
        {
            TypePred[s.Type]++;
            if (g.Contains(s))
            {
                Tp++;
                TypeTp[s.Type]++;
            }
        }
        Gold += g.Count;
        Pred += p.Count;
    }

    public void Add(MentionCounts o)
    {
        Tp += o.Tp;
        Pred += o.Pred;
        Gold += o.Gold;
        for (int t = 0; t < 3; t++)
        {
            TypeTp[t] += o.TypeTp[t];
            TypePred[t] += o.TypePred[t];
            TypeGold[t] += o.TypeGold[t];
        }
    }

    public (double P, double R, double F) Prf => Text.Prf(Tp, Pred, Gold);

    public string Line()
    {
        var (p, r, f) = Prf;
        var types = string.Join(' ', Enumerable.Range(0, 3).Select(t => $"{NerLabels.Types[t]}={Text.Prf(TypeTp[t], TypePred[t], TypeGold[t]).F:F3}"));
        return $"P={p:F3} R={r:F3} F1={f:F3} gold={Gold} pred={Pred} tp={Tp} {types}";
    }
}

/// <summary>
/// The <c>train-ner</c> and <c>ner</c> commands: train the tagger on the train splits of <c>shared/corpus/ner</c>
/// and score it mention by mention on the dev or test splits, per source.
/// </summary>
internal static class NerEval
{
    /// <summary>Sources trained on by default: all with a train split (CC BY 4.0 annotations).</summary>
    public static readonly string[] TrainSources = ["gum", "wikigold", "wnut17", "btc"];

    /// <summary>Sources of posts rather than prose: trained with feature augmentation (<see cref="NerDocument.Domain"/>).</summary>
    public static readonly string[] SocialSources = ["wnut17", "btc"];

    /// <summary>Sources scored: every source with the split.</summary>
    public static readonly string[] EvalSources = ["gum", "wikigold", "wnut17", "btc", "uner_en_ewt", "uner_en_pud"];

    public static int Train(string root, string output, string[] sources, NerTrainingOptions options, bool shareAlike, bool evaluate)
    {
        var docs = new List<NerDocument>();
        foreach (var source in sources)
        {
            var path = Path.Combine(root, source, "train.conll");
            var read = NerCorpus.Read(path);
            if (SocialSources.Contains(source))
                read = read.Select(d => d with { Domain = 1 }).ToList();
            int before = read.Count;
            if (!shareAlike)
                read = read.Where(d => !NerCorpus.ShareAlikeGumGenres.Any(g => d.Id.StartsWith(g, StringComparison.Ordinal))).ToList();
            read = read.Select(FacilitiesAsOrganizations).ToList();
            Console.WriteLine($"{source}: {read.Count} documents ({before - read.Count} share-alike left out), {read.Sum(d => d.Sentences.Count)} sentences");
            docs.AddRange(read);
        }
        var sw = Stopwatch.StartNew();
        var model = NerTrainer.Train(docs, options, Console.WriteLine);
        Console.WriteLine($"trained in {sw.Elapsed.TotalSeconds:F1} s");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var f = File.Create(output))
            model.Save(f);
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes)");
        if (evaluate)
        {
            using var f = File.OpenRead(output);
            Score(root, "dev", new NerTagger(NerModel.Load(f)));
        }
        return 0;
    }

    /// <summary>
    /// Last words of a place name that make it an organisation in our schema: GUM and Wikigold type museums, centres,
    /// hospitals, schools and "White House" by where they stand (place), our records and the dev corpus by who acts
    /// (organisation; <c>shared/corpus/SCHEMA.md</c> keeps places for countries, cities and regions).
    /// </summary>
    private static IReadOnlySet<string> FacilityHeads => EntityRules.FacilityHeads;

    /// <summary>The training document with LOC names ending in a <see cref="FacilityHeads"/> word relabelled ORG.</summary>
    internal static NerDocument FacilitiesAsOrganizations(NerDocument d)
    {
        const int bLoc = 5, iLoc = 6, bOrg = 3, iOrg = 4;
        var labels = new List<int[]>(d.Labels.Count);
        for (int s = 0; s < d.Sentences.Count; s++)
        {
            var l = (int[])d.Labels[s].Clone();
            for (int i = 0; i < l.Length; i++)
            {
                if (l[i] != bLoc)
                    continue;
                int j = i + 1;
                while (j < l.Length && l[j] == iLoc)
                    j++;
                if (FacilityHeads.Contains(d.Sentences[s][j - 1]))
                    for (int k = i; k < j; k++)
                        l[k] = k == i ? bOrg : iOrg;
                i = j - 1;
            }
            labels.Add(l);
        }
        return d with { Labels = labels };
    }

    public static int Evaluate(string root, string split, string? modelPath, string? errors = null)
    {
        NerTagger? tagger;
        if (modelPath == "rules")
        {
            Score(root, split, null);
            return 0;
        }
        if (modelPath is not null)
        {
            using var f = File.OpenRead(modelPath);
            tagger = new NerTagger(NerModel.Load(f));
        }
        else
            tagger = NerTagger.Shipped;
        if (tagger is null)
        {
            Console.Error.WriteLine("no shipped tagger weights; give --model");
            return 1;
        }
        if (errors is not null)
            PrintErrors(Path.Combine(root, errors, split + ".conll"), tagger);
        else
            Score(root, split, tagger);
        return 0;
    }

    /// <summary>The rule cascade's names as labels (<see cref="NerRules"/> kinds 1-3): the baseline the tagger must beat.</summary>
    public static int[][] RuleLabels(IReadOnlyList<string[]> sentences) =>
        NerRules.ForTokens(sentences).Select(codes => codes.Select(c =>
        {
            int kind = (c + 1) / 2;
            return c == 0 || kind > NerRules.Location ? 0 : 2 * (kind - 1) + 1 + (c % 2 == 0 ? 1 : 0);
        }).ToArray()).ToArray();

    /// <summary>Every sentence of <paramref name="path"/> where the tagger's names differ from gold: missed (-) and extra (+) names.</summary>
    public static void PrintErrors(string path, NerTagger tagger)
    {
        foreach (var doc in NerCorpus.Read(path))
        {
            var pred = tagger.Tag(doc.Sentences);
            for (int s = 0; s < pred.Length; s++)
            {
                var t = doc.Sentences[s];
                var g = NerTagger.Spans(doc.Labels[s]).ToHashSet();
                var p = NerTagger.Spans(pred[s]).ToHashSet();
                if (g.SetEquals(p))
                    continue;
                string Name(NerSpan x) => $"{NerLabels.Types[x.Type]}:{string.Join(' ', t[x.First..x.End])}";
                Console.WriteLine($"{doc.Id}: {string.Join(' ', t)}");
                Console.WriteLine("   " + string.Join("  ", g.Except(p).Select(x => "-" + Name(x)).Concat(p.Except(g).Select(x => "+" + Name(x)))));
            }
        }
    }

    /// <summary>Prints one line per source with the split, then TOTAL over the sources trained on and ALL over all.</summary>
    public static void Score(string root, string split, NerTagger? tagger)
    {
        var total = new MentionCounts();
        var all = new MentionCounts();
        foreach (var source in EvalSources)
        {
            var path = Path.Combine(root, source, split + ".conll");
            if (!File.Exists(path))
                continue;
            var counts = new MentionCounts();
            long tokens = 0;
            var sw = Stopwatch.StartNew();
            foreach (var doc in NerCorpus.Read(path))
            {
                var pred = tagger?.Tag(doc.Sentences, domain: SocialSources.Contains(source) ? 1 : 0) ?? RuleLabels(doc.Sentences);
                for (int s = 0; s < pred.Length; s++)
                {
                    counts.Add(doc.Labels[s], pred[s]);
                    tokens += pred[s].Length;
                }
            }
            double secs = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"{split} {source,-12} {counts.Line()} tokens/s={tokens / secs:F0}");
            if (TrainSources.Contains(source))
                total.Add(counts);
            all.Add(counts);
        }
        Console.WriteLine($"{split} TOTAL(train sources) {total.Line()}");
        Console.WriteLine($"{split} ALL {all.Line()}");
    }
}

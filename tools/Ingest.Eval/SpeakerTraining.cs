using System.Text;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Quotes;

namespace Ingest.Eval;

/// <summary>
/// The <c>train-speakers</c> command: collects the speaker candidate sets (<see cref="SpeakerCandidates"/>) the quote stage
/// builds for pronoun speakers the rules are unsure of on PolNeAR train, marks the candidates that refer to the gold Source
/// (<see cref="PolnearSpeakers.Matches"/>, the polnear command's rule), trains the ranker
/// (<see cref="SpeakerRankerTrainer"/>) and writes its weights; then compares the rules' choice and the ranker's on the
/// candidate sets of train (training figure) and dev.
/// </summary>
public static class SpeakerTraining
{
    /// <summary>One candidate set of a quote matched to a gold quote, with the right candidates marked.</summary>
    internal sealed record Example(string Article, CandidateSet Set, bool[] Right, GoldSpeaker Gold);

    /// <summary>Trains from <c>&lt;root&gt;/train</c>, writes <paramref name="output"/>; 0 on success.</summary>
    internal static int Train(string root, string output, SpeakerRankerOptions options, bool evaluate)
    {
        var train = Collect(Path.Combine(root, "train"));
        var ranker = SpeakerRankerTrainer.Train(train.Select(e => (e.Set, e.Right)).ToList(), options);
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null) Directory.CreateDirectory(dir);
        using (var f = File.Create(output))
            ranker.Save(f);
        Console.WriteLine($"wrote {output}: {ranker.Weights.Count} weights from {train.Count} candidate sets ({train.Count(e => e.Right.Any(r => r))} with a right candidate)");
        if (!evaluate) return 0;
        using (var f = File.OpenRead(output))
            ranker = SpeakerRanker.Load(f);
        Report("train (training figure)", train, ranker);
        Report("dev", Collect(Path.Combine(root, "dev")), ranker);
        return 0;
    }

    /// <summary>The candidate sets of a split's articles (the rules decide the speakers while they are collected).</summary>
    internal static List<Example> Collect(string splitDir)
    {
        var examples = new List<Example>();
        foreach (var (name, ann, txt) in PolnearArticle.List(splitDir))
        {
            var article = PolnearArticle.Load(name, ann, txt);
            var traced = new Dictionary<QuoteUnit, CandidateSet>(ReferenceEqualityComparer.Instance);
            var stage = new QuoteStage(null, (u, s) => traced[u] = s);
            var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(null, stage).Build());
            var rec = extractor.Extract(new SourceRef("polnear", name + ".txt"), Encoding.UTF8.GetBytes(article.Text)).Record;
            var gold = article.Quotes.Where(q => q.Paragraph > 0).ToList();
            foreach (var (unit, set) in traced)
            {
                string text = string.Join(' ', unit.Parts).TrimEnd().TrimEnd(',');
                int best = -1;
                double bestScore = PolnearEval.MatchThreshold;
                for (int g = 0; g < gold.Count; g++)
                {
                    double s = Text.QuoteMatch(gold[g].Text, text);
                    if (s >= bestScore) { best = g; bestScore = s; }
                }
                if (best < 0) continue;
                var speaker = PolnearSpeakers.Resolve(article, gold[best].Relation);
                if (speaker.Mention is null) continue;
                var right = set.Candidates.Select(c => PolnearSpeakers.Matches(speaker, c.Name, rec.Entities)).ToArray();
                examples.Add(new Example(name, set, right, speaker));
            }
        }
        return examples;
    }

    private static void Report(string title, List<Example> examples, SpeakerRanker ranker)
    {
        Console.WriteLine($"{title}: candidate sets of quotes matched to gold (pronoun speakers the rules are unsure of)");
        Console.WriteLine($"{"anaphor",-8} {"sets",5} {"oracle",6} {"rules",6} {"ranker",6} {"m=1",6} {"m=2",6} {"m=4",6}");
        foreach (var g in examples.GroupBy(e => e.Set.Anaphor).OrderBy(g => g.Key).Append(examples.GroupBy(_ => '*').Single()))
        {
            int n = g.Count(), oracle = g.Count(e => e.Right.Any(r => r));
            int rules = g.Count(e => e.Set.Candidates.Select((c, i) => (c, i)).Any(x => x.c.Features.Contains("rule") && e.Right[x.i]));
            int model = g.Count(e => e.Set.Candidates.Count > 0 && e.Right[ranker.Best(e.Set)]);
            string M(double m) => Text.F3((double)g.Count(e => e.Set.Candidates.Count > 0 && e.Right[ranker.Choose(e.Set, m)]) / n);
            Console.WriteLine($"{(g.Key == '*' ? "all" : g.Key.ToString()),-8} {n,5} {Text.F3((double)oracle / n),6} {Text.F3((double)rules / n),6} {Text.F3((double)model / n),6} {M(1),6} {M(2),6} {M(4),6}");
        }
    }
}

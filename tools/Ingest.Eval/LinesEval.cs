using System.Globalization;
using System.Text;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Eval;

/// <summary>
/// The <c>train-lines</c> and <c>lines</c> commands: train the line classifier of text dumps on the train split of the
/// rendered Zyte pages (<see cref="DumpCorpus"/>), and score body extraction on the rendered dumps of a split with the
/// benchmark's F1 (<see cref="ZyteScore"/>).
/// </summary>
internal static class LinesEval
{
    /// <summary>Settings of the <c>lines</c> command's decision.</summary>
    /// <param name="Threshold">Body probability below which the classifier removes a block.</param>
    /// <param name="Keep">Body probability at or above which it overrides the context rules.</param>
    /// <param name="Floor">Body probability below which it removes a block even inside the body span.</param>
    public sealed record Decision(double Threshold, double Keep, double Floor);

    public static int Train(string root, string output, LineTrainingOptions options, bool evaluate, bool allStyles)
    {
        var pages = DumpCorpus.Load(root, "train", allStyles);
        var ids = pages.Select(p => p.Id).Distinct().ToList();
        var docs = pages.Select(p => new LineDocument(p.Id, p.Blocks, p.Labels, ids.IndexOf(p.Id))).ToList();
        int labelled = docs.Sum(d => d.Labels.Count(l => l is not null)), body = docs.Sum(d => d.Labels.Count(l => l == true));
        Console.WriteLine($"train: {pages.Count} pages, {docs.Sum(d => d.Blocks.Count)} blocks, {labelled} labelled, {body} body");
        var model = LineTrainer.Train(docs, options, Console.WriteLine);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using (var f = File.Create(output))
            model.Save(f);
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024} KiB)");
        if (!evaluate)
            return 0;
        var defaults = new BoilerplateOptions();
        return Evaluate(root, "dev", model, new Decision(defaults.LineClassifierThreshold, defaults.LineClassifierKeep, defaults.LineClassifierFloor), false);
    }

    public static int Evaluate(string root, string split, LineModel? model, Decision decision, bool perPage, string? dumpDir = null)
    {
        model ??= LineModel.Shipped ?? throw new InvalidOperationException("No line model is embedded; run train-lines.");
        var pages = DumpCorpus.Load(root, split);
        var options = new PipelineOptions();
        options.Boilerplate.LineClassifier = true;
        options.Boilerplate.LineClassifierThreshold = decision.Threshold;
        options.Boilerplate.LineClassifierKeep = decision.Keep;
        options.Boilerplate.LineClassifierFloor = decision.Floor;
        var rulesOnly = new PipelineOptions();
        rulesOnly.Boilerplate.LineClassifier = false;
        var baseline = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(rulesOnly, model).Build());
        var combined = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(options, model).Build());
        string[] names = ["labels", "pipeline", "classifier", "pipeline+classifier"];
        var scores = names.Select(_ => new ZyteScore()).ToArray();
        int tp = 0, fp = 0, fn = 0;
        foreach (var page in pages)
        {
            var p = model.Score(page.Blocks);
            string[] predictions =
            [
                Join(page.Blocks.Where((_, i) => page.Labels[i] == true)),
                Body(baseline, page),
                Join(page.Blocks.Where((_, i) => p[i] >= decision.Threshold)),
                Body(combined, page),
            ];
            for (int v = 0; v < names.Length; v++)
                scores[v].Add(page.Gold, predictions[v]);
            if (dumpDir is not null)
                WriteDebug(dumpDir, page, p);
            for (int i = 0; i < p.Length; i++)
            {
                if (page.Labels[i] is not { } gold)
                    continue;
                bool predicted = p[i] >= decision.Threshold;
                if (predicted && gold) tp++;
                else if (predicted) fp++;
                else if (gold) fn++;
            }
            if (perPage)
            {
                var row = new StringBuilder($"{page.Id[..12]} {page.Host,-28} {DumpRenderer.StyleOf(page.Id),-7} blocks={page.Blocks.Count}");
                for (int v = 0; v < names.Length; v++)
                {
                    var one = new ZyteScore();
                    one.Add(page.Gold, predictions[v]);
                    row.Append(CultureInfo.InvariantCulture, $" {names[v]}={Text.F3(one.Prf.F)}");
                }
                Console.WriteLine(row);
            }
        }
        var (bp, br, bf) = Text.Prf(tp, tp + fp, tp + fn);
        Console.WriteLine($"{split}: {pages.Count} pages, {pages.Select(p => p.Host).Distinct().Count()} hosts; block labels P={Text.F3(bp)} R={Text.F3(br)} F1={Text.F3(bf)} (threshold {decision.Threshold.ToString(CultureInfo.InvariantCulture)})");
        for (int v = 0; v < names.Length; v++)
        {
            var (sp, sr, sf) = scores[v].Prf;
            Console.WriteLine($"  {names[v],-20} F1={Text.F3(sf)} P={Text.F3(sp)} R={Text.F3(sr)}");
        }
        var (_, _, f) = scores[3].Prf;
        Console.WriteLine($"TOTAL split={split} pages={pages.Count} pipeline_f1={Text.F3(scores[1].Prf.F)} classifier_f1={Text.F3(scores[2].Prf.F)} combined_f1={Text.F3(f)} labels_f1={Text.F3(scores[0].Prf.F)}");
        return 0;
    }

    /// <summary>Scores a predictions file (<c>{id: {"articleBody": …}}</c> or wrapped in <c>output</c>) over every page, as score_zyte.py does.</summary>
    public static int ScoreFile(string root, string predictions)
    {
        using var gt = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "ground-truth.json")));
        using var pr = JsonDocument.Parse(File.ReadAllText(predictions));
        var pred = pr.RootElement.TryGetProperty("output", out var o) ? o : pr.RootElement;
        var score = new ZyteScore();
        foreach (var e in gt.RootElement.EnumerateObject())
        {
            string body = pred.TryGetProperty(e.Name, out var p) && p.TryGetProperty("articleBody", out var b) ? b.GetString() ?? "" : "";
            score.Add(e.Value.GetProperty("articleBody").GetString() ?? "", body);
        }
        var (sp, sr, sf) = score.Prf;
        Console.WriteLine($"pages={score.Pages} F1={Text.F3(sf)} precision={Text.F3(sp)} recall={Text.F3(sr)}");
        return 0;
    }

    /// <summary>Writes the page's dump and, per block, its label and score (corpus text: keep it out of the repository).</summary>
    private static void WriteDebug(string dir, DumpPage page, double[] p)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, page.Id + ".txt"), page.Dump);
        var sb = new StringBuilder();
        for (int i = 0; i < page.Blocks.Count; i++)
        {
            string label = page.Labels[i] switch { true => "B", false => "-", null => "?" };
            sb.Append(CultureInfo.InvariantCulture, $"{label} {p[i]:0.00} {page.Blocks[i].Text}\n");
        }
        File.WriteAllText(Path.Combine(dir, page.Id + ".blocks"), sb.ToString());
    }

    private static string Join(IEnumerable<Block> blocks) => string.Join("\n\n", blocks.Select(b => b.Text));

    private static string Body(ArticleExtractor extractor, DumpPage page)
    {
        try
        {
            return extractor.Extract(new SourceRef("zyte", page.Id + ".txt"), Encoding.UTF8.GetBytes(page.Dump)).Record.Body;
        }
        catch (StageFailedException)
        {
            return "";
        }
    }
}

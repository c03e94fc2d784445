using Ingest.Core.Document;

namespace Ingest.Core.Stages.Boilerplate;

/// <summary>A training page for the line classifier: a text dump's blocks and whether each is body (null: unknown, not learnt from).</summary>
/// <param name="Id">Page id (for logs).</param>
/// <param name="Blocks">The blocks the segment stage cut from the dump, in order.</param>
/// <param name="Labels">One per block: true body, false chrome, null unknown.</param>
/// <param name="Group">Pages of one group (renderings of one page) share a jackknife fold.</param>
internal sealed record LineDocument(string Id, IReadOnlyList<Block> Blocks, IReadOnlyList<bool?> Labels, int Group = 0);

/// <summary>Settings of <see cref="LineTrainer.Train"/>.</summary>
/// <param name="Bits">log2 of the number of feature buckets (18: 262,144 weights per pass).</param>
/// <param name="Epochs">Passes over the training blocks.</param>
/// <param name="Seed">Seed of the block order (shuffled each epoch).</param>
/// <param name="Folds">Folds of the jackknife that gives the second pass realistic first-pass scores to learn from.</param>
/// <param name="Passes">1 or 2 (with the stacked second pass).</param>
/// <param name="LearningRate">AdaGrad step size.</param>
/// <param name="L2">L2 penalty per update, scaled by the step size.</param>
/// <param name="WordWeight">How much a block's length weighs its loss: weight = 1 + WordWeight·log2(1 + words), since
/// the benchmark scores words, not lines.</param>
internal sealed record LineTrainingOptions(int Bits = 18, int Epochs = 6, ulong Seed = 20250614, int Folds = 5, int Passes = 2,
    double LearningRate = 0.1, double L2 = 1e-4, double WordWeight = 1);

/// <summary>
/// Trains the line classifier: logistic regression by AdaGrad stochastic gradient descent over hashed features
/// (<see cref="LineFeatures"/>). The second pass learns from first-pass scores that come from models trained without
/// the page's fold (a jackknife), so that it learns how far to trust them. Deterministic: fixed seed, order and
/// single-threaded arithmetic, so the same pages and options give the same bytes.
/// </summary>
internal static class LineTrainer
{
    private sealed class Example
    {
        public required int[] Features;
        public required bool Body;
        public required float Weight;
    }

    private sealed record Page(LineDocument Doc, LineInfo[] Infos, int[] Prose);

    /// <summary>Trains the model on <paramref name="documents"/>.</summary>
    /// <param name="documents">Training pages.</param>
    /// <param name="options">Settings.</param>
    /// <param name="log">Receives progress lines, or null.</param>
    public static LineModel Train(IReadOnlyList<LineDocument> documents, LineTrainingOptions options, Action<string>? log = null)
    {
        int mask = (1 << options.Bits) - 1;
        var pages = documents.Select(d =>
        {
            var infos = LineFeatures.Describe(d.Blocks);
            return new Page(d, infos, LineFeatures.ProseBefore(infos));
        }).ToList();
        var first = Fit(pages.SelectMany(p => Examples(p, null, mask, options)).ToList(), options, log);
        if (options.Passes < 2)
            return new LineModel(options.Bits, [first]);

        var jackknife = new double[pages.Count][];
        for (int k = 0; k < options.Folds; k++)
        {
            var train = pages.Where(p => p.Doc.Group % options.Folds != k).SelectMany(p => Examples(p, null, mask, options)).ToList();
            var fold = Fit(train, options, null);
            for (int d = 0; d < pages.Count; d++)
                if (pages[d].Doc.Group % options.Folds == k)
                    jackknife[d] = LineModel.ScorePass(pages[d].Doc.Blocks, pages[d].Infos, pages[d].Prose, fold, null, mask);
            log?.Invoke($"jackknife fold {k + 1}/{options.Folds}");
        }
        var second = Fit(pages.SelectMany((p, d) => Examples(p, jackknife[d], mask, options)).ToList(), options, log);
        return new LineModel(options.Bits, [first, second]);
    }

    private static IEnumerable<Example> Examples(Page p, double[]? firstPass, int mask, LineTrainingOptions options)
    {
        var features = new List<int>(128);
        var second = firstPass is null ? null : LineFeatures.SecondPass.From(firstPass, p.Infos);
        for (int i = 0; i < p.Doc.Blocks.Count; i++)
        {
            if (p.Doc.Labels[i] is not { } body)
                continue;
            features.Clear();
            LineFeatures.Extract(p.Doc.Blocks, p.Infos, p.Prose, i, second, mask, features);
            float weight = (float)(1 + options.WordWeight * Math.Log2(1 + p.Infos[i].Words));
            yield return new Example { Features = [.. features], Body = body, Weight = weight };
        }
    }

    private static float[] Fit(List<Example> examples, LineTrainingOptions options, Action<string>? log)
    {
        int size = 1 << options.Bits;
        var w = new float[size];
        var g2 = new float[size];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        ulong state = TrainingShuffle.Start(options.Seed);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            TrainingShuffle.Shuffle(order, ref state);
            double loss = 0;
            foreach (int e in order)
            {
                var x = examples[e];
                double z = 0;
                foreach (int f in x.Features)
                    z += w[f];
                double p = LineModel.Sigmoid(z);
                double y = x.Body ? 1 : 0;
                loss -= x.Weight * (y * Math.Log(Math.Max(p, 1e-12)) + (1 - y) * Math.Log(Math.Max(1 - p, 1e-12)));
                float g = (float)(x.Weight * (p - y));
                foreach (int f in x.Features)
                {
                    float gf = g + (float)options.L2 * w[f];
                    g2[f] += gf * gf;
                    w[f] -= (float)(options.LearningRate * gf / Math.Sqrt(g2[f] + 1e-8));
                }
            }
            log?.Invoke($"  epoch {epoch}: mean loss {loss / Math.Max(1, examples.Count):F4} over {examples.Count} blocks");
        }
        return w;
    }
}

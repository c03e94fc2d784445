using System.Diagnostics;
using System.Text;
using Ingest.Core;
using Ingest.Core.Document;

/// <summary>
/// <c>ingest-bench generated [--count N] [--words W] [--rounds R] [--tagger]</c>: articles/s of the core pipeline on generated
/// text articles of about W words (default 1,000): a headline, a dek, a byline, paragraphs of running text with named
/// people, places and organisations, attributed quotations, and boilerplate lines at the top and the bottom.
/// Prints articles/s and words/s per round and their median, and the time each stage takes per article (median round).
/// </summary>
internal static class Generated
{
    private static readonly string[] Given = ["Maria", "John", "Aisha", "Tomas", "Elena", "Samuel", "Priya", "Daniel", "Grace", "Omar"];
    private static readonly string[] Family = ["Lindqvist", "Okafor", "Marchetti", "Reyes", "Tanaka", "Hughes", "Novak", "Brennan", "Castillo", "Ward"];
    private static readonly string[] Places = ["Harbor City", "Millbrook", "Lake Tamsin", "the Clearwater Valley", "Eastbrook", "Port Ellis"];
    private static readonly string[] Orgs = ["the Harbor Water Authority", "the University of Eastbrook", "the County Council", "Northwind Energy Inc."];
    private static readonly string[] Words =
    [
        "council", "budget", "residents", "plan", "water", "school", "road", "month", "project", "officials", "report", "state",
        "year", "money", "city", "program", "families", "cost", "vote", "public", "meeting", "board", "system", "community",
        "during", "after", "before", "because", "while", "against", "about", "between", "without", "through",
        "approved", "delayed", "expanded", "reviewed", "funded", "opposed", "announced", "reduced", "raised", "expected",
    ];

    public static int Run(string[] args)
    {
        // --tagger: the entity stage uses the statistical tagger (Pipeline:Entities:Tagger), to compare its cost.
        var extractor = args.Contains("--tagger")
            ? new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(new Ingest.Core.Pipeline.PipelineOptions { Entities = { Tagger = true } }))
            : ArticleExtractor.Default;
        Measure(Bench.Option(args, "--count", 200), Bench.Option(args, "--words", 1000), Bench.Option(args, "--rounds", 3), extractor);
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="extractor"/> over <paramref name="count"/> generated articles of about <paramref name="words"/>
    /// words, one warm-up round and <paramref name="rounds"/> timed ones, and prints articles/s and words/s of each round,
    /// their medians, and the mean time per stage of the median round.
    /// </summary>
    public static void Measure(int count, int words, int rounds, ArticleExtractor extractor)
    {
        var rng = new Random(20261129);
        var articles = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes(Article(rng, words))).ToList();
        long totalWords = articles.Sum(a => Encoding.UTF8.GetString(a).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var a in articles)
            extractor.Extract(new SourceRef("bench", "warmup.txt"), a);

        var runs = new List<(double Seconds, double CpuSeconds, long Bytes, Dictionary<string, TimeSpan> Stages)>();
        Console.WriteLine($"generated text articles: {count} × ~{words} words ({totalWords / count} on average), single thread, {rounds} rounds after a warm-up");
        // CPU time of the process (all threads: GC and JIT included) moves less with other processes' load than wall time;
        // allocated bytes (this thread) do not move with load at all.
        Console.WriteLine($"{"round",-6} {"articles/s",12} {"words/s",12} {"ms/article",12} {"CPU ms/art.",12} {"KiB alloc/art.",15}");
        for (int r = 0; r < rounds; r++)
        {
            var roundStages = new Dictionary<string, TimeSpan>();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            long bytesStart = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < articles.Count; i++)
            {
                var result = extractor.Extract(new SourceRef("bench", $"a{i}.txt"), articles[i]);
                foreach (var t in result.Timings)
                    roundStages[t.Stage] = roundStages.GetValueOrDefault(t.Stage) + t.Elapsed;
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesStart;
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            runs.Add((seconds, cpu, bytes, roundStages));
            Console.WriteLine($"{r + 1,-6} {count / seconds,12:F1} {totalWords / seconds,12:F0} {seconds * 1000 / count,12:F3} {cpu * 1000 / count,12:F3} {bytes / 1024.0 / count,15:F1}");
        }
        var median = runs.OrderBy(x => x.Seconds).ElementAt(runs.Count / 2);
        double medianCpu = Bench.Median(runs.Select(x => x.CpuSeconds));
        Console.WriteLine($"{"median",-6} {count / median.Seconds,12:F1} {totalWords / median.Seconds,12:F0} {median.Seconds * 1000 / count,12:F3} {medianCpu * 1000 / count,12:F3} {Bench.Median(runs.Select(x => (double)x.Bytes)) / 1024 / count,15:F1}");
        Console.WriteLine($"{"stage",-14} {"ms/article",12} {"share",8}");
        double total = median.Stages.Values.Sum(t => t.TotalMilliseconds);
        foreach (var (stage, time) in median.Stages)
            Console.WriteLine($"{stage,-14} {time.TotalMilliseconds / count,12:F3} {time.TotalMilliseconds / total,8:P0}");
    }

    /// <summary>One generated article of about <paramref name="words"/> words.</summary>
    internal static string Article(Random rng, int words)
    {
        string Name() => $"{Given[rng.Next(Given.Length)]} {Family[rng.Next(Family.Length)]}";
        string Sentence(int n)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                string w = rng.Next(12) switch
                {
                    0 => Places[rng.Next(Places.Length)],
                    1 => Orgs[rng.Next(Orgs.Length)],
                    _ => Words[rng.Next(Words.Length)],
                };
                sb.Append(i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w).Append(' ');
            }
            return sb.ToString().TrimEnd() + ".";
        }
        var text = new StringBuilder();
        text.AppendLine("Support the Harbor Ledger - Go Ad-Free!").AppendLine();
        text.AppendLine("Council weighs water plan as costs climb for the second year").AppendLine();
        text.AppendLine("Residents say the new rates would hit families who already pay the most").AppendLine();
        text.AppendLine($"By {Name()}").AppendLine();
        int written = 30;
        while (written < words)
        {
            if (rng.Next(3) == 0)
            {
                string speaker = Name();
                text.AppendLine($"“{Sentence(12)[..^1]},” said {speaker}, a member of {Orgs[rng.Next(Orgs.Length)]}. “{Sentence(10)}”").AppendLine();
                written += 30;
            }
            else
            {
                text.AppendLine($"{Sentence(14)} {Sentence(16)} {Sentence(12)}").AppendLine();
                written += 42;
            }
        }
        text.AppendLine("This story first appeared on Harbor Ledger.").AppendLine();
        text.AppendLine("Add new comment");
        return text.ToString();
    }
}

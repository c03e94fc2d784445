using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Stages.Html;

// ingest-bench speed   HTML_DIR [--rounds N] [--count N] [--words W]
//     pages/s of ours (full pipeline, decode→metadata, HTML stage alone) and SmartReader, interleaved, with median ratios;
//     then articles/s and words/s on generated text articles (--count 0 skips them); peak working set
// ingest-bench predict HTML_DIR OUT.json [--system ingest|smartreader|ingest+title…] [--score score_zyte.py]
//     predictions {id: {articleBody}} for score_zyte.py --predictions; with --score, runs the script on them
// ingest-bench generated [--count N] [--words W] [--rounds R]   articles/s of the core pipeline on generated text articles
// ingest-bench storage [--connection CS] [--sample FILE] [--words W]   storage requests per article (Azurite by default)
// ingest-bench startup [--sample FILE] [--runs N] [--cli INGEST_DLL]   start-up of a fresh process to its first article
if (args.Length >= 1 && args[0] == "generated")
    return Generated.Run(args);
if (args.Length >= 1 && args[0] == "startup")
    return Startup.Run(args);
if (args.Length >= 1 && args[0] == "storage")
    return await StorageRequests.RunAsync(args);
if (args.Length < 2 || args[0] is not ("speed" or "predict"))
{
    Console.Error.WriteLine("usage: ingest-bench speed HTML_DIR [--rounds N] | predict HTML_DIR OUT.json [--system ingest|smartreader]");
    return 64;
}
var pages = Directory.GetFiles(args[1], "*.html").Order(StringComparer.Ordinal)
    .Select(p => new Page(Path.GetFileNameWithoutExtension(p), File.ReadAllBytes(p))).ToList();
Console.Error.WriteLine($"{pages.Count} pages from {args[1]}");
if (args[0] == "speed")
{
    int rounds = Bench.Option(args, "--rounds", 3);
    Bench.Speed(pages, rounds);
    if (Bench.Option(args, "--count", 200) is > 0 and var count)
    {
        Console.WriteLine();
        Generated.Measure(count, Bench.Option(args, "--words", 1000), rounds, ArticleExtractor.Default);
    }
    Console.WriteLine();
    Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
    return 0;
}
int exit = Bench.Predict(pages, args[2], Bench.Option(args, "--system", "ingest"));
if (Bench.Option<string?>(args, "--score", null) is { } script)
{
    using var python = System.Diagnostics.Process.Start("python3", [script, "--predictions", args[2]]);
    python.WaitForExit();
    exit = python.ExitCode;
}
return exit;

internal sealed record Page(string Id, byte[] Bytes)
{
    public string Html { get; } = Encoding.UTF8.GetString(Bytes);
}

internal static class Bench
{
    private static readonly (string Name, string Short, Func<Page, string> Run)[] Systems =
    [
        ("ingest (full pipeline)", "full", Full),
        ("ingest (decode→metadata)", "decode→meta", ExtractionOnly),
        ("ingest (HTML stage only)", "html stage", HtmlOnly),
        ("AngleSharp parse only", "anglesharp", ParseOnly),
        ("SmartReader 0.11.1", "smartreader", Smart),
    ];

    /// <summary>
    /// Pages/s of every system in <see cref="Systems"/>, interleaved: each page runs through all systems before the next
    /// page, the first system rotating from page to page, so load from other processes falls on all systems alike. One
    /// warm-up round (JIT, static tables), then <paramref name="rounds"/> timed rounds; per round the pages/s of each
    /// system and the ratios of ours to SmartReader, then the median ratios over the rounds.
    /// </summary>
    public static int Speed(List<Page> pages, int rounds)
    {
        Console.WriteLine($"single thread, {pages.Count} pages, {rounds} rounds after one warm-up round, systems interleaved page by page");
        var failed = new int[Systems.Length];
        RunInterleaved(pages, failed);
        var roundRates = new List<double[]>();
        Console.WriteLine($"{"round",-6} " + string.Join(" ", Systems.Select(s => $"{s.Short,12}")) + $" {"full/SR",8} {"meta/SR",8}");
        for (int r = 0; r < rounds; r++)
        {
            var seconds = RunInterleaved(pages, failed: null);
            var rates = seconds.Select(s => pages.Count / s).ToArray();
            roundRates.Add(rates);
            Console.WriteLine($"{r + 1,-6} " + string.Join(" ", rates.Select(x => $"{x,12:F1}")) +
                $" {rates[FullIndex] / rates[SmartIndex],8:F2} {rates[MetaIndex] / rates[SmartIndex],8:F2}");
        }
        Console.WriteLine($"{"system",-28} {"median pages/s",15} {"ms/page",9} {"failed",7}");
        for (int i = 0; i < Systems.Length; i++)
        {
            double median = Median(roundRates.Select(x => x[i]));
            Console.WriteLine($"{Systems[i].Name,-28} {median,15:F1} {1000 / median,9:F2} {failed[i],7}");
        }
        Console.WriteLine($"median ratio full pipeline / SmartReader:   {Median(roundRates.Select(x => x[FullIndex] / x[SmartIndex])):F2}");
        Console.WriteLine($"median ratio decode→metadata / SmartReader: {Median(roundRates.Select(x => x[MetaIndex] / x[SmartIndex])):F2}");
        return 0;
    }

    private const int FullIndex = 0, MetaIndex = 1, SmartIndex = 4;

    /// <summary>Seconds each system spent on all pages in one interleaved round; counts failures into <paramref name="failed"/>.</summary>
    private static double[] RunInterleaved(List<Page> pages, int[]? failed)
    {
        var ticks = new long[Systems.Length];
        for (int p = 0; p < pages.Count; p++)
        {
            for (int k = 0; k < Systems.Length; k++)
            {
                int i = (p + k) % Systems.Length;
                long start = Stopwatch.GetTimestamp();
                try { Systems[i].Run(pages[p]); }
                catch (Exception) when (failed is not null) { failed[i]++; }
                catch (Exception) { }
                ticks[i] += Stopwatch.GetTimestamp() - start;
            }
        }
        return ticks.Select(t => (double)t / Stopwatch.Frequency).ToArray();
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static int Predict(List<Page> pages, string outPath, string system)
    {
        if (system == "ingest-meta")
            return PredictRecords(pages, outPath);
        Func<Page, string> run = system switch
        {
            "smartreader" => Smart,
            "ingest" => Full,
            // Diagnostics: the body plus the blocks the metadata stage took out (title, standfirst, byline).
            _ => page => WithRoles(page, system.Split('+').Skip(1).Select(r => Enum.Parse<BlockRole>(r, ignoreCase: true)).ToHashSet()),
        };
        var output = new Dictionary<string, Dictionary<string, string>>();
        foreach (var page in pages)
        {
            string body;
            try { body = run(page); }
            catch (Exception ex) { Console.Error.WriteLine($"{page.Id}: {ex.Message}"); body = ""; }
            output[page.Id] = new() { ["articleBody"] = body };
        }
        File.WriteAllText(outPath, JsonSerializer.Serialize(output, ArticleJson.Compact));
        return 0;
    }

    /// <summary>Body plus title, authors and date, for checking metadata against gold sets that have them.</summary>
    private static int PredictRecords(List<Page> pages, string outPath)
    {
        var output = new Dictionary<string, object?>();
        foreach (var page in pages)
        {
            try
            {
                var r = ArticleExtractor.Default.Extract(new SourceRef("bench", page.Id + ".html"), page.Bytes).Record;
                output[page.Id] = new { articleBody = r.Body, r.Title, r.Authors, r.PublishedAt, r.Publisher, r.Language };
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"{page.Id}: {ex.Message}");
            }
        }
        File.WriteAllText(outPath, JsonSerializer.Serialize(output, ArticleJson.Compact));
        return 0;
    }

    private static string Full(Page page) =>
        ArticleExtractor.Default.Extract(new SourceRef("bench", page.Id + ".html"), page.Bytes).Record.Body;

    // The stages that do what SmartReader does (text and metadata, no quotes or entities).
    private static readonly Ingest.Core.Pipeline.Pipeline Extraction = ExtractionPipeline();

    private static Ingest.Core.Pipeline.Pipeline ExtractionPipeline()
    {
        var builder = new Ingest.Core.Pipeline.PipelineBuilder();
        foreach (var stage in ArticleExtractor.CreateDefaultPipeline().Stages.TakeWhile(s => s.Name != "tokens"))
            builder.Add(stage);
        return builder.Build();
    }

    private static ArticleDocument RunExtraction(Page page)
    {
        var document = new ArticleDocument(new SourceRef("bench", page.Id + ".html"), page.Bytes);
        Extraction.Run(document);
        return document;
    }

    private static string ExtractionOnly(Page page) =>
        string.Join("\n\n", RunExtraction(page).Get(Layers.Body).Blocks.Select(b => b.Text));

    private static string WithRoles(Page page, HashSet<BlockRole> extra)
    {
        var document = RunExtraction(page);
        var roles = Ingest.Core.Stages.BodyStage.Roles(document);
        var blocks = document.Get(Layers.Blocks);
        return string.Join("\n\n", blocks.Where((b, i) => roles.RoleOf(i) == BlockRole.Body || extra.Contains(roles.RoleOf(i))).Select(b => b.Text));
    }

    private static string HtmlOnly(Page page)
    {
        var document = new ArticleDocument(new SourceRef("bench", page.Id + ".html"), page.Bytes);
        var blocks = HtmlContentExtractor.Extract(document, page.Html);
        return string.Join("\n\n", blocks.Where(b => b.MarkupReason is null).Select(b => b.Text));
    }

    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new(new AngleSharp.Html.Parser.HtmlParserOptions { IsKeepingSourceReferences = true });

    private static string ParseOnly(Page page)
    {
        using var document = Parser.ParseDocument(page.Html);
        return document.Title ?? "";
    }

    private static string Smart(Page page) => new SmartReader.Reader("https://example.org/", page.Html).GetArticle().TextContent ?? "";

    public static T Option<T>(string[] args, string name, T fallback)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0 || i + 1 >= args.Length)
            return fallback;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(args[i + 1], type, System.Globalization.CultureInfo.InvariantCulture);
    }
}

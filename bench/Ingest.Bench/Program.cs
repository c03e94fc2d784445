using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Stages.Html;

// ingest-bench speed   HTML_DIR [--rounds N]          pages/s of ours (full pipeline, HTML stage alone) and SmartReader
// ingest-bench predict HTML_DIR OUT.json [--system ingest|smartreader|ingest+title…] [--score score_zyte.py]
//     predictions {id: {articleBody}} for score_zyte.py --predictions; with --score, runs the script on them
// ingest-bench generated [--count N] [--words W] [--rounds R]   articles/s of the core pipeline on generated text articles
if (args.Length >= 1 && args[0] == "generated")
    return Generated.Run(args);
if (args.Length < 2 || args[0] is not ("speed" or "predict"))
{
    Console.Error.WriteLine("usage: ingest-bench speed HTML_DIR [--rounds N] | predict HTML_DIR OUT.json [--system ingest|smartreader]");
    return 64;
}
var pages = Directory.GetFiles(args[1], "*.html").Order(StringComparer.Ordinal)
    .Select(p => new Page(Path.GetFileNameWithoutExtension(p), File.ReadAllBytes(p))).ToList();
Console.Error.WriteLine($"{pages.Count} pages from {args[1]}");
if (args[0] == "speed")
    return Bench.Speed(pages, Bench.Option(args, "--rounds", 3));
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
    private static readonly (string Name, Func<Page, string> Run)[] Systems =
    [
        ("ingest (full pipeline)", Full),
        ("ingest (decode→metadata)", ExtractionOnly),
        ("ingest (HTML stage only)", HtmlOnly),
        ("AngleSharp parse only", ParseOnly),
        ("SmartReader 0.11.1", Smart),
    ];

    public static int Speed(List<Page> pages, int rounds)
    {
        Console.WriteLine($"single thread, {pages.Count} pages, best of {rounds} rounds after one warm-up round");
        Console.WriteLine($"{"system",-28} {"pages/s",9} {"ms/page",9} {"failed",7}");
        foreach (var (name, run) in Systems)
        {
            int failed = RunAll(pages, run); // warm-up (JIT, static tables)
            double best = double.MaxValue;
            for (int r = 0; r < rounds; r++)
            {
                long start = Stopwatch.GetTimestamp();
                RunAll(pages, run);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            Console.WriteLine($"{name,-28} {pages.Count / best,9:F1} {best * 1000 / pages.Count,9:F2} {failed,7}");
        }
        return 0;
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

    private static int RunAll(List<Page> pages, Func<Page, string> run)
    {
        int failed = 0;
        foreach (var page in pages)
        {
            try { run(page); }
            catch (Exception) { failed++; }
        }
        return failed;
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

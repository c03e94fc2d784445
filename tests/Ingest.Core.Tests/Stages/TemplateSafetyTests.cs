using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Tests.Stages;

/// <summary>The publisher-template memory's safety rules (issue 10, item 3), on made-up articles.</summary>
public class TemplateSafetyTests
{
    private const string ShareLine = "Share this article on Facebook and Twitter.";
    private const string BodyLine = "Repairs are expected to begin in August and last about six weeks.";

    private static readonly string Dump = string.Join("\n\n",
        "Valley Wire",
        "Dam inspection finds cracks in spillway",
        "By Nora Field",
        "Engineers found hairline cracks in the spillway during the spring inspection of the dam, the county said on Monday.",
        ShareLine,
        "The cracks are not a danger to the valley yet, the county engineer said, but they must be sealed before the autumn rains.",
        BodyLine,
        "Crews will close the dam road to traffic while they work, and the footpath along the reservoir will stay open.",
        "Officials said the repairs would cost about 2 million dollars, most of it paid by the state.");

    private static double ScoreOf(string text, string line)
    {
        var blocks = Eval.DumpBlocks(text);
        var scores = LineModel.Shipped!.Score(blocks);
        int i = blocks.FindIndex(b => b.Text == line);
        Assert.True(i >= 0, $"no block '{line}'");
        return scores[i];
    }

    private static ArticleExtractor WithTemplate(TemplateOptions template) =>
        new(ArticleExtractor.CreateDefaultPipeline(new PipelineOptions { Template = template }));

    private static Task<ArticleExtraction> ExtractAsync(ArticleExtractor extractor, string name, string text, Abstractions.ITemplateMemory memory) =>
        extractor.ExtractAsync(new SourceRef("t", name), Encoding.UTF8.GetBytes(text), memory).AsTask();

    [Fact]
    public void The_memory_learns_the_lines_the_classifier_calls_chrome_and_never_body_lines()
    {
        // Preconditions: the classifier reads the share line as chrome and the short body paragraph as body.
        Assert.True(ScoreOf(Dump, ShareLine) < 0.5);
        Assert.True(ScoreOf(Dump, BodyLine) >= 0.5);

        var candidates = ArticleExtractor.Default.Extract(new SourceRef("t", "a.txt"), Encoding.UTF8.GetBytes(Dump)).TemplateCandidates;
        Assert.Contains(TemplateStage.TemplateKey(ShareLine), candidates);
        Assert.Contains(TemplateStage.TemplateKey("By Nora Field"), candidates);
        Assert.DoesNotContain(TemplateStage.TemplateKey(BodyLine), candidates);
        Assert.DoesNotContain(candidates, c => c.StartsWith("engineers found", StringComparison.Ordinal));

        // Where nothing scores the blocks (HTML), only what the rules removed is learnt.
        string html = "<html><head><meta property=\"og:site_name\" content=\"Valley Wire\"></head><body><article>"
            + "<h1>Dam inspection finds cracks in spillway</h1>"
            + "<p>Engineers found hairline cracks in the spillway during the spring inspection of the dam, the county said on Monday.</p>"
            + $"<p>{ShareLine}</p><p>{BodyLine}</p>"
            + "<p>Crews will close the dam road to traffic while they work, and the footpath along the reservoir will stay open.</p>"
            + "</article></body></html>";
        var extraction = ArticleExtractor.Default.Extract(new SourceRef("t", "a.html"), Encoding.UTF8.GetBytes(html));
        Assert.Contains(extraction.Record.Boilerplate, b => b.Text == ShareLine);
        Assert.Equal([TemplateStage.TemplateKey(ShareLine)], extraction.TemplateCandidates);
    }

    [Fact]
    public async Task A_learnt_line_the_classifier_calls_body_is_never_removed()
    {
        // The memory holds the body paragraph (learnt wrongly, or from another article): the classifier's call keeps it.
        var memory = new FixedTemplateMemory("Valley Wire", TemplateStage.TemplateKey(BodyLine));
        var kept = (await ExtractAsync(ArticleExtractor.Default, "a.txt", Dump, memory)).Record;
        Assert.Equal(["Valley Wire"], memory.Asked);
        Assert.Contains(BodyLine, kept.Body);
        Assert.DoesNotContain(kept.Boilerplate, b => b.Reason == "template");

        // Without the guard (no score counts as body) the same memory removes it: the guard is what keeps it.
        var unguarded = (await ExtractAsync(WithTemplate(new TemplateOptions { KeepScore = 1.01 }), "a.txt", Dump, memory)).Record;
        Assert.DoesNotContain(BodyLine, unguarded.Body);
        Assert.Contains(unguarded.Boilerplate, b => b.Reason == "template" && b.Text == BodyLine);
    }

    [Fact]
    public async Task Learnt_lines_are_matched_exactly_numbers_included()
    {
        const string learnt = "Read part 3 of our dam series on the Valley Wire website";
        const string other = "Read part 4 of our dam series on the Valley Wire website";
        string dump = Dump.Replace(BodyLine, BodyLine + "\n\n" + other, StringComparison.Ordinal);
        var unguarded = WithTemplate(new TemplateOptions { KeepScore = 1.01 });
        var record = (await ExtractAsync(unguarded, "a.txt", dump, new FixedTemplateMemory("Valley Wire", TemplateStage.TemplateKey(learnt)))).Record;
        Assert.DoesNotContain(record.Boilerplate, b => b.Reason == "template");
        var exact = (await ExtractAsync(unguarded, "a.txt", dump, new FixedTemplateMemory("Valley Wire", TemplateStage.TemplateKey(other)))).Record;
        Assert.Contains(exact.Boilerplate, b => b.Reason == "template" && b.Text == other);
    }

    [Fact]
    public async Task A_failing_memory_never_fails_the_article()
    {
        var record = (await ExtractAsync(ArticleExtractor.Default, "a.txt", Dump, new FailingTemplateMemory())).Record;
        var without = ArticleExtractor.Default.Extract(new SourceRef("t", "a.txt"), Encoding.UTF8.GetBytes(Dump)).Record;
        Assert.Equal(without.Body, record.Body);
        Assert.Contains(BodyLine, record.Body);
        Assert.DoesNotContain(record.Boilerplate, b => b.Reason == "template");

        // Cancellation is not a failure of the memory: it still ends the run.
        using var cts = new CancellationTokenSource();
        var cancelling = new FailingTemplateMemory(() => { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ArticleExtractor.Default.ExtractAsync(new SourceRef("t", "a.txt"), Encoding.UTF8.GetBytes(Dump), cancelling, cts.Token).AsTask());
    }

    private sealed class FailingTemplateMemory(Action? fail = null) : Abstractions.ITemplateMemory
    {
        public Task<IReadOnlySet<string>> GetTemplateLinesAsync(string publisher, CancellationToken cancellationToken = default)
        {
            (fail ?? (() => throw new InvalidOperationException("template table unavailable")))();
            throw new InvalidOperationException("unreachable");
        }

        public Task ObserveAsync(string publisher, string articleId, IEnumerable<string> lines, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("template table unavailable");
    }
}

internal static class Eval
{
    public static List<Block> DumpBlocks(string dump)
    {
        var document = new ArticleDocument(new SourceRef("t", "a.txt"), Encoding.UTF8.GetBytes(dump));
        return SegmentStage.SegmentText(document, dump, markdown: false);
    }
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Tests;

public class PipelineTests
{
    private sealed class Stage(string name, string[] requires, string[] produces, Action<ArticleDocument>? run = null) : IPipelineStage
    {
        public string Name => name;
        public IReadOnlySet<AnnotationKey> Requires { get; } = requires.Select(r => (AnnotationKey)new Layer<BoilerplateMarks>(r)).ToHashSet();
        public IReadOnlySet<AnnotationKey> Produces { get; } = produces.Select(r => (AnnotationKey)new Layer<BoilerplateMarks>(r)).ToHashSet();
        public void Process(ArticleDocument document)
        {
            run?.Invoke(document);
            foreach (var key in Produces)
                if (!document.Has(key))
                    document.Set((Layer<BoilerplateMarks>)key, new BoilerplateMarks());
        }
    }

    [Fact]
    public void DuplicateStageNamesAreRefused()
    {
        var builder = new PipelineBuilder().Add(new Stage("a", [], ["x"]));
        var ex = Assert.Throws<ArgumentException>(() => builder.Add(new Stage("a", [], [])));
        Assert.Contains("already", ex.Message);
    }

    [Fact]
    public void UnmetRequirementsAreRefusedAtBuild()
    {
        var builder = new PipelineBuilder().Add(new Stage("late", ["x"], [])).Add(new Stage("early", [], ["x"]));
        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("'late' requires x", ex.Message);
    }

    [Fact]
    public void StageCanBeInsertedAfterANamedStage()
    {
        var pipeline = new PipelineBuilder().Add(new Stage("a", [], ["x"])).Add(new Stage("c", ["y"], []))
            .Add(new Stage("b", ["x"], ["y"]), after: "a").Build();
        Assert.Equal(["a", "b", "c"], pipeline.Stages.Select(s => s.Name));
    }

    [Fact]
    public void FailuresAreChargedToTheStageAndTimingsRecorded()
    {
        var pipeline = new PipelineBuilder().Add(new Stage("ok", [], ["x"]))
            .Add(new Stage("boom", ["x"], [], _ => throw new InvalidOperationException("bad state"))).Build();
        var doc = new ArticleDocument(new SourceRef("t", "a.txt"), new byte[] { 1 });
        var ex = Assert.Throws<StageFailedException>(() => pipeline.Run(doc));
        Assert.Equal("boom", ex.Stage);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        var ok = new PipelineBuilder().Add(new Stage("ok", [], ["x"])).Build().Run(new ArticleDocument(new SourceRef("t", "b.txt"), new byte[] { 1 }));
        Assert.Equal("ok", Assert.Single(ok.Timings).Stage);
    }

    [Fact]
    public void DefaultPipelineRunsTheNamedStagesInOrder() =>
        Assert.Equal(["decode", "segment", "lines", "boilerplate", "zones", "header-chrome", "publisher", "template", "body", "metadata",
                "tokens", "quotes", "entities", "speakers"],
            ArticleExtractor.Default.Pipeline.Stages.Select(s => s.Name));

    [Fact]
    public void TestsRunWithTheContractEnforced() => Assert.True(ArticleExtractor.Default.Pipeline.EnforcesContract);

    [Fact]
    public void QuotesBeforeMetadataIsRefusedAtBuild()
    {
        // The order a review found accepted before the contract: quotes read the authors that metadata writes.
        var stages = ArticleExtractor.CreateDefaultPipeline().Stages;
        var moved = new PipelineBuilder();
        foreach (var name in new[] { "decode", "segment", "lines", "boilerplate", "zones", "header-chrome", "publisher", "template", "body", "tokens", "quotes", "metadata", "entities", "speakers" })
            moved.Add(stages.Single(s => s.Name == name));
        var ex = Assert.Throws<InvalidOperationException>(moved.Build);
        Assert.Contains("'quotes' requires metadata", ex.Message);
    }

    [Fact]
    public void ReadingALayerBeforeAllItsWritersIsRefusedAtBuild()
    {
        var builder = new PipelineBuilder().Add(new Stage("a", [], ["x"])).Add(new Stage("reader", ["x"], [])).Add(new Stage("b", [], ["x"]));
        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("'reader' reads x, which 'b' still writes after it", ex.Message);
        // A stage that extends the layer may read what the writers before it wrote.
        new PipelineBuilder().Add(new Stage("a", [], ["x"])).Add(new Stage("extender", ["x"], ["x"])).Add(new Stage("b", [], ["x"])).Build();
    }

    private static readonly Layer<BoilerplateMarks> Secret = new("secret");
    private static readonly Layer<BoilerplateMarks> Other = new("other");

    private sealed class LayerStage(string name, AnnotationKey[] reads, AnnotationKey[] writes, Action<ArticleDocument> run) : IPipelineStage
    {
        public string Name => name;
        public IReadOnlySet<AnnotationKey> Requires { get; } = reads.ToHashSet();
        public IReadOnlySet<AnnotationKey> Produces { get; } = writes.ToHashSet();
        public void Process(ArticleDocument document) => run(document);
    }

    private static Exception? RunTwo(Action<ArticleDocument> second, AnnotationKey[] reads, AnnotationKey[] writes)
    {
        var pipeline = new PipelineBuilder().EnforceContract()
            .Add(new LayerStage("writer", [], [Secret, Other], d => { d.Set(Secret, new BoilerplateMarks()); d.Set(Other, new BoilerplateMarks()); }))
            .Add(new LayerStage("second", reads, writes, second)).Build();
        var ex = Record.Exception(() => pipeline.Run(new ArticleDocument(new SourceRef("t", "a.txt"), new byte[] { 1 })));
        return (ex as StageFailedException)?.InnerException ?? ex;
    }

    [Fact]
    public void AnUndeclaredReadThrowsWhileTheStageRuns()
    {
        var ex = RunTwo(d => d.Get(Secret), [Other], []);
        Assert.IsType<PipelineContractException>(ex);
        Assert.Contains("'second' read secret", ex!.Message);
        Assert.Null(RunTwo(d => d.Get(Secret), [Secret], []));
    }

    [Fact]
    public void AnUndeclaredWriteThroughAMutableLayerThrows()
    {
        var ex = RunTwo(d => d.Get(Secret).Mark(0, "promo"), [Secret], []);
        Assert.IsType<PipelineContractException>(ex);
        Assert.Contains("'second' wrote secret", ex!.Message);
    }

    [Fact]
    public void ReplacingAnotherStagesLayerThrowsEvenWhenDeclared()
    {
        var ex = RunTwo(d => d.Set(Secret, new BoilerplateMarks()), [], [Secret]);
        Assert.IsType<PipelineContractException>(ex);
        Assert.Contains("written by 'writer'", ex!.Message);
    }

    [Fact]
    public void ADeclaredLayerThatIsNotWrittenThrows()
    {
        var ex = RunTwo(_ => { }, [], [new AnnotationKey("promised")]);
        Assert.IsType<PipelineContractException>(ex);
        Assert.Contains("declares promised but did not write it", ex!.Message);
    }

    [Fact]
    public void RecordCarriesIdHashAndVersion()
    {
        var record = TestArticles.ExtractFixture("harbor-dump.txt");
        Assert.Equal(ArticleIds.For(new SourceRef("test", "harbor-dump.txt")), record.Id);
        Assert.Matches("^[0-9a-f]{16}$", record.Id);
        Assert.Matches("^[0-9a-f]{64}$", record.ContentHash);
        Assert.Equal(PipelineInfo.Version, record.PipelineVersion);
    }

    [Fact]
    public void SameBlobPathGivesTheSameIdAndOtherPathsDiffer()
    {
        Assert.Equal(ArticleIds.For(new SourceRef("articles", "a/b.txt")), ArticleIds.For(new SourceRef("articles", "a/b.txt")));
        Assert.NotEqual(ArticleIds.For(new SourceRef("articles", "a/b.txt")), ArticleIds.For(new SourceRef("articles", "a/c.txt")));
    }

    [Fact]
    public void JsonContractIsCamelCaseWithNulls()
    {
        var record = TestArticles.Extract("n.txt", "Short headline for a test\n\nOne paragraph of body text that runs long enough to count as prose here.");
        string json = System.Text.Json.JsonSerializer.Serialize(record, ArticleJson.Compact);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var field in new[] { "id", "source", "title", "subtitle", "authors", "publishedAt", "publisher", "originalSource", "canonicalUrl", "language", "body", "boilerplate", "quotes", "entities", "pipelineVersion", "contentHash" })
            Assert.True(root.TryGetProperty(field, out _), field);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("publishedAt").ValueKind);
        Assert.Equal("test", root.GetProperty("source").GetProperty("container").GetString());
    }
}

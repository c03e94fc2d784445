using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Tests;

public class PipelineTests
{
    private sealed class Stage(string name, string[] requires, string[] produces, Action<ArticleDocument>? run = null) : IPipelineStage
    {
        public string Name => name;
        public IReadOnlySet<AnnotationKey> Requires { get; } = requires.Select(r => new AnnotationKey(r)).ToHashSet();
        public IReadOnlySet<AnnotationKey> Produces { get; } = produces.Select(r => new AnnotationKey(r)).ToHashSet();
        public void Process(ArticleDocument document) => run?.Invoke(document);
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
        Assert.Equal(["decode", "segment", "boilerplate", "metadata", "quotes", "entities"],
            ArticleExtractor.Default.Pipeline.Stages.Select(s => s.Name));

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

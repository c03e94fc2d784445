using System.Text;
using Ingest.Core;
using Ingest.Core.Document;

namespace Ingest.Core.Tests;

/// <summary>Runs the default pipeline over fixtures written for these tests.</summary>
internal static class TestArticles
{
    public static ArticleRecord Extract(string name, string text) =>
        ArticleExtractor.Default.Extract(new SourceRef("test", name), Encoding.UTF8.GetBytes(text)).Record;

    public static ArticleRecord ExtractFixture(string file) =>
        Extract(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)));

    public static string[] Paragraphs(ArticleRecord record) => record.Body.Split("\n\n");

    public static QuoteRecord QuoteStartingWith(ArticleRecord record, string start) =>
        record.Quotes.Single(q => q.Text.StartsWith(start, StringComparison.Ordinal));
}

/// <summary>A template memory that knows one publisher's lines and records which publishers it was asked for.</summary>
internal sealed class FixedTemplateMemory(string publisher, params string[] lines) : Abstractions.ITemplateMemory
{
    public List<string> Asked { get; } = [];
    public List<(string Publisher, string ArticleId)> Observed { get; } = [];

    public Task<IReadOnlySet<string>> GetTemplateLinesAsync(string name, CancellationToken cancellationToken = default)
    {
        Asked.Add(name);
        return Task.FromResult<IReadOnlySet<string>>(name == publisher ? lines.ToHashSet() : new HashSet<string>());
    }

    public Task ObserveAsync(string name, string articleId, IEnumerable<string> candidates, CancellationToken cancellationToken = default)
    {
        Observed.Add((name, articleId));
        return Task.CompletedTask;
    }
}

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

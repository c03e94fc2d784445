using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;

namespace Ingest.Core.Tests.Html;

/// <summary>Runs made-up pages through the HTML stage alone or through the whole extractor.</summary>
internal static class HtmlFixture
{
    /// <summary>A sentence of article prose, long enough to score as a paragraph.</summary>
    public const string Prose = "The council voted on Tuesday to expand the bus network, adding three routes, longer evening hours, and a new depot near the river.";

    /// <summary>Decodes and segments <paramref name="html"/>; the body is every block the markup does not mark as boilerplate.</summary>
    public static ArticleDocument Stage(string html)
    {
        var document = new ArticleDocument(new SourceRef("test", "page.html"), Encoding.UTF8.GetBytes(html));
        new PipelineBuilder().Add(new DecodeStage()).Add(new SegmentStage()).EnforceContract().Build().Run(document);
        var blocks = document.Blocks;
        var body = Enumerable.Range(0, blocks.Count).Where(i => blocks[i].MarkupReason is null).ToList();
        document.Set(Layers.Body, new BodyText(body, body.Select(i => blocks[i]).ToList()));
        return document;
    }

    public static ArticleRecord Record(string html) =>
        ArticleExtractor.Default.Extract(new SourceRef("test", "page.html"), Encoding.UTF8.GetBytes(html)).Record;

    public static string Body(ArticleDocument document) => string.Join("\n", document.BodyBlocks.Select(b => b.Text));

    /// <summary>A page with site chrome around <paramref name="content"/>.</summary>
    public static string Page(string content, string head = "<title>Bus network grows | Riverside Post</title>") => $"""
        <!DOCTYPE html><html lang="en"><head>{head}</head><body>
        <header class="site-header"><a class="logo" href="/">Riverside Post</a>
          <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
        <main>{content}</main>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ferry fares rise again this winter season</a></li><li><a href="/b">School board election results are in</a></li></ul></aside>
        <footer><p>Copyright Riverside Post. All rights reserved. Contact us at the newsroom for corrections.</p></footer>
        </body></html>
        """;
}

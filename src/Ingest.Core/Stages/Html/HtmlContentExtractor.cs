using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// HTML main-content extraction: parses the page, gathers metadata hints (meta tags, JSON-LD, &lt;time&gt;,
/// canonical link, lang), finds the element that holds the article text, and emits its paragraphs,
/// headings, list items, block quotes and captions as <see cref="Block"/>s.
/// </summary>
public static class HtmlContentExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    /// <summary>Fills <see cref="ArticleDocument.Blocks"/> and <see cref="ArticleDocument.Hints"/> from the HTML in <see cref="ArticleDocument.Text"/>.</summary>
    public static void Extract(ArticleDocument document)
    {
        using var page = Parser.ParseDocument(document.Text);
        HtmlMetadata.Collect(page, document);
        var root = MainContent.Find(page);
        BlockEmitter.Emit(root, document);
    }
}

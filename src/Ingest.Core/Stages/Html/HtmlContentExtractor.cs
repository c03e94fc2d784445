using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// HTML main-content extraction: parses the page, gathers metadata hints (meta tags, JSON-LD, &lt;time&gt;,
/// canonical link, lang), finds the elements that hold the article text, and emits their paragraphs, headings,
/// list items, block quotes and captions as <see cref="Block"/>s.
/// Extraction is a cascade (trafilatura's <c>trafilatura_sequence</c>); each step runs only when the one before
/// under-delivered: (1) scored main content with class rules; (2) the same without class rules, for recall;
/// (3) the JSON-LD articleBody when it is much longer than what was found; (4) every paragraph of the page.
/// </summary>
public static class HtmlContentExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    /// <summary>Finds the main content of <paramref name="html"/> and adds the page's metadata hints to <see cref="Layers.Hints"/>.</summary>
    /// <param name="document">The document whose hints are extended.</param>
    /// <param name="html">The page's markup.</param>
    /// <returns>The page's blocks in reading order; blocks outside the main content carry a <see cref="Block.MarkupReason"/>.</returns>
    public static List<Block> Extract(ArticleDocument document, string html)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var page = Parser.ParseDocument(html);
        string? structuredBody = HtmlMetadata.Collect(page, document);
        var body = page.Body ?? page.DocumentElement;
        ExpandTemplates(body);

        var options = HtmlOptions.Default;
        var blocks = Run(body, options);
        if (BodyChars(blocks) < HtmlOptions.MinExtractedChars)
        {
            var recall = Run(body, options with { UseClassRules = false });
            if (BodyChars(recall) > BodyChars(blocks))
                blocks = recall;
        }
        if (structuredBody is not null && BodyChars(blocks) < structuredBody.Length * HtmlOptions.MinShareOfStructuredBody)
            blocks = StructuredBlocks(structuredBody);
        if (BodyChars(blocks) == 0)
            blocks = Baseline(body);
        HtmlMetadata.DropExcerptSubtitles(document.Extend(Layers.Hints), blocks);
        return blocks;
    }

    /// <summary>
    /// Some blog templates ship the post as markup inside <c>&lt;script type="text/template"&gt;</c> for a script to
    /// insert; parse that markup in place so it can be scored like any other content.
    /// </summary>
    private static void ExpandTemplates(IElement body)
    {
        foreach (var script in body.QuerySelectorAll("script[type='text/template'], script[type='text/html']").ToList())
        {
            string markup = script.TextContent;
            // Markup only: templates that carry JSON or script data stay out.
            if (!markup.AsSpan().TrimStart().StartsWith("<")
                || (!markup.Contains("<p", StringComparison.OrdinalIgnoreCase) && !markup.Contains("<br", StringComparison.OrdinalIgnoreCase)))
                continue;
            var holder = script.Owner!.CreateElement("div");
            holder.InnerHtml = markup;
            script.Replace(holder);
        }
    }

    private static List<Block> Run(IElement body, HtmlOptions options)
    {
        var facts = PageFacts.Analyze(body, options);
        var roots = MainContent.Find(body, facts);
        return BlockEmitter.Emit(roots, facts);
    }

    private static int BodyChars(List<Block> blocks)
    {
        int n = 0;
        foreach (var b in blocks)
        {
            if (b.MarkupReason is null)
                n += b.Text.Length;
        }
        return n;
    }

    /// <summary>JSON-LD articleBody as paragraphs (one per line; it has no markup).</summary>
    private static List<Block> StructuredBlocks(string text) =>
        text.Split('\n').Select(TextNormalizer.Normalize).Where(t => t.Length > 0).Select(t => new Block { Text = t }).ToList();

    /// <summary>The last resort: every block of the page with class rules and hidden elements ignored.</summary>
    private static List<Block> Baseline(IElement body)
    {
        var facts = PageFacts.Analyze(body, new HtmlOptions(UseClassRules: false, DropHidden: false));
        return BlockEmitter.Emit([body], facts);
    }
}

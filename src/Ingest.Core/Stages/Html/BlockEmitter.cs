using AngleSharp.Dom;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>Walks the main-content element and emits one <see cref="Block"/> per paragraph-level element.</summary>
internal static class BlockEmitter
{
    public static void Emit(IElement root, ArticleDocument document)
    {
        Walk(root, document);
    }

    private static void Walk(IElement element, ArticleDocument document)
    {
        foreach (var child in element.Children)
        {
            if (MainContent.DropTags.Contains(child.LocalName) || MainContent.IsDropped(child))
                continue;
            var kind = KindOf(child);
            if (kind is null || HasBlockChildren(child))
            {
                Walk(child, document);
                continue;
            }
            string text = TextNormalizer.Normalize(child.TextContent);
            if (text.Length == 0)
                continue;
            int start = child.SourceReference?.Position.Position ?? -1;
            document.Blocks.Add(new Block
            {
                Text = text,
                Kind = kind.Value,
                Level = child.LocalName.Length == 2 && child.LocalName[0] == 'h' ? child.LocalName[1] - '0' : 0,
                SourceStart = start,
                LinkDensity = MainContent.LinkDensity(child),
            });
        }
    }

    private static BlockKind? KindOf(IElement e) => e.LocalName switch
    {
        "p" => BlockKind.Paragraph,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
        "li" or "dt" or "dd" => BlockKind.ListItem,
        "blockquote" => BlockKind.BlockQuote,
        "figcaption" or "caption" => BlockKind.Caption,
        "pre" => BlockKind.Preformatted,
        "div" or "section" or "td" when !HasBlockChildren(e) && e.TextContent.Trim().Length > 0 => BlockKind.Paragraph,
        _ => null,
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
        "figure", "figcaption", "pre", "table", "tr", "td", "dl", "dt", "dd",
    };

    private static bool HasBlockChildren(IElement e) => e.Children.Any(c => BlockTags.Contains(c.LocalName));
}

using System.Text;
using AngleSharp.Dom;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// Walks the content roots and emits one <see cref="Block"/> per paragraph, heading, list item, block quote,
/// caption or preformatted run. Inline content accumulates until the next block boundary, so text in divs without
/// &lt;p&gt; and text split by &lt;br&gt;&lt;br&gt; become paragraphs too. Subtrees whose class names boilerplate
/// (share bars, related lists, comments inside the content) are emitted as boilerplate with that reason.
/// </summary>
internal sealed class BlockEmitter
{
    private readonly PageFacts _facts;
    private readonly List<Block> _blocks = [];
    private readonly StringBuilder _text = new();
    private int _chars, _linkChars, _tagLinks, _start = -1;
    private bool _afterBreak;

    private BlockEmitter(PageFacts facts) => _facts = facts;

    private readonly record struct Context(BlockKind Kind, int Level, string? Reason, bool InLink);

    /// <summary>The blocks of <paramref name="roots"/> in document order.</summary>
    public static List<Block> Emit(IEnumerable<IElement> roots, PageFacts facts)
    {
        var emitter = new BlockEmitter(facts);
        foreach (var root in roots)
        {
            var f = facts.Get(root);
            if (f is null || f.Dropped)
                continue;
            var context = emitter.Enter(root, new Context(BlockKind.Paragraph, 0, f.OwnBoilerplate, root.LocalName == "a"));
            emitter.Walk(root, context);
            emitter.Flush(context);
        }
        return emitter._blocks;
    }

    private void Walk(IElement element, Context context)
    {
        foreach (var node in element.ChildNodes)
        {
            if (node.NodeType == NodeType.Text)
            {
                Append(node.TextContent, element, context);
                continue;
            }
            if (node is not IElement child)
                continue;
            var f = _facts.Get(child);
            if (f is { Dropped: true } && ChromeReason(child) is { } chrome)
            {
                // A sidebar, menu, footer or form inside the article: out of the body, but listed with its reason.
                Flush(context);
                EmitChrome(child, chrome);
                continue;
            }
            if (f is null || f.Dropped)
                continue;
            var inner = context;
            if (f.OwnBoilerplate is { } reason && inner.Reason is null)
                inner = inner with { Reason = reason };
            if (child.LocalName == "br")
            {
                LineBreak(context);
                continue;
            }
            if (child.LocalName == "a")
            {
                inner = inner with { InLink = true };
                if (child.GetAttribute("rel") is { } rel && rel.Contains("tag", StringComparison.OrdinalIgnoreCase))
                    _tagLinks++;
            }
            if (!f.IsBlock)
            {
                if (inner.Reason != context.Reason)
                {
                    // An inline widget (a share link list in a span): its own block, marked.
                    Flush(context);
                    Walk(child, inner);
                    Flush(inner);
                }
                else
                {
                    Walk(child, inner);
                }
                continue;
            }
            Flush(context);
            inner = Enter(child, inner);
            Walk(child, inner);
            Flush(inner);
        }
    }

    /// <summary>Longest text of a dropped chrome element that is listed (a longer one is a whole page section, left out).</summary>
    internal const int MaxListedChromeChars = 2000;

    /// <summary>
    /// The boilerplate reason of an element dropped by its tag that a reader sees (<c>aside</c> → "aside", <c>nav</c> and
    /// <c>menu</c> → "navigation", <c>footer</c> → "footer", <c>form</c> → "form"), or null for elements never shown
    /// (script, style, hidden ones) and every other tag. Only elements inside the main content reach this.
    /// </summary>
    private static string? ChromeReason(IElement e)
    {
        string? reason = e.LocalName switch
        {
            "aside" => "aside",
            "nav" or "menu" => "navigation",
            "footer" => "footer",
            "form" => "form",
            _ => null,
        };
        return reason is null || PageFacts.IsHidden(e) ? null : reason;
    }

    /// <summary>The visible text of a dropped chrome element as one marked block (scripts, styles and hidden parts left out).</summary>
    private void EmitChrome(IElement element, string reason)
    {
        var text = new StringBuilder();
        Collect(element, text);
        string normalized = TextNormalizer.Normalize(text.ToString());
        if (normalized.Length == 0 || normalized.Length > MaxListedChromeChars)
            return;
        _blocks.Add(new Block
        {
            Text = normalized,
            Kind = BlockKind.Paragraph,
            SourceStart = element.SourceReference?.Position.Position ?? -1,
            LinkDensity = 0,
            MarkupReason = reason,
        });

        static void Collect(INode node, StringBuilder into)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child.NodeType == NodeType.Text)
                    into.Append(child.TextContent);
                else if (child is IElement e && (!HtmlVocabulary.DropTags.Contains(e.LocalName) || ChromeReason(e) is not null)
                         && !PageFacts.IsHidden(e))
                {
                    into.Append(' ');
                    Collect(e, into);
                    into.Append(' ');
                }
            }
        }
    }

    /// <summary>The context inside a block element: its kind, and "related" for lists that are mostly links.</summary>
    private Context Enter(IElement e, Context context)
    {
        switch (e.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                return context with { Kind = BlockKind.Heading, Level = e.LocalName[1] - '0' };
            case "li" or "dt" or "dd":
                return context.Kind is BlockKind.BlockQuote or BlockKind.Caption ? context : context with { Kind = BlockKind.ListItem };
            case "blockquote":
                return context with { Kind = BlockKind.BlockQuote };
            case "figcaption" or "caption":
                return context with { Kind = BlockKind.Caption };
            case "pre":
                return context with { Kind = BlockKind.Preformatted };
            case "ul" or "ol":
                var f = _facts.Get(e);
                if (context.Reason is null && f is not null && f.LinkDensity > HtmlOptions.LinkListDensity)
                    return context with { Reason = "related" };
                return context;
            default:
                return context;
        }
    }

    private void Append(string text, IElement parent, Context context)
    {
        int commas = 0;
        int n = PageFacts.CountText(text, ref commas);
        bool hasWord = text.AsSpan().Trim().Length > 0;
        if (hasWord)
        {
            if (_start < 0)
                _start = parent.SourceReference?.Position.Position ?? -1;
            _afterBreak = false;
        }
        _text.Append(text);
        _chars += n;
        if (context.InLink)
            _linkChars += n;
    }

    /// <summary>A single &lt;br&gt; is a line break inside the paragraph; two in a row end it.</summary>
    private void LineBreak(Context context)
    {
        if (_afterBreak)
        {
            Flush(context);
            return;
        }
        _text.Append('\n');
        _afterBreak = true;
    }

    private void Flush(Context context)
    {
        _afterBreak = false;
        if (_text.Length == 0)
            return;
        string text = TextNormalizer.Normalize(_text.ToString());
        if (text.Length > 0)
        {
            double linkDensity = _chars == 0 ? 0 : Math.Min(1.0, (double)_linkChars / _chars);
            string? reason = context.Reason
                ?? (HtmlVocabulary.AdLabels.Contains(text) ? "ad"
                    // A tag list: mostly links marked rel="tag" (prose may link a tag too).
                    : _tagLinks >= HtmlOptions.MinTagLinks && linkDensity > HtmlOptions.LinkListDensity ? "navigation" : null);
            _blocks.Add(new Block
            {
                Text = text,
                Kind = context.Kind,
                Level = context.Level,
                SourceStart = _start,
                LinkDensity = linkDensity,
                MarkupReason = reason,
            });
        }
        _text.Clear();
        _chars = _linkChars = _tagLinks = 0;
        _start = -1;
    }
}

using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Ingest.Eval;

/// <summary>How <see cref="DumpRenderer"/> lays out a page: the habits of different scrapers' text dumps.</summary>
internal enum DumpStyle
{
    /// <summary>lynx-like: paragraphs hard-wrapped at 76 characters, blank lines between blocks, menu links one per line.</summary>
    Wrapped,
    /// <summary>Blank lines between blocks; a menu's links on one line joined by " | ".</summary>
    Pipes,
    /// <summary>One block per line, no blank lines (innerText-like); menu links one per line.</summary>
    Tight,
    /// <summary>Blank lines between blocks; a menu's links on one line separated by wide gaps (three spaces).</summary>
    Gaps,
}

/// <summary>
/// Renders an HTML page to a plain-text dump as a scraper would: the whole <c>&lt;body&gt;</c> (no main-content
/// extraction), block elements (p, div, headings, list items, table rows, figures, blockquotes …) end a line, <c>&lt;br&gt;</c>
/// breaks one, inline text is joined with whitespace collapsed; script, style, noscript, template, svg, iframe, select
/// and elements marked <c>hidden</c> or <c>display:none</c> are dropped. A block that is mostly links (three or more, at
/// least 80% of its characters, at most 200 others) is a menu and is laid out per <see cref="DumpStyle"/>; images leave nothing (a scraper
/// keeps no alt text). Used by <c>train-lines</c> and <c>lines</c> to make text dumps with a known body from the
/// benchmark pages.
/// </summary>
internal static partial class DumpRenderer
{
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "select", "head", "object", "canvas", "map", "audio", "video",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "figure", "figcaption",
        "pre", "form", "address", "hr", "fieldset", "legend", "details", "summary", "caption", "center", "body", "html",
        "menu", "dialog", "hgroup",
    };

    /// <summary>The style of a page: fixed by its name, so that every run renders a page the same way.</summary>
    public static DumpStyle StyleOf(string name) => (DumpStyle)(int)(Text.StableHash(name) % 4);

    /// <summary>One rendered block: its text and whether it sits in a list or menu (single line breaks around it).</summary>
    private sealed record Piece(string Text, bool Tight);

    /// <summary>Renders <paramref name="html"/> to a text dump in <paramref name="style"/>; LF line endings, no trailing space.</summary>
    public static string Render(string html, DumpStyle style)
    {
        using var doc = Parser.ParseDocument(html);
        var pieces = new List<Piece>();
        var line = new StringBuilder();
        if (doc.Body is { } body)
            Walk(body, style, pieces, line, inList: false);
        Flush(pieces, line, tight: false);
        var sb = new StringBuilder();
        for (int i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            if (i > 0)
                sb.Append(style == DumpStyle.Tight || p.Tight && pieces[i - 1].Tight ? "\n" : "\n\n");
            sb.Append(style == DumpStyle.Wrapped && !p.Tight ? Wrap(p.Text, 76) : p.Text);
        }
        return sb.Append('\n').ToString();
    }

    private static void Walk(INode node, DumpStyle style, List<Piece> pieces, StringBuilder line, bool inList)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                line.Append(t.Data);
                continue;
            }
            if (child is not IElement e || Dropped.Contains(e.LocalName) || IsHidden(e))
                continue;
            if (e.LocalName == "br")
            {
                Flush(pieces, line, inList);
                continue;
            }
            if (e.LocalName is "td" or "th")
            {
                line.Append(' ');
                Walk(e, style, pieces, line, inList);
                line.Append(' ');
                continue;
            }
            if (!BlockTags.Contains(e.LocalName))
            {
                Walk(e, style, pieces, line, inList);
                continue;
            }
            Flush(pieces, line, inList);
            bool list = inList || e.LocalName is "ul" or "ol" or "li" or "menu" or "nav";
            if (MenuLinks(e) is { } links)
            {
                if (style is DumpStyle.Pipes or DumpStyle.Gaps)
                    pieces.Add(new Piece(string.Join(style == DumpStyle.Pipes ? " | " : "   ", links), true));
                else
                    pieces.AddRange(links.Select(l => new Piece(l, true)));
                continue;
            }
            Walk(e, style, pieces, line, list);
            Flush(pieces, line, list);
        }
    }

    /// <summary>A menu has at most this many characters outside its links (labels, separators).</summary>
    private const int MaxMenuOtherChars = 200;

    /// <summary>The link texts of a block that is mostly links (3 or more, 80% of its characters, at most
    /// <see cref="MaxMenuOtherChars"/> other characters), else null.</summary>
    private static List<string>? MenuLinks(IElement e)
    {
        var anchors = e.QuerySelectorAll("a").Where(a => !a.Ancestors<IElement>().Any(x => x != e && Dropped.Contains(x.LocalName))).ToList();
        if (anchors.Count < 3)
            return null;
        var texts = anchors.Select(a => Collapse(VisibleText(a))).Where(s => s.Length > 0).ToList();
        int all = Collapse(VisibleText(e)).Length, other = all - texts.Sum(s => s.Length);
        return texts.Count >= 3 && all > 0 && other <= 0.2 * all && other <= MaxMenuOtherChars ? texts : null;
    }

    private static string VisibleText(IElement e)
    {
        var sb = new StringBuilder();
        foreach (var n in e.Descendants())
            if (n is IText t && !t.Ancestors<IElement>().TakeWhile(x => x != e).Any(x => Dropped.Contains(x.LocalName)))
                sb.Append(t.Data).Append(' ');
        return sb.ToString();
    }

    private static bool IsHidden(IElement e) =>
        e.HasAttribute("hidden") || e.GetAttribute("style") is { } s && HiddenStyle().IsMatch(s);

    private static void Flush(List<Piece> pieces, StringBuilder line, bool tight)
    {
        string text = Collapse(line.ToString());
        line.Clear();
        if (text.Length > 0)
            pieces.Add(new Piece(text, tight));
    }

    private static string Collapse(string s) => Whitespace().Replace(s, " ").Trim();

    private static string Wrap(string text, int width)
    {
        var sb = new StringBuilder();
        int col = 0;
        foreach (var word in text.Split(' '))
        {
            if (col > 0 && col + 1 + word.Length > width)
            {
                sb.Append('\n');
                col = 0;
            }
            else if (col > 0)
            {
                sb.Append(' ');
                col++;
            }
            sb.Append(word);
            col += word.Length;
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"[\s\u00A0]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();
}

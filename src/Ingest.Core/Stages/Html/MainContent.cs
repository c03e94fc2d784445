using AngleSharp.Dom;

namespace Ingest.Core.Stages.Html;

/// <summary>Finds the element holding the article text by scoring containers on paragraph text and link density.</summary>
internal static class MainContent
{
    /// <summary>Elements that never hold article text.</summary>
    internal static readonly HashSet<string> DropTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select", "input",
        "nav", "header", "footer", "aside", "object", "embed", "video", "audio",
    };

    public static IElement Find(IDocument page)
    {
        var body = page.Body ?? page.DocumentElement;
        IElement? best = null;
        double bestScore = 0;
        var scores = new Dictionary<IElement, double>();
        foreach (var p in body.QuerySelectorAll("p, pre, blockquote"))
        {
            if (IsDropped(p))
                continue;
            string text = p.TextContent.Trim();
            if (text.Length < 25)
                continue;
            double score = 1 + Math.Min(text.Length / 100.0, 3) + text.Count(c => c == ',');
            var parent = p.ParentElement;
            if (parent is null)
                continue;
            scores[parent] = scores.GetValueOrDefault(parent) + score;
            if (parent.ParentElement is { } grand)
                scores[grand] = scores.GetValueOrDefault(grand) + score / 2;
        }
        foreach (var (element, raw) in scores)
        {
            double score = raw * (1 - LinkDensity(element));
            if (score > bestScore)
            {
                best = element;
                bestScore = score;
            }
        }
        return best ?? body;
    }

    internal static bool IsDropped(IElement e)
    {
        for (var x = e; x is not null; x = x.ParentElement)
        {
            if (DropTags.Contains(x.LocalName))
                return true;
            if (x.HasAttribute("hidden") || (x.GetAttribute("aria-hidden") == "true")
                || (x.GetAttribute("style") ?? "").Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    internal static double LinkDensity(IElement e)
    {
        int total = e.TextContent.Length;
        if (total == 0)
            return 0;
        int linked = e.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
        return Math.Min(1.0, (double)linked / total);
    }
}

using AngleSharp.Dom;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// Picks the headline (trafilatura's <c>extract_title</c>): an &lt;h1&gt; that the meta title or &lt;title&gt;
/// contains is the headline without the site name glued on; else the OpenGraph/JSON-LD title, else a single
/// &lt;h1&gt;, else &lt;title&gt;, each with a site-name part removed. Titles are never split at a colon.
/// </summary>
internal static class TitleChooser
{
    /// <summary>An &lt;h1&gt; shorter than this is a logo or section name, not a headline.</summary>
    internal const int MinTitleChars = 10;
    /// <summary>A title part of at most this many words, beside a longer part, is taken for the site name.</summary>
    internal const int MaxSiteNameWords = 4;

    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " • "];

    public static string? Choose(IDocument page, string? ldHeadline)
    {
        string? meta = Meta(page, "og:title") ?? Clean(ldHeadline) ?? Meta(page, "twitter:title") ?? Meta(page, "dc.title");
        string? docTitle = Clean(page.Title);
        string? site = Meta(page, "og:site_name") ?? Meta(page, "application-name");
        var h1s = Headings(page, "h1");
        // The longest heading that the meta title or <title> contains: a logo <h1> ("Site") loses to the post title.
        var contained = h1s.Concat(Headings(page, TitleClassSelector))
            .Where(h => (meta is not null && Contains(meta, h)) || (docTitle is not null && Contains(docTitle, h)))
            .MaxBy(h => h.Length);
        if (contained is not null && docTitle is not null && Remainder(docTitle, contained) is { } rest
            && BoilerplateStage.WordCount(rest) > BoilerplateStage.WordCount(contained) && (meta is null || !Contains(meta, contained)))
            return rest; // the heading was the blog's name: "Blog Name | Post title"
        if (contained is not null && (site is null || !Same(contained, site)))
            return contained;
        // A meta title cut short ("… complex thinkin", "… complex …") that a heading completes.
        if (meta is not null && meta.Length >= MinTitleChars * 2 && h1s.FirstOrDefault(h => Completes(h, meta)) is { } full)
            return full;
        if (meta is not null)
            return StripSiteName(meta, site);
        if (h1s.Count == 1)
            return h1s[0];
        return docTitle is null ? null : StripSiteName(docTitle, site);
    }

    /// <summary>Removes a leading or trailing site-name part ("Headline | Site", "Site - Headline").</summary>
    internal static string StripSiteName(string title, string? site)
    {
        foreach (var sep in Separators)
        {
            int last = title.LastIndexOf(sep, StringComparison.Ordinal);
            if (last > 0)
            {
                string head = title[..last].Trim(), tail = title[(last + sep.Length)..].Trim();
                if (IsSiteName(tail, head, site))
                    return head;
            }
            int first = title.IndexOf(sep, StringComparison.Ordinal);
            if (first > 0)
            {
                string head = title[..first].Trim(), tail = title[(first + sep.Length)..].Trim();
                if (site is not null && Same(head, site) && tail.Length > 0)
                    return tail;
            }
        }
        return title;
    }

    private static bool IsSiteName(string part, string rest, string? site)
    {
        if (part.Length == 0 || rest.Length == 0)
            return false;
        if (site is not null)
            return Same(part, site) || part.Contains(site, StringComparison.OrdinalIgnoreCase);
        return BoilerplateStage.WordCount(part) <= MaxSiteNameWords && BoilerplateStage.WordCount(rest) > 2 * BoilerplateStage.WordCount(part);
    }

    /// <summary>Headline elements that are not &lt;h1&gt; (Blogger and WordPress themes put the post title in an h2/h3).</summary>
    private const string TitleClassSelector = "h2[class*='title'], h3[class*='title'], [itemprop='headline'], [class*='headline']";

    private static List<string> Headings(IDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(h => TextNormalizer.Normalize(h.TextContent))
            .Where(t => t.Length >= MinTitleChars).Distinct().ToList();

    /// <summary>
    /// When <paramref name="part"/> opens or closes the &lt;title&gt;, the longest of the other separator-delimited
    /// parts ("Blog | Archive » Post title" without "Blog" gives "Post title"); else null.
    /// </summary>
    private static string? Remainder(string docTitle, string part)
    {
        string rest;
        if (docTitle.StartsWith(part, StringComparison.OrdinalIgnoreCase))
            rest = docTitle[part.Length..];
        else if (docTitle.EndsWith(part, StringComparison.OrdinalIgnoreCase))
            rest = docTitle[..^part.Length];
        else
            return null;
        string best = rest.Split(Separators.Append(": ").ToArray(), StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim('|', '-', '–', '—', ':', '·', '»', '•', ' ')).DefaultIfEmpty("").MaxBy(p => p.Length)!;
        return best.Length >= MinTitleChars ? best : null;
    }

    private static bool Completes(string heading, string cut)
    {
        string stem = cut.TrimEnd('…', '.', ' ');
        if (stem.Length >= heading.Length || !heading.StartsWith(stem, StringComparison.OrdinalIgnoreCase))
            return false;
        return stem.Length < cut.Length || char.IsLetter(heading[stem.Length]);
    }

    private static bool Same(string a, string b) => TextNormalizer.Key(a) == TextNormalizer.Key(b);

    private static bool Contains(string title, string h1)
    {
        string t = TextNormalizer.Key(title), h = TextNormalizer.Key(h1);
        return h.Length > 0 && t.Contains(h, StringComparison.Ordinal);
    }

    private static string? Meta(IDocument page, string key)
    {
        foreach (var meta in page.Head?.QuerySelectorAll("meta") ?? page.QuerySelectorAll("meta"))
        {
            string? k = meta.GetAttribute("property") ?? meta.GetAttribute("name");
            if (k is not null && string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                return Clean(meta.GetAttribute("content"));
        }
        return null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : TextNormalizer.Normalize(s);
}

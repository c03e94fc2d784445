using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// Metadata hints read from the page's markup when meta tags and JSON-LD say nothing (trafilatura's
/// <c>extract_author</c>, <c>extract_sitename</c> and htmldate's element search): bylines marked by
/// <c>itemprop</c>, <c>rel</c> or a byline class; dates in date-classed elements; the site name that the
/// &lt;title&gt; carries beside the headline. Added after the structured sources, so those win.
/// </summary>
internal static partial class DomHints
{
    /// <summary>A byline element with more words than this is a paragraph or a bio, not a byline.</summary>
    internal const int MaxBylineWords = 16;
    /// <summary>A site-name remainder of the title has at most this many words.</summary>
    internal const int MaxSiteNameWords = 6;
    /// <summary>Elements examined per selector.</summary>
    internal const int MaxElements = 8;

    /// <summary>Byline selectors, most deliberate first; the first that yields a name wins.</summary>
    private static readonly string[] AuthorSelectors =
    [
        "[itemprop~='author'], a[rel~='author']",
        "[class*='byline'], [class*='author-name'], [class*='author__name'], [class*='authorname'], [class~='author']",
        "a[href*='/author/'], a[href*='/authors/'], [class*='writer'], [class*='contributor']",
    ];
    private const string DateSelector =
        "[itemprop='datePublished'], [class*='date'], [class*='published'], [class*='timestamp'], [class*='dateline']";

    public static void Collect(IDocument page, ArticleDocument document, string? title)
    {
        var hints = document.Extend(Layers.Hints);
        if (!hints.Contains(HintKeys.Author))
            AddAuthors(page, document);
        // Structured dates that are not real dates ("0001-01-01T00:00:00Z" for "none") do not stop the element search.
        if (!hints.All(HintKeys.Published).Any(v => DateParser.ToIso(v) is not null))
            AddPublished(page, document);
        if (!hints.Contains(HintKeys.SiteName) && title is not null && page.Title is { } docTitle)
            document.AddHint(HintKeys.SiteName, SiteFromTitle(TextNormalizer.Normalize(docTitle), title));
    }

    private static void AddAuthors(IDocument page, ArticleDocument document)
    {
        foreach (var selector in AuthorSelectors)
        {
            bool found = false;
            foreach (var e in page.QuerySelectorAll(selector).Take(MaxElements))
            {
                string text = BylinePrefix().Replace(TextNormalizer.Normalize(e.TextContent), "");
                if (text.Length == 0 || BoilerplateStage.WordCount(text) > MaxBylineWords)
                    continue;
                bool explicitAuthor = selector == AuthorSelectors[0];
                foreach (var part in NameSplit().Split(text))
                {
                    if (PersonName(part.Trim(), requireGivenName: !explicitAuthor) is { } name)
                    {
                        document.AddHint(HintKeys.Author, name);
                        found = true;
                    }
                }
            }
            if (found)
                return;
        }
    }

    /// <summary>The part as a person's name (2-4 capitalised words, a known given name first unless the markup says
    /// itemprop/rel author, no
    /// organisation or masthead word), else null.</summary>
    internal static string? PersonName(string part, bool requireGivenName = true)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 4 || words.Any(w => !char.IsUpper(w[0])))
            return null;
        if (words.All(w => w.All(c => !char.IsLetter(c) || char.IsUpper(c))))
            words = words.Select(w => w[0] + w[1..].ToLowerInvariant()).ToArray();
        if (words.Any(w => Lexicons.OrgHeads.Contains(w) || HtmlVocabulary.MastheadWords.Contains(w)))
            return null;
        return !requireGivenName || Lexicons.FirstNames.Contains(words[0]) ? string.Join(' ', words) : null;
    }

    private static void AddPublished(IDocument page, ArticleDocument document)
    {
        foreach (var e in page.QuerySelectorAll(DateSelector).Take(MaxElements))
        {
            string? value = e.GetAttribute("datetime") ?? e.GetAttribute("content");
            string? iso = value is not null ? DateParser.ToIso(value) : null;
            string text = TextNormalizer.Normalize(e.TextContent);
            if (iso is null && text.Length is > 0 and < 120)
                iso = DateParser.Find(text);
            if (iso is not null)
            {
                document.AddHint(HintKeys.Published, iso);
                return;
            }
        }
    }

    /// <summary>What the &lt;title&gt; has besides the headline ("Headline | Site", "Site: Headline"), when short.</summary>
    internal static string? SiteFromTitle(string docTitle, string headline)
    {
        int at = docTitle.IndexOf(headline, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || headline.Length == 0)
            return null;
        string rest = (docTitle[..at] + " " + docTitle[(at + headline.Length)..]).Trim().Trim('|', '-', '–', '—', ':', '·', '»', '•', ' ');
        if (rest.Length == 0 || BoilerplateStage.WordCount(rest) > MaxSiteNameWords || rest.IndexOfAny(['|', ':']) >= 0)
            return null;
        return rest;
    }

    [GeneratedRegex(@"^(?:(?:written |posted |reported )?by|von|par|por|door|di|de|av|af)\s*:?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePrefix();
    [GeneratedRegex(@"\s*(?:,|;|\||\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")]
    private static partial Regex NameSplit();
}

using System.Text.Json;
using AngleSharp.Dom;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Html;

/// <summary>Reads metadata hints from an HTML page: OpenGraph and other meta tags, JSON-LD, &lt;time&gt;, canonical link, lang.</summary>
internal static class HtmlMetadata
{
    /// <summary>Adds the page's metadata hints to <paramref name="document"/>, best title first.</summary>
    /// <returns>The longest JSON-LD <c>articleBody</c>, or null: the cascade's cross-check and fallback.</returns>
    public static string? Collect(IDocument page, ArticleDocument document)
    {
        var ld = new LdFacts();
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
            ReadJsonLd(script.TextContent, ld);
        document.AddHint(HintKeys.Title, TitleChooser.Choose(page, ld.Headline));
        ld.CopyTo(document);

        foreach (var meta in page.QuerySelectorAll("meta"))
        {
            string key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? "").ToLowerInvariant();
            string? content = meta.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
                continue;
            switch (key)
            {
                case "og:title" or "twitter:title" or "dc.title" or "headline":
                    document.AddHint(HintKeys.Title, content); break;
                case "og:description" or "description" or "twitter:description" or "dc.description":
                    document.AddHint(HintKeys.Subtitle, content); break;
                case "og:site_name" or "application-name" or "publisher" or "dc.publisher" or "twitter:site":
                    document.AddHint(HintKeys.SiteName, content.TrimStart('@')); break;
                case "author" or "article:author" or "dc.creator" or "sailthru.author" or "parsely-author" or "byl":
                    if (!content.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                        document.AddHint(HintKeys.Author, content);
                    break;
                case "article:published_time" or "datepublished" or "pubdate" or "publishdate" or "dc.date" or "dc.date.issued"
                    or "date" or "parsely-pub-date" or "sailthru.date" or "og:published_time":
                    document.AddHint(HintKeys.Published, content); break;
                case "og:url":
                    document.AddHint(HintKeys.Url, content); break;
                case "og:locale" or "language" or "content-language":
                    document.AddHint(HintKeys.Language, content); break;
            }
        }
        var canonical = page.QuerySelector("link[rel='canonical']")?.GetAttribute("href");
        document.AddHint(HintKeys.CanonicalUrl, canonical);
        document.AddHint(HintKeys.Language, page.DocumentElement?.GetAttribute("lang"));
        document.AddHint(HintKeys.Title, page.QuerySelector("h1")?.TextContent);
        document.AddHint(HintKeys.Title, page.Title);
        foreach (var time in page.QuerySelectorAll("time[datetime]").Take(3))
            document.AddHint(HintKeys.Published, time.GetAttribute("datetime"));
        DomHints.Collect(page, document, document.Hint(HintKeys.Title));
        return ld.ArticleBody;
    }

    /// <summary>
    /// Removes subtitle hints that copy a paragraph from inside the article body: such a meta description is an
    /// excerpt, not a standfirst, and taking it for one would cut that paragraph from the body.
    /// </summary>
    public static void DropExcerptSubtitles(HintSet hints, List<Block> blocks)
    {
        if (!hints.Contains(HintKeys.Subtitle))
            return;
        var paragraphs = blocks.Where(b => b.MarkupReason is null).Skip(1)
            .Where(b => b.Kind == BlockKind.Paragraph).Select(b => TextNormalizer.Key(b.Text)).ToHashSet();
        hints.RemoveWhere(HintKeys.Subtitle, s => paragraphs.Contains(TextNormalizer.Key(s)));
    }

    /// <summary>What the JSON-LD article objects say; copied to the hints after the chosen title.</summary>
    private sealed class LdFacts
    {
        public string? Headline { get; set; }
        public string? ArticleBody { get; set; }
        public List<(string Key, string? Value)> Hints { get; } = [];

        public void AddHint(string key, string? value) => Hints.Add((key, value));

        public void CopyTo(ArticleDocument document)
        {
            foreach (var (key, value) in Hints)
                document.AddHint(key, value);
        }
    }

    private static void ReadJsonLd(string json, LdFacts document)
    {
        try
        {
            using var ld = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            Visit(ld.RootElement, document, 0);
        }
        catch (JsonException)
        {
            // Broken JSON-LD is common. The usual fault is a raw line break inside a string: retry with control
            // characters as spaces (outside strings they are whitespace anyway); otherwise the other sources still count.
            if (!json.Any(char.IsControl))
                return;
            try
            {
                string cleaned = new(json.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
                using var ld = JsonDocument.Parse(cleaned, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Visit(ld.RootElement, document, 0);
            }
            catch (JsonException)
            {
            }
        }
    }

    private static void Visit(JsonElement e, LdFacts document, int depth)
    {
        if (depth > 4)
            return;
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                Visit(item, document, depth + 1);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object)
            return;
        if (e.TryGetProperty("@graph", out var graph))
            Visit(graph, document, depth + 1);
        string type = e.TryGetProperty("@type", out var t) ? t.ToString() : "";
        if (!type.Contains("Article", StringComparison.OrdinalIgnoreCase) && !type.Contains("Posting", StringComparison.OrdinalIgnoreCase)
            && !type.Contains("Report", StringComparison.OrdinalIgnoreCase))
            return;
        document.Headline ??= Str(e, "headline");
        if (Str(e, "articleBody") is { } body && body.Length > (document.ArticleBody?.Length ?? 0))
            document.ArticleBody = body;
        document.AddHint(HintKeys.Title, Str(e, "headline"));
        document.AddHint(HintKeys.Published, Str(e, "datePublished"));
        document.AddHint(HintKeys.Subtitle, Str(e, "description"));
        document.AddHint(HintKeys.Language, Str(e, "inLanguage"));
        document.AddHint(HintKeys.CanonicalUrl, Str(e, "url") ?? Str(e, "mainEntityOfPage"));
        foreach (var name in Names(e, "author"))
            document.AddHint(HintKeys.Author, name);
        foreach (var name in Names(e, "publisher"))
            document.AddHint(HintKeys.SiteName, name);
        foreach (var name in Names(e, "isBasedOn").Concat(Names(e, "sourceOrganization")))
            document.AddHint(HintKeys.OriginalSource, name);
    }

    private static string? Str(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
            return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
            _ => null,
        };
    }

    private static IEnumerable<string> Names(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
            yield break;
        var items = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v];
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.String)
                yield return item.GetString()!;
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                yield return n.GetString()!;
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("publisher", out var p))
                foreach (var pn in Names(item, "publisher"))
                    yield return pn;
        }
    }
}

using System.Globalization;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ingest.Functions.Browser;

/// <summary>
/// The pages of the browser view, rendered on the server from what the store returns: the article list with its filter
/// form and paging, one article (body with quotes and mentions marked up, removed boilerplate, quotes, entities), and the
/// failures. No script: every page is HTML and one inline style sheet (<see cref="HtmlPages"/>).
/// </summary>
internal static class BrowserPages
{
    /// <summary>The filters of the list form, in order, with their labels.</summary>
    private static readonly (string Name, string Label, string Type)[] Filters =
    [
        ("entity", "Entity", "text"), ("speaker", "Speaker", "text"), ("source", "Source", "text"),
        ("from", "Published from", "date"), ("to", "to", "date"),
    ];

    /// <summary>The article list: the filter form, one row per article, a link to the next page.</summary>
    /// <param name="page">The page the store returned.</param>
    /// <param name="query">The filters and paging of the request, as given (blank values left out).</param>
    /// <param name="links">The links of the request.</param>
    public static IActionResult ArticleList(Page<ArticleSummary> page, IQueryCollection query, UiLinks links)
    {
        string? Value(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var html = new HtmlWriter().Open("div", ("class", "panel")).Element("h1", "Articles")
            .Open("form", ("class", "filters"), ("method", "get"), ("action", UiLinks.ListPath));
        foreach (var (name, label, type) in Filters)
            html.Open("label").Text(label).Open("input", ("type", type), ("name", name), ("value", Value(name))).Close("label");
        string? order = Value("order");
        html.Open("label").Text("Order").Open("select", ("name", "order"))
            .Element("option", "by key", ("value", "key"))
            .Element("option", "newest first", ("value", "newest"), ("selected", string.Equals(order, "newest", StringComparison.OrdinalIgnoreCase) ? "selected" : null))
            .Close("select").Close("label");
        if (links.Key is { } key)
            html.Open("input", ("type", "hidden"), ("name", QueryParameters.FunctionKey), ("value", key));
        html.Raw("<button type=\"submit\">Filter</button>").Link(links.Articles(), "Clear").Close("form").Close("div");

        if (page.Items.Count == 0)
            html.Element("p", "No articles match.", ("class", "empty"));
        else
        {
            html.Raw("<table class=\"articles\"><thead><tr><th>Title</th><th>Published</th><th>Publisher</th><th>Original source</th><th>Status</th></tr></thead><tbody>");
            foreach (var item in page.Items)
            {
                html.Open("tr").Open("td").Link(links.Article(item.Id), item.Title ?? item.Source.Name, "title")
                    .Element("div", item.Source.ToString(), ("class", "removed")).Close("td")
                    .Element("td", item.PublishedAt ?? "—")
                    .Open("td");
                SourceLink(html, item.Publisher, links);
                html.Close("td").Open("td");
                SourceLink(html, item.OriginalSource, links);
                html.Close("td").Open("td", ("class", "status-" + item.Status)).Text(item.Status);
                if (item.Failure is { } failure)
                    html.Element("div", $"{failure.Stage}: {failure.Reason}", ("class", "removed"));
                html.Close("td").Close("tr");
            }
            html.Raw("</tbody></table>");
        }
        html.Open("div", ("class", "pager"));
        if (Value(QueryParameters.ContinuationToken) is not null)
            html.Link(links.Articles(Carried(query, null)), "First page");
        if (page.ContinuationToken is { } next)
            html.Link(links.Articles(Carried(query, next)), "Next page", "next");
        html.Close("div");
        return HtmlPages.Page("Articles", html, links);
    }

    /// <summary>The filters of the request with another continuation token (null: the first page).</summary>
    private static (string, string?)[] Carried(IQueryCollection query, string? token) =>
    [
        .. QueryParameters.ArticleListParameters.Where(p => p != QueryParameters.ContinuationToken)
            .Select(p => (p, query.TryGetValue(p, out var v) ? (string?)v.ToString() : null)),
        (QueryParameters.ContinuationToken, token),
    ];

    private static void SourceLink(HtmlWriter html, string? source, UiLinks links)
    {
        if (source is null)
            html.Text("—");
        else
            html.Link(links.Articles(("source", source)), source, "source");
    }

    /// <summary>
    /// One article: title, metadata, the body with quotes and mentions marked up (<see cref="BodyMarkup"/>), the removed
    /// boilerplate collapsed with its reasons in the summary line, the quotes with their speakers, and the entities. With a
    /// failure, a banner says why the latest attempt failed (and the record shown, if any, is the last good one).
    /// </summary>
    public static IActionResult Article(ArticleRecord? record, IngestFailure? failure, UiLinks links, Story? story = null)
    {
        var html = new HtmlWriter();
        if (failure is not null)
        {
            html.Open("div", ("class", "panel failure")).Element("h2", record is null ? "This file could not be processed" : "The latest attempt failed")
                .Open("p", ("class", "error")).Element("code", failure.Stage).Raw(" ").Text(failure.Reason).Close("p")
                .Element("p", $"{failure.Source} · {failure.ErrorType} · {failure.FailedAt:u}" + (record is null ? "" : " · below: the last good record"),
                    ("class", "removed"))
                .Close("div");
            if (record is null)
                return HtmlPages.Page("Failed: " + failure.Source.Name, html, links, StatusCodes.Status422UnprocessableEntity);
        }
        if (record is null)
            throw new ArgumentNullException(nameof(record), "Either a record or a failure is needed.");

        html.Raw("<div class=\"layout\"><article>").Element("h1", record.Title ?? record.Source.Name, ("class", "title"));
        if (record.Subtitle is { } subtitle)
            html.Element("p", subtitle, ("class", "subtitle"));
        html.Open("dl", ("class", "meta"));
        Meta(html, "Authors", record.Authors.Count == 0 ? null : string.Join(", ", record.Authors));
        Meta(html, "Published", record.PublishedAt);
        if (record.Publisher is { } publisher)
            html.Element("dt", "Publisher").Open("dd").Link(links.Articles(("source", publisher)), publisher, "source").Close("dd");
        if (record.OriginalSource is { } original)
            html.Element("dt", "Original source").Open("dd").Link(links.Articles(("source", original)), original, "source").Close("dd");
        if (record.CanonicalUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            html.Element("dt", "Canonical URL").Open("dd").Open("a", ("href", uri.AbsoluteUri), ("rel", "noopener noreferrer nofollow")).Text(url).Close("a").Close("dd");
        Meta(html, "File", record.Source.ToString());
        Meta(html, "Language", record.Language);
        Meta(html, "Pipeline", record.PipelineVersion);
        html.Close("dl");
        if (record.Warnings.Count > 0)
        {
            // What decoding repaired (a bad byte replaced): shown above the text it affects.
            html.Open("ul", ("class", "warnings"));
            foreach (string warning in record.Warnings)
                html.Element("li", warning, ("class", "error"));
            html.Close("ul");
        }
        html.Open("div", ("class", "body"));
        var placed = BodyMarkup.Write(html, record, links);
        html.Close("div");
        Boilerplate(html, record.Boilerplate);
        html.Raw("</article><aside>");
        Copies(html, story, links);
        Quotes(html, record.Quotes, placed, links);
        Entities(html, record.Entities, links);
        html.Raw("</aside></div>");
        return HtmlPages.Page(record.Title ?? record.Source.Name, html, links,
            failure is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static void Meta(HtmlWriter html, string label, string? value)
    {
        if (value is not null)
            html.Element("dt", label).Element("dd", value);
    }

    private static void Boilerplate(HtmlWriter html, IReadOnlyList<BoilerplateItem> removed)
    {
        if (removed.Count == 0)
            return;
        var reasons = removed.GroupBy(b => b.Reason, StringComparer.Ordinal).Select(g => (g.Key, Count: g.Count()));
        html.Open("details", ("class", "boilerplate")).Open("summary")
            .Text($"Removed boilerplate: {removed.Count} {(removed.Count == 1 ? "block" : "blocks")} ");
        foreach (var (reason, count) in reasons)
            html.Element("span", count == 1 ? reason : $"{reason} ×{count}", ("class", "reason"));
        html.Close("summary").Open("ul");
        foreach (var item in removed)
            html.Open("li").Element("span", item.Reason, ("class", "reason")).Raw(" ").Element("span", item.Text, ("class", "removed")).Close("li");
        html.Close("ul").Close("details");
    }

    /// <summary>The other copies of the article's story (republications, the same file under other names), when there are any.</summary>
    private static void Copies(HtmlWriter html, Story? story, UiLinks links)
    {
        if (story is null || story.Members.Count < 2)
            return;
        html.Open("section", ("class", "copies")).Element("h2", $"Copies of this story ({story.Members.Count - 1})");
        if (story.OriginalSource is { } original)
            html.Open("p", ("class", "removed")).Text("Original source: ").Link(links.Articles(("source", original)), original, "source").Close("p");
        html.Open("ul");
        foreach (var member in story.Members.Where(m => m.Id != story.ArticleId))
        {
            string detail = string.Join(" · ", new[]
            {
                member.Publisher, member.PublishedAt,
                member.SameContent ? "same file" : (Math.Round(member.Similarity * 100)).ToString(CultureInfo.InvariantCulture) + "% alike",
                member.Id == story.Id ? "first stored" : null,
                member.OriginalSourceMatches ? null : "credits another source",
            }.OfType<string>());
            html.Open("li").Link(links.Article(member.Id), member.Title ?? member.Source.Name, "copy")
                .Element("div", detail, ("class", "removed")).Close("li");
        }
        html.Close("ul").Close("section");
    }

    private static void Quotes(HtmlWriter html, IReadOnlyList<QuoteRecord> quotes, IReadOnlyList<IReadOnlyList<BodyMarkup.Span>> placed, UiLinks links)
    {
        html.Open("section", ("class", "quotes")).Element("h2", $"Quotes ({quotes.Count})").Open("ol");
        for (int i = 0; i < quotes.Count; i++)
        {
            var quote = quotes[i];
            html.Open("li").Element("q", quote.Text).Raw(" — ");
            if (quote.Speaker is { } speaker)
                html.Link(links.Speaker(speaker), speaker, "speaker", "Articles quoting " + speaker);
            else
                html.Text("speaker not named");
            html.Open("div", ("class", "removed")).Text(string.Join(" · ", new[] { quote.SpeakerKind, quote.Cue,
                "¶" + (quote.Paragraph + 1).ToString(CultureInfo.InvariantCulture) }.OfType<string>()));
            if (placed[i].Count > 0)
                html.Raw(" · ").Link("#" + BodyMarkup.QuoteAnchor(i), "in the text");
            html.Close("div").Close("li");
        }
        html.Close("ol").Close("section");
    }

    private static void Entities(HtmlWriter html, IReadOnlyList<EntityRecord> entities, UiLinks links)
    {
        html.Open("section", ("class", "entities")).Element("h2", $"Entities ({entities.Count})").Open("ul");
        foreach (var entity in entities.OrderByDescending(e => e.Mentions).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            html.Open("li").Link(links.Entity(entity.Name), entity.Name, "entity entity-" + entity.Type, "Articles naming " + entity.Name)
                .Element("span", $" {entity.Type} · {entity.Mentions} {(entity.Mentions == 1 ? "mention" : "mentions")}" +
                    (entity.Aliases.Count == 0 ? "" : " · also " + string.Join(", ", entity.Aliases)), ("class", "removed"))
                .Close("li");
        }
        html.Close("ul").Close("section");
    }

    /// <summary>The failure records, one row each, with a link to the next page.</summary>
    public static IActionResult Failures(Page<IngestFailure> page, bool paged, UiLinks links)
    {
        var html = new HtmlWriter().Element("h1", "Failures");
        if (page.Items.Count == 0)
            html.Element("p", "No file failed.", ("class", "empty"));
        else
        {
            html.Raw("<table class=\"failures\"><thead><tr><th>File</th><th>Stage</th><th>Reason</th><th>Error</th><th>Size</th><th>Failed at</th></tr></thead><tbody>");
            foreach (var failure in page.Items)
            {
                html.Open("tr").Open("td").Link(links.Article(failure.Id), failure.Source.ToString()).Close("td")
                    .Open("td").Element("code", failure.Stage).Close("td")
                    .Element("td", failure.Reason).Element("td", failure.ErrorType)
                    .Element("td", failure.SizeBytes < 0 ? "—" : failure.SizeBytes.ToString("N0", CultureInfo.InvariantCulture) + " B")
                    .Element("td", failure.FailedAt.ToString("u", CultureInfo.InvariantCulture)).Close("tr");
            }
            html.Raw("</tbody></table>");
        }
        html.Open("div", ("class", "pager"));
        if (paged)
            html.Link(links.Failures(), "First page");
        if (page.ContinuationToken is { } next)
            html.Link(links.Failures(next), "Next page", "next");
        html.Close("div");
        return HtmlPages.Page("Failures", html, links);
    }
}

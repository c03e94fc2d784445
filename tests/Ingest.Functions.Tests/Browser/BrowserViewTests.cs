using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Browser;
using Ingest.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingest.Functions.Tests.Browser;

/// <summary>The pages of the browser view, rendered over the fake store and read back as a browser would parse them.</summary>
public sealed class BrowserViewTests
{
    private const string Id = "0123456789abcdef";
    private readonly Harness _h = new();
    private BrowserViewFunctions View => new(_h.Store, NullLogger<BrowserViewFunctions>.Instance);

    /// <summary>A made-up article: a quote split by its attribution, an alias, an entity inside a quote, boilerplate, a script.</summary>
    private static ArticleRecord Record(string body = "") => new()
    {
        Id = Id,
        Source = new SourceRef("articles", "news/reading-room.txt"),
        Title = "Tidewater Library Opens a <b>Night</b> Reading Room",
        Authors = ["Priya Castellanos"],
        PublishedAt = "2025-06-03",
        Publisher = "Alder Gazette",
        CanonicalUrl = "javascript:alert(1)",
        Body = body.Length > 0 ? body :
            "The Tidewater Public Library opened a night reading room on Monday.\n\n" +
            "“People who work late deserve a quiet place,” said Tomasz Okafor. “Tidewater Public Library will stay open.”\n\n" +
            "Okafor said forty people came. A note read <script>document.title='pwned'</script> on the door.",
        Boilerplate = [new BoilerplateItem("Share this article on Facebook.", "share"), new BoilerplateItem("Sign up for our <i>newsletter</i>.", "promo")],
        Quotes = [new QuoteRecord("People who work late deserve a quiet place, Tidewater Public Library will stay open.", "Tomasz Okafor", SpeakerKinds.Person, "said", 1)],
        Entities =
        [
            new EntityRecord("Tomasz Okafor", EntityTypes.Person, 2, ["Okafor"]),
            new EntityRecord("Tidewater Public Library", EntityTypes.Organization, 2, []),
            new EntityRecord("Tidewater", EntityTypes.Location, 1, []),
        ],
        PipelineVersion = "0.3.1",
        ContentHash = new string('a', 64),
    };

    private static async Task<(int Status, string Html, IDocument Dom, IHeaderDictionary Headers)> RenderAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(),
            new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        string html = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        return (context.Response.StatusCode, html, new HtmlParser().ParseDocument(html), context.Response.Headers);
    }

    [Fact]
    public async Task Article_text_is_shown_as_text_a_script_in_it_is_not_markup_and_the_page_may_run_no_script()
    {
        _h.Store.Records[Id] = Record();
        var request = HttpTestContext.Get();
        var (status, html, dom, headers) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);

        Assert.Equal(200, status);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Empty(dom.QuerySelectorAll("script, b, i"));
        Assert.Contains("A note read <script>document.title='pwned'</script> on the door.", dom.QuerySelector(".body")!.TextContent);
        Assert.Equal("Tidewater Library Opens a <b>Night</b> Reading Room", dom.QuerySelector("h1.title")!.TextContent);
        Assert.Equal("Tidewater Library Opens a <b>Night</b> Reading Room · Ingest", dom.Title);
        // A javascript: canonical URL is no link.
        Assert.Empty(dom.QuerySelectorAll("a[href^='javascript']"));
        string csp = headers.ContentSecurityPolicy.ToString();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
    }

    [Fact]
    public async Task The_records_warnings_are_shown_above_the_text_and_a_clean_record_shows_none()
    {
        _h.Store.Records[Id] = Record() with { Warnings = ["decode: 1 invalid UTF-8 byte sequence was replaced with U+FFFD (the rest of the file is UTF-8)."] };
        var request = HttpTestContext.Get();
        var (_, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);
        Assert.Equal(["decode: 1 invalid UTF-8 byte sequence was replaced with U+FFFD (the rest of the file is UTF-8)."],
            dom.QuerySelectorAll("ul.warnings li").Select(li => li.TextContent));

        _h.Store.Records[Id] = Record();
        var clean = HttpTestContext.Get();
        (_, _, dom, _) = await RenderAsync(await View.BrowseArticle(clean, Id, default), clean);
        Assert.Empty(dom.QuerySelectorAll("ul.warnings"));
    }

    [Fact]
    public async Task Quotes_are_highlighted_in_their_parts_and_linked_to_the_speaker_and_mentions_to_their_entity()
    {
        _h.Store.Records[Id] = Record();
        var request = HttpTestContext.Get("?code=k3y");
        var (_, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);

        var marks = dom.QuerySelectorAll(".body mark.quote");
        Assert.Equal(["People who work late deserve a quiet place,", "Tidewater Public Library will stay open."], marks.Select(m => m.TextContent));
        Assert.Equal("quote-1", marks[0].Id);
        Assert.False(marks[1].HasAttribute("id"));
        var speaker = Assert.Single(dom.QuerySelectorAll(".body a.speaker"));
        Assert.Equal("Tomasz Okafor", speaker.TextContent);
        Assert.Equal("/api/ui?speaker=Tomasz%20Okafor&code=k3y", speaker.GetAttribute("href"));
        Assert.Same(marks[1].NextElementSibling, speaker.ParentElement);

        var mentions = dom.QuerySelectorAll(".body a.entity").Select(a => (a.TextContent, a.GetAttribute("href"), a.ClassName)).ToList();
        Assert.Equal(
        [
            ("Tidewater Public Library", "/api/ui?entity=Tidewater%20Public%20Library&code=k3y", "entity entity-organization"),
            ("Tomasz Okafor", "/api/ui?entity=Tomasz%20Okafor&code=k3y", "entity entity-person"),
            ("Tidewater Public Library", "/api/ui?entity=Tidewater%20Public%20Library&code=k3y", "entity entity-organization"),
            ("Okafor", "/api/ui?entity=Tomasz%20Okafor&code=k3y", "entity entity-person"),
        ], mentions);
        // The mention inside the quote sits inside its mark; "Tidewater" alone is never cut out of the longer name.
        Assert.Equal("MARK", dom.QuerySelectorAll(".body a.entity")[2].ParentElement!.TagName);
        Assert.DoesNotContain(dom.QuerySelectorAll("a.entity-location"), a => a.ParentElement!.ClassList.Contains("body") || a.Closest(".body") is not null);

        Assert.Equal("#quote-1", dom.QuerySelector(".quotes a[href^='#']")!.GetAttribute("href"));
        Assert.Equal(3, dom.QuerySelectorAll(".entities a.entity").Length);
    }

    [Fact]
    public async Task The_article_page_lists_the_other_copies_of_its_story_and_none_when_it_has_none()
    {
        _h.Store.Records[Id] = Record();
        var request = HttpTestContext.Get();
        var (_, _, alone, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);
        Assert.Null(alone.QuerySelector("section.copies"));

        // A republication: the same body from another site that credits the first one.
        const string CopyId = "fedcba9876543210";
        _h.Store.Records[CopyId] = Record() with
        {
            Id = CopyId, Source = new SourceRef("articles", "mirror/reading-room.txt"), Publisher = "River Courier",
            OriginalSource = "Alder Gazette", ContentHash = new string('b', 64),
        };
        request = HttpTestContext.Get();
        var (status, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);

        Assert.Equal(200, status);
        var copies = dom.QuerySelector("section.copies")!;
        Assert.Equal("Copies of this story (1)", copies.QuerySelector("h2")!.TextContent);
        var link = Assert.Single(copies.QuerySelectorAll("a.copy"));
        Assert.Equal("/api/ui/articles/" + CopyId, link.GetAttribute("href"));
        Assert.Contains("River Courier", copies.TextContent);
        Assert.Contains("100% alike", copies.TextContent);
        Assert.Contains("Original source: Alder Gazette", copies.TextContent);
    }

    [Fact]
    public async Task Removed_boilerplate_is_collapsed_with_its_reasons_in_view()
    {
        _h.Store.Records[Id] = Record();
        var request = HttpTestContext.Get();
        var (_, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);

        var details = dom.QuerySelector("details.boilerplate")!;
        Assert.False(details.HasAttribute("open"));
        var summary = details.QuerySelector("summary")!;
        Assert.Equal(["share", "promo"], summary.QuerySelectorAll(".reason").Select(r => r.TextContent));
        Assert.StartsWith("Removed boilerplate: 2 blocks", summary.TextContent);
        Assert.Equal(["Share this article on Facebook.", "Sign up for our <i>newsletter</i>."], details.QuerySelectorAll("li .removed").Select(r => r.TextContent));
    }

    [Fact]
    public void A_quote_is_placed_from_its_paragraph_on_and_words_the_body_spells_otherwise_are_skipped()
    {
        string body = "“Alpha beta,” she said.\n\nMore text here.\n\n“Alpha beta gamma … delta,” said Rhea Lund.";
        var paragraphs = BodyMarkup.Paragraphs(body);
        Assert.Equal(3, paragraphs.Count);
        var placed = BodyMarkup.PlaceQuotes(body, paragraphs,
        [
            new QuoteRecord("Alpha beta gamma delta,", "Rhea Lund", SpeakerKinds.Person, "said", 2),
            new QuoteRecord("Nowhere in the body", null, SpeakerKinds.Unknown, null, 0),
        ]);
        Assert.Equal(["Alpha beta gamma", "delta,"], placed[0].Select(s => body[s.Start..s.End]));
        Assert.True(placed[0][0].Start > paragraphs[2].Start - 1);
        Assert.Empty(placed[1]);
    }

    [Fact]
    public async Task A_failed_article_shows_why_and_an_unknown_one_is_a_404_page()
    {
        _h.Store.Failures[Id] = new IngestFailure
        {
            Id = Id, Source = new SourceRef("articles", "broken.pdf"), Stage = "decode", Reason = "The file looks like a PDF document.",
            ErrorType = "DecodeException", PipelineVersion = "0.3.1", SizeBytes = 1234,
        };
        var request = HttpTestContext.Get();
        var (status, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, Id, default), request);
        Assert.Equal(422, status);
        Assert.Contains("The file looks like a PDF document.", dom.QuerySelector(".failure")!.TextContent);

        request = HttpTestContext.Get();
        (status, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, "fedcba9876543210", default), request);
        Assert.Equal(404, status);
        Assert.Equal("not_found", dom.QuerySelector(".error code")!.TextContent);

        request = HttpTestContext.Get();
        (status, _, dom, _) = await RenderAsync(await View.BrowseArticle(request, "<script>", default), request);
        Assert.Equal(400, status);
        Assert.Equal("invalid_id", dom.QuerySelector(".error code")!.TextContent);
        Assert.Empty(dom.QuerySelectorAll("main script"));

        request = HttpTestContext.Get();
        (status, _, dom, _) = await RenderAsync(await View.BrowseFailures(request, default), request);
        Assert.Equal(200, status);
        var row = Assert.Single(dom.QuerySelectorAll("table.failures tbody tr"));
        Assert.Equal(["articles/broken.pdf", "decode", "The file looks like a PDF document.", "DecodeException", "1,234 B"],
            row.QuerySelectorAll("td").Take(5).Select(td => td.TextContent));
        Assert.Equal($"/api/ui/articles/{Id}", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_ignores_blank_form_fields_filters_with_the_rest_and_pages_with_the_same_filters()
    {
        _h.Store.Records[Id] = Record();
        _h.Store.NextToken = "tok/2";
        var request = HttpTestContext.Get("?entity=Tomasz%20Okafor&speaker=&source=+&from=2025-01-01&to=&order=key&code=k3y");
        var (status, _, dom, _) = await RenderAsync(await View.BrowseArticles(request, default), request);

        Assert.Equal(200, status);
        var (query, token, _) = _h.Store.LastQuery!.Value;
        Assert.Equal(new ArticleQuery("Tomasz Okafor", From: new DateOnly(2025, 1, 1)), query);
        Assert.Null(token);
        Assert.Equal("Tomasz Okafor", dom.QuerySelector("input[name=entity]")!.GetAttribute("value"));
        Assert.Equal("k3y", dom.QuerySelector("input[type=hidden][name=code]")!.GetAttribute("value"));
        var title = dom.QuerySelector("table.articles a.title")!;
        Assert.Equal("Tidewater Library Opens a <b>Night</b> Reading Room", title.TextContent);
        Assert.Equal($"/api/ui/articles/{Id}?code=k3y", title.GetAttribute("href"));
        Assert.Equal("/api/ui?entity=Tomasz%20Okafor&from=2025-01-01&order=key&continuationToken=tok%2F2&code=k3y",
            dom.QuerySelector(".pager a.next")!.GetAttribute("href"));

        request = HttpTestContext.Get("?entitiy=Okafor");
        (status, _, dom, _) = await RenderAsync(await View.BrowseArticles(request, default), request);
        Assert.Equal(400, status);
        Assert.Equal("unknown_parameter", dom.QuerySelector(".error code")!.TextContent);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_a_503_page_with_retry_after()
    {
        _h.Store.Outage = new Azure.RequestFailedException("Connection refused (127.0.0.1:10002)");
        var request = HttpTestContext.Get();
        var (status, _, dom, headers) = await RenderAsync(await View.BrowseArticles(request, default), request);
        Assert.Equal(503, status);
        Assert.Equal("storage_unavailable", dom.QuerySelector(".error code")!.TextContent);
        Assert.Equal("5", headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task The_docs_page_lists_every_operation_of_the_document()
    {
        var request = HttpTestContext.Get();
        var (status, _, dom, _) = await RenderAsync(new ApiDocsFunctions().ApiDocs(request), request);
        Assert.Equal(200, status);
        var operations = dom.QuerySelectorAll("section.op[id]").Select(s => s.Id).Where(i => !i!.StartsWith("schema-", StringComparison.Ordinal));
        Assert.Equal(Ingest.Functions.Http.ApiRoutes.All.SelectMany(r => r.Methods.Select(_ => r.Function)).Order(), operations.Order());
        Assert.Equal("GET /api/articles", dom.QuerySelector("section#ListArticles a.try[href='/api/articles']")?.TextContent);
        Assert.Null(dom.QuerySelector("section#GetArticle a.try"));
        Assert.Equal("entity", dom.QuerySelector("section#ListArticles td code")?.TextContent);
        Assert.Contains(dom.QuerySelectorAll("section#ListArticles td code"), c => c.TextContent == "empty_filter");
        Assert.NotNull(dom.QuerySelector("section#schema-ArticleRecord"));
    }
}

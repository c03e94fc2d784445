using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Ingest.Functions.OpenApi;
using Microsoft.OpenApi;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// The browser view and the API docs through a real Ingest.LocalHost on Azurite, loaded in a real headless Chromium:
/// what a person sees on the article page, and a screenshot of it (<c>artifacts/browser-view.png</c> in the test output).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class BrowserViewChromiumTests(LocalHostFixture host)
{
    /// <summary>A made-up article: masthead, headline, dek, byline, a quote with its speaker, an alias, a script, a share line.</summary>
    internal const string Article =
        "Alder Gazette\n\n" +
        "Tidewater Library Opens a Night Reading Room\n\n" +
        "Volunteers will staff the room until midnight on weekdays\n\n" +
        "By Priya Castellanos\n\n" +
        "Port Alder, June 3, 2025 - The Tidewater Public Library opened a night reading room on Monday, the first of its kind in Kessing County.\n\n" +
        "\"People who work late deserve a quiet place to read too,\" said librarian Tomasz Okafor, who proposed the room last year.\n\n" +
        "Okafor said forty visitors came on the first night. One of them taped a note reading <script>document.title='pwned'</script> " +
        "to the door, and the staff left it there.\n\n" +
        "The county board will decide in August whether to pay for the room after the summer.\n\n" +
        "Share this article on Facebook and Twitter.\n";

    [Fact]
    public async Task The_article_page_in_Chromium_shows_title_quote_speaker_entity_links_and_removed_boilerplate_and_runs_no_script()
    {
        host.EnsureStarted();
        Assert.True(HeadlessChromium.Missing is null, HeadlessChromium.Missing);
        string id = await host.UploadAndWaitAsync("browser/reading-room.txt", Encoding.UTF8.GetBytes(Article));
        string url = new Uri(host.Api.BaseAddress!, $"api/ui/articles/{id}").AbsoluteUri;

        using var chromium = new HeadlessChromium();
        var dom = new HtmlParser().ParseDocument(await chromium.DumpDomAsync(url));

        Assert.Equal("Tidewater Library Opens a Night Reading Room", dom.QuerySelector("h1.title")?.TextContent);
        Assert.Equal("Tidewater Library Opens a Night Reading Room · Ingest", dom.Title);
        var quote = Assert.Single(dom.QuerySelectorAll(".body mark.quote"));
        Assert.Equal("People who work late deserve a quiet place to read too", quote.TextContent);
        var speaker = Assert.Single(dom.QuerySelectorAll(".body a.speaker"));
        Assert.Equal("Tomasz Okafor", speaker.TextContent);
        Assert.Equal("/api/ui?speaker=Tomasz%20Okafor", speaker.GetAttribute("href"));
        var okafor = dom.QuerySelectorAll(".body a.entity-person").Where(a => a.GetAttribute("href") == "/api/ui?entity=Tomasz%20Okafor").ToList();
        Assert.Equal(["Tomasz Okafor", "Okafor"], okafor.Select(a => a.TextContent));
        Assert.Contains(dom.QuerySelectorAll(".body a.entity-organization"), a => a.TextContent == "Tidewater Public Library");
        var boilerplate = dom.QuerySelector("details.boilerplate")!;
        Assert.False(boilerplate.HasAttribute("open"));
        Assert.Contains("share", boilerplate.QuerySelectorAll("summary .reason").Select(r => r.TextContent));
        // The script in the article is text on the page: shown, not run (it would have set the title).
        Assert.Contains("a note reading <script>document.title='pwned'</script> to the door", dom.QuerySelector(".body")!.TextContent);
        Assert.Empty(dom.QuerySelectorAll("script"));

        // Following the speaker link: the list page (through the local host's / redirect) lists the article.
        string list = new Uri(host.Api.BaseAddress!, "?speaker=Tomasz%20Okafor").AbsoluteUri;
        var listDom = new HtmlParser().ParseDocument(await chromium.DumpDomAsync(list));
        Assert.Contains(listDom.QuerySelectorAll("table.articles a.title"), a => a.GetAttribute("href") == $"/api/ui/articles/{id}");
        Assert.Equal("Tomasz Okafor", listDom.QuerySelector("input[name=speaker]")!.GetAttribute("value"));

        string artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        string screenshot = Path.Combine(artifacts, "browser-view.png");
        await chromium.ScreenshotAsync(url, screenshot, 1280, 900);
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 20_000, $"the screenshot has {png.Length} bytes: an empty page?");
        // The list and the docs page as artefacts too, for a person to look at.
        await chromium.ScreenshotAsync(list, Path.Combine(artifacts, "browser-list.png"), 1280, 700);
        await chromium.ScreenshotAsync(new Uri(host.Api.BaseAddress!, "api/docs").AbsoluteUri, Path.Combine(artifacts, "api-docs.png"), 1280, 1400);
    }

    [Fact]
    public async Task The_local_host_serves_the_generated_document_and_the_docs_page()
    {
        host.EnsureStarted();
        using var response = await host.Api.GetAsync("api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string json = await response.Content.ReadAsStringAsync();
        Assert.Equal(OpenApiDocumentBuilder.Json, json);
        var read = OpenApiDocument.Parse(json, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Contains("/api/ui/articles/{id}", read.Document!.Paths.Keys);

        using var docs = await host.Api.GetAsync("api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        var dom = new HtmlParser().ParseDocument(await docs.Content.ReadAsStringAsync());
        Assert.NotNull(dom.QuerySelector("section#GetArticle"));

        using var wrong = await host.Api.PostAsync("api/ui", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal("GET", wrong.Content.Headers.Allow.Single());
    }
}

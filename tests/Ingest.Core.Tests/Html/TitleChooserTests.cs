using static Ingest.Core.Tests.Html.HtmlFixture;

namespace Ingest.Core.Tests.Html;

public class TitleChooserTests
{
    private const string Body = "<article><div class=\"story\"><p>" + Prose + "</p><p>" + Prose + "</p><p>" + Prose + "</p></div></article>";

    private static string? Title(string head, string content = Body) =>
        Stage(Page(content, head)).Hint(Ingest.Core.Document.HintKeys.Title);

    [Fact]
    public void RemovesSiteNameGluedToTheTitle()
    {
        Assert.Equal("Bus network grows", Title("<title>Bus network grows | Riverside Post</title><meta property=\"og:site_name\" content=\"Riverside Post\">"));
        Assert.Equal("Bus network grows by three routes", Title("<title>Riverside Post - Bus network grows by three routes</title><meta property=\"og:site_name\" content=\"Riverside Post\">"));
    }

    [Fact]
    public void KeepsTitleWithColon()
    {
        string head = "<title>Buses: what the new network means for you - Riverside Post</title>";
        Assert.Equal("Buses: what the new network means for you", Title(head));
        Assert.Equal("Buses: what the new network means for you",
            Title(head, "<article><h1>Buses: what the new network means for you</h1>" + Body + "</article>"));
    }

    [Fact]
    public void PrefersPostTitleOverLogoHeading()
    {
        string content = "<div class=\"header\"><h1 class=\"title\"><a href=\"/\">Cosmic Notebook</a></h1></div>"
                         + "<h3 class=\"post-title entry-title\">Astronomers find a lonely planet</h3>" + Body;
        Assert.Equal("Astronomers find a lonely planet", Title("<title>Cosmic Notebook: Astronomers find a lonely planet</title>", content));
    }

    [Fact]
    public void OpenGraphTitleComesFirst()
    {
        Assert.Equal("Council approves three bus routes", Title("<title>Riverside Post</title><meta property=\"og:title\" content=\"Council approves three bus routes\">"));
    }
}

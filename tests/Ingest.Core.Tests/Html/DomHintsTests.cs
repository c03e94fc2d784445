using Ingest.Core.Document;
using Ingest.Core.Stages.Html;
using static Ingest.Core.Tests.Html.HtmlFixture;

namespace Ingest.Core.Tests.Html;

public class DomHintsTests
{
    private const string Story = "<div class=\"story\"><p>" + Prose + "</p><p>" + Prose + "</p><p>" + Prose + "</p></div>";

    [Theory]
    [InlineData("Bus network grows | Riverside Post", "Bus network grows", "Riverside Post")]
    [InlineData("Cosmic Notebook: Bus network grows", "Bus network grows", "Cosmic Notebook")]
    [InlineData("Bus network grows", "Bus network grows", null)]
    public void SiteNameIsWhatTheTitleHasBesidesTheHeadline(string docTitle, string headline, string? site) =>
        Assert.Equal(site, DomHints.SiteFromTitle(docTitle, headline));

    [Theory]
    [InlineData("Jordan Ellery", "Jordan Ellery")]
    [InlineData("DANA ELLSWORTH", "Dana Ellsworth")]
    [InlineData("Lakeshore Beacon", null)]
    [InlineData("Statewire", null)]
    public void PersonNamesNeedAKnownGivenName(string part, string? expected) => Assert.Equal(expected, DomHints.PersonName(part));

    [Fact]
    public void BylineAndDateElementsBecomeHintsWhenMetaTagsAreSilent()
    {
        var doc = Stage(Page($"""
            <article><h1>Bus network grows</h1><div class="meta"><span class="story__byline" itemprop="author">By Ann Lee and Jordan Ellery, Riverside Post</span>
            <span class="post-date">March 12, 2024</span></div>{Story}</article>
            """));
        Assert.Equal(["Ann Lee", "Jordan Ellery"], doc.Get(Layers.Hints).All(HintKeys.Author));
        Assert.Equal("2024-03-12", doc.Hint(HintKeys.Published));
        Assert.Equal("Riverside Post", doc.Hint(HintKeys.SiteName));
    }

    [Fact]
    public void MetaAuthorWins()
    {
        var doc = Stage(Page($"<article><span class=\"byline\">By Ann Lee</span>{Story}</article>",
            head: "<title>Bus network grows</title><meta name=\"author\" content=\"Jordan Ellery\">"));
        Assert.Equal(["Jordan Ellery"], doc.Get(Layers.Hints).All(HintKeys.Author));
    }
}

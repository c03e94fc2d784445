namespace Ingest.Core.Tests.Stages;

public class MetadataStageTests
{
    [Fact]
    public void HeaderOfATextDumpGivesTitleDekBylineDateAndOutlets()
    {
        var record = TestArticles.ExtractFixture("harbor-dump.txt");
        Assert.Equal("Port authority shelves dredging plan after fishermen object", record.Title);
        Assert.Equal("Commissioners say they will revisit the channel project once a new sediment study is finished", record.Subtitle);
        Assert.Equal(["Marisol Vance"], record.Authors);
        Assert.Equal("2025-03-14", record.PublishedAt);
        Assert.Equal("The Tidewater Courier", record.Publisher);
        Assert.Equal("Gulf Shore Wire", record.OriginalSource);
        Assert.Equal("en", record.Language);
    }

    [Fact]
    public void RepublishedCommentaryNamesPublisherFromPromoAndSourceFromMarker()
    {
        var record = TestArticles.ExtractFixture("republished-commentary.txt");
        Assert.Equal("Why the Canal Talks Keep Stalling, and Who Gains From the Delay", record.Title);
        Assert.Equal("Maria Lindqvist presses Oskar Brandt on tariffs but finds the ministry unmoved", record.Subtitle);
        Assert.Equal("Northern Ledger", record.Publisher);
        Assert.Equal("Baltic Herald", record.OriginalSource);
        Assert.DoesNotContain("From Baltic Herald:", record.Body);
        Assert.Null(record.PublishedAt);
    }

    [Fact]
    public void WireDatelineNamesTheOriginalSource()
    {
        const string text = "Bridge closes for repairs\n\nBy Dana Holt\n\nPORTLAND, Ore. (AP) — The state closed the Willow Street bridge on Friday for emergency repairs after inspectors found corrosion.\n\nThe closure is expected to last three weeks, the transportation department said.";
        var record = TestArticles.Extract("wire.txt", text);
        Assert.Equal("Associated Press", record.OriginalSource);
        Assert.Equal(["Dana Holt"], record.Authors);
        Assert.Equal("Bridge closes for repairs", record.Title);
    }

    [Fact]
    public void AllCapsBylineNameIsTitleCasedAndItsOutletDropped()
    {
        const string text = "Snow closes mountain pass\n\nBy JANE MORROW Associated Press\n\nPublished: Jan. 9, 2015, 8:10 a.m.\n\nHeavy snow closed the mountain pass overnight, stranding trucks on both sides for hours.\n\nCrews expect to reopen one lane by noon on Saturday.";
        var record = TestArticles.Extract("snow.txt", text);
        Assert.Equal(["Jane Morrow"], record.Authors);
        Assert.Equal("2015-01-09", record.PublishedAt);
    }

    [Theory]
    [InlineData("Updated: Jul. 14, 2023 09:12AM EST", "2023-07-14")]
    [InlineData("Sun, 24 November 2024 at 4:12 pm GMT", "2024-11-24")]
    [InlineData("Tue, 04/09/2024 - 21:14", "2024-04-09")]
    [InlineData("Dienstag, 14. Mai 2024", "2024-05-14")]
    [InlineData("le 3 mars 2023", "2023-03-03")]
    [InlineData("2019-12-31T23:59:00Z", "2019-12-31")]
    public void DatesAreReadInTheFormsPagesWriteThem(string text, string expected) =>
        Assert.Equal(expected, Ingest.Core.Stages.DateParser.Find(text) ?? Ingest.Core.Stages.DateParser.ToIso(text)?[..10]);

    [Fact]
    public void SiteNameGluedToAHintedTitleIsRemoved()
    {
        const string md = "Title: Moths Navigate by Starlight | Field Science Weekly\nURL Source: https://fsw.example/moths\nPublished Time: 2023-06-01T08:00:00Z\nMarkdown Content:\nMoths Navigate by Starlight\n===========================\n\nResearchers tracked moths across a valley and found they hold course on clear nights.\n\nOn cloudy nights the moths circled, the team reported.";
        var record = TestArticles.Extract("moths.md", md);
        Assert.Equal("Moths Navigate by Starlight", record.Title);
        Assert.Equal("Field Science Weekly", record.Publisher);
        Assert.Equal("2023-06-01", record.PublishedAt?[..10]);
        Assert.Equal("https://fsw.example/moths", record.CanonicalUrl);
    }
}

public class NoArticleTextTests
{
    [Fact]
    public void APageOfOnlyChromeIsRejected()
    {
        const string html = "<html><head><title>Accept cookies</title></head><body><div class=\"cookie-banner\"><p>We use cookies to improve your experience on this website.</p><button>Accept</button><button>Reject</button></div></body></html>";
        var ex = Assert.Throws<Ingest.Core.Pipeline.StageFailedException>(() => TestArticles.Extract("cookie.html", html));
        Assert.IsType<Ingest.Core.Pipeline.ArticleRejectedException>(ex.InnerException);
        Assert.Contains("No article text", ex.InnerException!.Message);
    }

    [Fact]
    public void JobTitlesInABylineAreNotAuthors()
    {
        var r = TestArticles.Extract("s.txt", "Nurses strike ends\n\nBy Maria Delgado and Tom Becker, Staff Writers\n\nAbout 800 nurses at St. Mary's Medical Center returned to work on Monday after a three-day strike over staffing.\n\nThe hospital agreed to hire forty more nurses by spring, the union said.");
        Assert.Equal(["Maria Delgado", "Tom Becker"], r.Authors);
        Assert.Contains(r.Entities, e => e.Name == "St. Mary's Medical Center" && e.Type == Ingest.Core.Document.EntityTypes.Organization);
    }
}

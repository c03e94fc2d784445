using System.Globalization;
using Ingest.Core.Stages;

namespace Ingest.Core.Tests.Stages;

/// <summary>Published dates are real dates in a plausible range, whichever source gives them.</summary>
public class DateParserTests
{
    [Theory]
    [InlineData("0000-00-00")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01")]
    [InlineData("1799-12-31")]
    [InlineData("2999-06-01T08:00:00+02:00")]
    [InlineData("February 30, 2024")]
    [InlineData("31 April 2024")]
    [InlineData("31/02/2024")]
    [InlineData("01/01/0001")]
    [InlineData("Jan. 9, 1650")]
    public void ImpossibleDatesAreNoDate(string value)
    {
        Assert.Null(DateParser.ToIso(value));
        Assert.Null(DateParser.Find(value));
    }

    [Theory]
    [InlineData("1800-01-01", "1800-01-01")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("Feb. 29, 2024", "2024-02-29")]
    [InlineData("29 février 2024", "2024-02-29")]
    [InlineData("2019-12-31T23:59:00Z", "2019-12-31T23:59:00+00:00")]
    [InlineData("2019-12-31T23:59:00+01:00", "2019-12-31T23:59:00+01:00")]
    [InlineData("2019-12-31T23:59:00-0500", "2019-12-31T23:59:00-05:00")]
    [InlineData("2019-12-31T23:59:00", "2019-12-31")] // a wall clock in an unnamed zone is not UTC: its date as written
    public void RealDatesAreKept(string value, string expected) => Assert.Equal(expected, DateParser.ToIso(value));

    [Theory]
    [InlineData("2025-01-02T22:00:00", "2025-01-03T04:00:00", "2025-01-02T22:00:00-06:00")]
    [InlineData("2025-01-03T09:30:00", "2025-01-03T04:00:00", "2025-01-03T09:30:00+05:30")]
    [InlineData("2025-01-03T04:00:00", "2025-01-03T04:00:00", "2025-01-03T04:00:00+00:00")]
    [InlineData("2025-01-03T04:07:00", "2025-01-03T04:00:00", null)] // not a real offset
    [InlineData("2025-01-03T04:00:00+01:00", "2025-01-03T03:00:00", null)]
    [InlineData(null, "2025-01-03T04:00:00", null)]
    public void A_wordpress_local_time_gets_the_offset_its_gmt_twin_gives(string? local, string? utc, string? expected) =>
        Assert.Equal(expected, DateParser.FromLocalAndUtc(local, utc));

    [Fact]
    public void A_wordpress_record_is_dated_on_the_sites_day_with_its_offset()
    {
        var record = TestArticles.Extract("wp.json", """
            {"title": {"rendered": "Ferry Returns to the Bay"}, "date": "2025-01-02T22:00:00", "date_gmt": "2025-01-03T04:00:00",
             "content": {"rendered": "<p>The ferry service across the bay resumed on Thursday night after a week of repairs to the landing stage.</p><p>Passengers lined up early.</p>"}}
            """);
        Assert.Equal("2025-01-02T22:00:00-06:00", record.PublishedAt);
    }

    [Theory]
    [InlineData("le 3 déc. 2025", "2025-12-03")]
    [InlineData("Mis à jour le 1er mars 2025 à 10h", "2025-03-01")]
    [InlineData("Mittwoch, 3. Dezember 2025, 10:15 Uhr", "2025-12-03")]
    [InlineData("3. Dez. 2025", "2025-12-03")]
    [InlineData("miércoles, 3 de diciembre de 2025", "2025-12-03")]
    [InlineData("3 dic. 2025", "2025-12-03")]
    [InlineData("02 Ago 2017", "2017-08-02")]
    [InlineData("3 dicembre 2025", "2025-12-03")]
    [InlineData("3 de março de 2025", "2025-03-03")]
    [InlineData("3 maart 2025", "2025-03-03")]
    [InlineData("Posted on Oktober 27, 2015 by Admin", "2015-10-27")]
    [InlineData("Dec. 3rd, 2025", "2025-12-03")]
    [InlineData("Sept 3 2025", "2025-09-03")]
    [InlineData("Updated 2025-12-03T10:15:00Z", "2025-12-03")]
    [InlineData("03.12.2025", "2025-12-03")]
    [InlineData("03-12-2025", "2025-12-03")]
    [InlineData("12/03/2025", "2025-12-03")]
    [InlineData("13/03/2025", "2025-03-13")]
    public void Dates_are_read_in_the_written_forms_of_several_languages(string text, string expected) =>
        Assert.Equal(expected, DateParser.Find(text));

    [Theory]
    [InlineData("We set 12 2025 goals")]          // "set" is not a month here
    [InlineData("Market 30, 2015 results")]        // a word that merely starts like a month
    [InlineData("It happened 3 years ago 2025")]
    [InlineData("Room 12 of 2025")]
    public void Words_that_only_look_like_months_give_no_date(string text) => Assert.Null(DateParser.Find(text));

    [Fact]
    public void TodayIsPlausibleAndThreeDaysAheadIsNot()
    {
        var today = DateTime.UtcNow.Date;
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateParser.ToIso(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Null(DateParser.ToIso(today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AnImpossibleIsoDateDoesNotHideARealOneLaterInTheText() =>
        Assert.Equal("2024-03-03", DateParser.Find("Updated 0000-00-00, first published March 3, 2024"));

    private const string Body =
        "The county ferry resumed its run to Gull Island on Tuesday after six weeks in dry dock, and the first boat left at seven.\n\n" +
        "The Pinecrest Ferry Board said the repairs came in under budget and that the winter timetable would stay in place until May.";

    [Fact]
    public void JsonDateFieldsThatAreNotDatesGiveWayToOnesThatAre()
    {
        string json = "{\"title\": \"Ferry returns\", \"published\": \"0000-00-00\", \"date\": \"2024-03-05\", \"text\": " +
            System.Text.Json.JsonSerializer.Serialize(Body) + "}";
        Assert.Equal("2024-03-05", TestArticles.Extract("a.json", json).PublishedAt);
        string only = "{\"title\": \"Ferry returns\", \"published\": \"0000-00-00\", \"text\": " + System.Text.Json.JsonSerializer.Serialize(Body) + "}";
        Assert.Null(TestArticles.Extract("b.json", only).PublishedAt);
    }

    [Fact]
    public void ImpossibleMetaAndJsonLdDatesLeaveTheDateToThePageElements()
    {
        string html = "<html><head><title>Ferry returns</title><meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\">" +
            "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Ferry returns\", \"datePublished\": \"2024-13-45\"}</script>" +
            "</head><body><article><h1>Ferry returns</h1><span class=\"date\">March 5, 2024</span>" +
            string.Concat(Body.Split("\n\n").Select(p => $"<p>{p}</p>")) + "</article></body></html>";
        Assert.Equal("2024-03-05", TestArticles.Extract("a.html", html).PublishedAt);
        string noElement = html.Replace("<span class=\"date\">March 5, 2024</span>", "");
        Assert.Null(TestArticles.Extract("b.html", noElement).PublishedAt);
    }

    [Fact]
    public void ImpossibleDatesInFrontMatterAndHeaderLinesAreNoDate()
    {
        string md = "---\ntitle: Ferry returns\ndate: 0000-00-00\n---\n\n# Ferry returns\n\n" + Body + "\n";
        Assert.Null(TestArticles.Extract("a.md", md).PublishedAt);
        string dump = "Ferry returns to Gull Island\n\nBy Mara Lindqvist | February 30, 2024\n\n" + Body + "\n";
        var record = TestArticles.Extract("a.txt", dump);
        Assert.Equal(["Mara Lindqvist"], record.Authors);
        Assert.Null(record.PublishedAt);
    }
}

namespace Ingest.Core.Tests.Stages;

/// <summary>Author names from the bylines text dumps carry: labels, day names and doubled names taken off; real names kept whole.</summary>
public class BylineFormTests
{
    private static IReadOnlyList<string> AuthorsOf(string byline) => TestArticles.Extract("byline.txt",
        "Ferry Returns to the Bay\n\n" + byline + "\nDecember 1, 2025\n\n" +
        "The ferry service across the bay resumed on Friday after a week of repairs to the landing stage, officials said.\n\n" +
        "\"Passengers can travel again,\" said Ada Quill, who runs the service.\n").Authors;

    [Theory]
    [InlineData("By Ana Swanson Monday", "Ana Swanson")]
    [InlineData("By Ana Swanson Monday, December 1", "Ana Swanson")]
    [InlineData("Von Ana Swanson Mittwoch", "Ana Swanson")]
    [InlineData("Par Ana Swanson lundi", "Ana Swanson")]
    [InlineData("By Ana SwansonMonday", "Ana Swanson")]
    [InlineData("By Ana Swanson Ana Swanson", "Ana Swanson")]
    [InlineData("Story by Ana Swanson", "Ana Swanson")]
    [InlineData("Article by Ana Swanson", "Ana Swanson")]
    [InlineData("By Ana Swanson, Senior Correspondent", "Ana Swanson")]
    public void Labels_day_names_and_doubled_names_are_taken_off(string byline, string author) =>
        Assert.Equal([author], AuthorsOf(byline));

    [Theory]
    [InlineData("By Lena H. Sun", "Lena H. Sun")]        // a surname that is also a day's abbreviation
    [InlineData("By Nguyen Van Do", "Nguyen Van Do")]
    [InlineData("By Jean-Luc Martin Martin", "Jean-Luc Martin Martin")] // an odd word count is not a doubled name
    [InlineData("By Mara Sunday", "Mara Sunday")]         // two words: a surname, not a day after a name
    public void Names_that_only_look_like_a_day_or_a_repeat_are_kept(string byline, string author) =>
        Assert.Equal([author], AuthorsOf(byline));

    [Theory]
    [InlineData("Grace Liu, ProPublica, and Ben Carter, Hill Country Observer", new[] { "Grace Liu", "Ben Carter" }, new[] { "ProPublica", "Hill Country Observer" })]
    [InlineData("Maria Lopez and Tom Briggs; Coastal Wire staff", new[] { "Maria Lopez", "Tom Briggs" }, new[] { "Coastal Wire" })] // the outlet's staff
    public void Affiliations_and_an_outlets_staff_beside_full_names_are_not_authors(string byline, string[] authors, string[] outlets)
    {
        var foundAuthors = new List<string>();
        var foundOutlets = new List<string>();
        Ingest.Core.Stages.Metadata.Authors.Add(foundAuthors, byline, foundOutlets);
        Assert.Equal(authors, foundAuthors);
        Assert.Equal(outlets, foundOutlets);
    }

    [Fact]
    public void A_semicolon_list_of_a_scraper_record_is_split_into_its_authors()
    {
        var record = TestArticles.Extract("a.json", """
            {"title": "Ferry Returns to the Bay", "author": "Hannah Brooks; Luis Ortega",
             "text": "The ferry service across the bay resumed on Friday after a week of repairs to the landing stage, officials said.\n\nPassengers lined up early."}
            """);
        Assert.Equal(["Hannah Brooks", "Luis Ortega"], record.Authors);
    }

    [Fact]
    public void A_series_note_about_the_article_names_no_original_source()
    {
        var record = TestArticles.Extract("a.md", "# Rents Rise Again in the North End\n\n" +
            "Rents in the North End rose for the ninth month in a row, the housing office said on Tuesday, as landlords pointed to higher taxes.\n\n" +
            "Tenants said they would ask the council for a cap at its next meeting.\n\n" +
            "*This article is part of our Housing Watch series. Want more? Subscribe to the Metro Voice newsletter.*\n");
        Assert.Null(record.OriginalSource);
        Assert.DoesNotContain("Housing Watch series", record.Body);
    }

    private const string FerryBody = "The ferry service across the bay resumed on Friday after a week of repairs to the landing stage, officials said.\n\n" +
        "\"Passengers can travel again,\" said Ada Quill, who runs the service.\n";

    [Fact]
    public void A_from_line_under_the_headline_names_the_original_source_and_leaves_the_body()
    {
        var record = TestArticles.Extract("a.txt", "Harbor Ferry Returns After Winter Repairs\n\nFrom Coastal Wire:\n\n" + FerryBody);
        Assert.Equal("Coastal Wire", record.OriginalSource);
        Assert.StartsWith("The ferry service", record.Body);
        Assert.DoesNotContain("From Coastal Wire", record.Body);
    }

    [Theory]
    [InlineData("ELLIS (Coastal Wire) — ", "Coastal Wire")]
    [InlineData("ELLIS, Ore. (Harbor Light Media) - ", "Harbor Light Media")]
    [InlineData("ELLIS (AP) — ", "Associated Press")]
    [InlineData("ELLIS (R-Ore.) — ", null)]
    public void A_dateline_names_any_outlet_in_its_parentheses(string dateline, string? source)
    {
        var record = TestArticles.Extract("a.txt", "Harbor Ferry Returns After Winter Repairs\n\n" + dateline + FerryBody);
        Assert.Equal(source, record.OriginalSource);
    }
}

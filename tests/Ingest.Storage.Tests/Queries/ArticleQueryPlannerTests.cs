using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage.Tests.Queries;

/// <summary>Which index drives an article query (no storage needed: the plan is chosen before any request).</summary>
public class ArticleQueryPlannerTests
{
    private static readonly ArticleQueryPlanner Planner = new(
        new ArticleTables(new TableServiceClient(AzuriteFixture.AzuriteConnectionString), new StorageNames(new StorageOptions { NamePrefix = "p" })),
        maxScanRows: 5000);

    public static TheoryData<ArticleQuery, Type, string> Plans => new()
    {
        { new ArticleQuery(Entity: "Elena Varga", Speaker: "x", Source: "y", From: new DateOnly(2020, 1, 1)), typeof(EntityIndexQuery), "pEntityIndex" },
        { new ArticleQuery(Speaker: "x", Source: "y", To: new DateOnly(2020, 1, 1)), typeof(SpeakerIndexQuery), "pSpeakerIndex" },
        { new ArticleQuery(Source: "Coastal Wire", From: new DateOnly(2020, 1, 1)), typeof(SourceIndexQuery), "pSourceIndex" },
        { new ArticleQuery(From: new DateOnly(2020, 1, 1)), typeof(DateIndexQuery), "pDateIndex" },
        { new ArticleQuery(), typeof(AllArticlesQuery), "pArticles" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_first_given_filter_drives(ArticleQuery query, Type driver, string table)
    {
        var chosen = Planner.Driver(ArticleFilter.Of(query));
        Assert.IsType(driver, chosen);
        Assert.Equal(table, chosen.Table.Name);
    }

    [Theory]
    [InlineData("", null, null, "entity")]
    [InlineData("  ", null, null, "entity")]
    [InlineData(null, "\u0000", null, "speaker")]
    [InlineData(null, null, "\t\u0001\u200B\u00AD", "source")]
    [InlineData("Ada Quill", "\uFEFF", null, "speaker")]
    public void A_filter_given_but_empty_after_normalization_is_refused_not_dropped(string? entity, string? speaker, string? source,
        string parameter)
    {
        var ex = Assert.Throws<QueryArgumentException>(() => ArticleFilter.Of(new ArticleQuery(entity, speaker, source)));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains($"'{parameter}' is empty", ex.Reason);
    }

    [Fact]
    public void The_fingerprint_is_the_normalized_filter()
    {
        string Fingerprint(ArticleQuery q) => ArticleFilter.Of(q).Fingerprint;
        var from = new DateOnly(2024, 5, 1);
        Assert.Equal(Fingerprint(new ArticleQuery(Entity: "Ada Quill", From: from)), Fingerprint(new ArticleQuery(Entity: " ADA  quill", From: from)));
        Assert.Equal(Fingerprint(new ArticleQuery(Entity: "Jos\u00E9")), Fingerprint(new ArticleQuery(Entity: "Jose\u0301")));
        string[] distinct =
        [
            Fingerprint(new ArticleQuery()),
            Fingerprint(new ArticleQuery(Entity: "Ada Quill")),
            Fingerprint(new ArticleQuery(Speaker: "Ada Quill")),
            Fingerprint(new ArticleQuery(Source: "Ada Quill")),
            Fingerprint(new ArticleQuery(Entity: "Ada Quill", From: from)),
            Fingerprint(new ArticleQuery(Entity: "Ada Quill", To: from)),
            Fingerprint(new ArticleQuery(Entity: "Ada Quill", Source: "Harbor Gazette")),
        ];
        Assert.Equal(distinct.Length, distinct.Distinct().Count());
    }

    [Fact]
    public void Every_index_has_its_own_token_kind()
    {
        string[] kinds = new[] { new ArticleQuery(Entity: "a"), new ArticleQuery(Speaker: "a"), new ArticleQuery(Source: "a"),
                new ArticleQuery(From: DateOnly.MinValue), new ArticleQuery() }
            .Select(q => Planner.Driver(ArticleFilter.Of(q)).Kind).ToArray();
        Assert.Equal(kinds.Length, kinds.Distinct().Count());
    }

    [Theory]
    [InlineData("2024-05-01", true)]
    [InlineData("2024-05-31T23:00:00+02:00", true)]
    [InlineData("2024-06-01", false)]
    [InlineData(null, false)]
    [InlineData("May 2024", false)]
    public void The_date_check_reads_the_published_date(string? publishedAt, bool inRange)
    {
        var filter = ArticleFilter.Of(new ArticleQuery(From: new DateOnly(2024, 5, 1), To: new DateOnly(2024, 5, 31)));
        Assert.Equal(inRange, filter.InDateRange(publishedAt));
    }
}

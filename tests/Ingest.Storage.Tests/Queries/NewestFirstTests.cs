using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Storage.Tests.Faults;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Queries;

/// <summary>Newest-first article lists from the inverted-date rows, and the index layout that brings old rows up to date.</summary>
[Collection(AzuriteCollection.Name)]
public class NewestFirstTests(AzuriteFixture fixture)
{
    private static async Task<List<string>> IdsAsync(IArticleStore store, ArticleQuery query, int pageSize = 2)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await store.QueryArticlesAsync(query, token, pageSize);
            ids.AddRange(page.Items.Select(a => a.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return ids;
    }

    [Fact]
    public async Task Newest_first_lists_dated_articles_by_date_descending_then_undated_ones()
    {
        var s = await fixture.CreateAsync();
        (string Id, string? Date)[] articles =
        [
            ("aaaa000000000001", "2024-05-01"), ("aaaa000000000002", "2025-01-15"), ("aaaa000000000003", "2024-12-31"),
            ("aaaa000000000004", "2025-01-15"), ("aaaa000000000005", null), ("aaaa000000000006", "2023-07-04T10:00:00Z"),
            ("aaaa000000000007", "1999-01-01"),
        ];
        foreach (var (id, date) in articles)
            await s.Store.UpsertAsync(Article(id, publishedAt: date));
        var newest = new ArticleQuery { Order = ArticleOrder.Newest };

        Assert.Equal(["aaaa000000000002", "aaaa000000000004", "aaaa000000000003", "aaaa000000000001", "aaaa000000000006", "aaaa000000000007", "aaaa000000000005"],
            await IdsAsync(s.Store, newest));
        Assert.Equal(["aaaa000000000002", "aaaa000000000004", "aaaa000000000003"],
            await IdsAsync(s.Store, newest with { From = new DateOnly(2024, 6, 1), To = new DateOnly(2025, 1, 15) }));
        Assert.Equal(["aaaa000000000003"], await IdsAsync(s.Store, newest with { From = new DateOnly(2024, 12, 31), To = new DateOnly(2024, 12, 31) }));
        Assert.Equal(["aaaa000000000001", "aaaa000000000006", "aaaa000000000007"], await IdsAsync(s.Store, newest with { To = new DateOnly(2024, 5, 1) }, pageSize: 1));
        Assert.Equal(["aaaa000000000002", "aaaa000000000004"], await IdsAsync(s.Store, newest with { From = new DateOnly(2025, 1, 1) }));
        // The key order is unchanged: every article once, by id; the month ranges read no newest-first row.
        Assert.Equal(articles.Select(a => a.Id), await IdsAsync(s.Store, new ArticleQuery()));
        Assert.Equal(["aaaa000000000007", "aaaa000000000006", "aaaa000000000001", "aaaa000000000003", "aaaa000000000002", "aaaa000000000004"],
            await IdsAsync(s.Store, new ArticleQuery(From: new DateOnly(1900, 1, 1))));

        // Tokens do not cross orders; a name filter with newest-first is refused.
        string token = (await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 1)).ContinuationToken!;
        Assert.Equal("continuationToken", (await Assert.ThrowsAsync<QueryArgumentException>(() => s.Store.QueryArticlesAsync(newest, token, 1))).ParamName);
        Assert.Equal("order", (await Assert.ThrowsAsync<QueryArgumentException>(
            () => s.Store.QueryArticlesAsync(newest with { Entity = "Ada Quill" }, null, 1))).ParamName);

        // A new date moves the article; no row of the old date is left.
        await s.Store.UpsertAsync(Article("aaaa000000000007", publishedAt: "2026-02-02", contentSeed: "redated"));
        Assert.Equal("aaaa000000000007", (await IdsAsync(s.Store, newest))[0]);
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task Rows_of_an_older_index_layout_are_outdated_and_rewritten_by_the_same_record()
    {
        var s = await fixture.CreateAsync();
        var record = WithAliases(Article("bbbb000000000001", entities: [Person("Oskar Brandtmoor")]), ("Oskar Brandtmoor", ["Brandtmoor"]));
        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        Assert.Empty(await ToListAsync(s.Store.ListOutdatedAsync(Version1)));

        // What layout 1 left: an article row without IndexLayout, and no alias or newest-first rows.
        var articles = s.Tables.GetTableClient(s.Names.Articles);
        var row = (await articles.GetEntityAsync<TableEntity>(TableKeys.Escape(record.Id), "article")).Value;
        row.Remove("IndexLayout");
        await articles.UpsertEntityAsync(row, TableUpdateMode.Replace);
        await s.Tables.GetTableClient(s.Names.EntityIndex).DeleteEntityAsync("brandtmoor", record.Id + "%~");

        var outdated = Assert.Single(await ToListAsync(s.Store.ListOutdatedAsync(Version1)));
        Assert.Equal(record.Id, outdated.Id);
        Assert.Equal(UpsertOutcome.Updated, await s.Store.UpsertAsync(record));
        Assert.Empty(await ToListAsync(s.Store.ListOutdatedAsync(Version1)));
        Assert.Equal([record.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Brandtmoor")));
        Assert.Equal(UpsertOutcome.Unchanged, await s.Store.UpsertAsync(record));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
            list.Add(item);
        return list;
    }
}

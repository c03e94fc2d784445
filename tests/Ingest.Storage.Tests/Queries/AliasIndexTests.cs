using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Storage.Tests.Faults;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Queries;

/// <summary>Entity and speaker aliases are index rows: an alias finds the article by one partition read, and is never counted.</summary>
[Collection(AzuriteCollection.Name)]
public class AliasIndexTests(AzuriteFixture fixture)
{
    // A: "Marta Villanueva", also "Villanueva", quoted. B: a place "Villanueva" of its own. C: both, in one article.
    private static readonly ArticleRecord A = WithAliases(Article("aaaa000000000001",
        entities: [Person("Marta Villanueva"), Org("Harbor Trust")], quotes: [("The pier opens in June.", "Marta Villanueva")]),
        ("Marta Villanueva", ["Villanueva", "villanueva", "Marta"]));
    private static readonly ArticleRecord B = Article("bbbb000000000002", entities: [("Villanueva", EntityTypes.Location)]);
    private static readonly ArticleRecord C = WithAliases(Article("cccc000000000003",
        entities: [Person("Marta Villanueva"), ("Villanueva", EntityTypes.Location)], quotes: [("We asked twice.", "Villanueva")]),
        ("Marta Villanueva", ["Villanueva"]));

    private static async Task<List<string>> IdsAsync(IArticleStore store, ArticleQuery query, int pageSize = 1)
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
    public async Task An_alias_finds_the_articles_once_each_and_counts_stay_per_canonical_name()
    {
        var s = await fixture.CreateAsync();
        foreach (var record in new[] { A, B, C })
            await s.Store.UpsertAsync(record);

        Assert.Equal([A.Id, B.Id, C.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Villanueva")));
        Assert.Equal([A.Id, B.Id, C.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "VILLANUEVA"), pageSize: 10));
        Assert.Equal([A.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Marta")));
        Assert.Equal([A.Id, C.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Marta Villanueva")));
        // The speaker's aliases come from the entity of the same name; C's speaker "Villanueva" is canonical there.
        Assert.Equal([A.Id, C.Id], await IdsAsync(s.Store, new ArticleQuery(Speaker: "Villanueva")));
        Assert.Equal([A.Id], await IdsAsync(s.Store, new ArticleQuery(Speaker: "Marta Villanueva")));
        // A speaker alias as a check (the entity drives the query): a point read of the alias row.
        Assert.Equal([A.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Harbor Trust", Speaker: "Villanueva")));
        Assert.Equal([A.Id, C.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Villanueva", Source: "Harbor Gazette", Speaker: "Villanueva")));

        var counts = (await s.Store.QueryEntitiesAsync("", null, 100)).Items.ToDictionary(e => e.Name, e => e.Articles);
        Assert.Equal(new Dictionary<string, int> { ["Harbor Trust"] = 1, ["Marta Villanueva"] = 2, ["Villanueva"] = 2 }, counts);
        Assert.DoesNotContain((await s.Store.QueryEntitiesAsync("marta", null, 10)).Items, e => e.Name == "Marta");
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task A_new_version_without_the_alias_and_a_deletion_remove_its_rows()
    {
        var s = await fixture.CreateAsync();
        await s.Store.UpsertAsync(A);
        await s.Store.UpsertAsync(B);
        await s.Store.UpsertAsync(A with { Entities = [new EntityRecord("Marta Villanueva", EntityTypes.Person, 1, ["Marta"])], ContentHash = new string('2', 64) });

        Assert.Equal([B.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Villanueva")));
        Assert.Equal([A.Id], await IdsAsync(s.Store, new ArticleQuery(Entity: "Marta")));
        Assert.Empty(await IdsAsync(s.Store, new ArticleQuery(Speaker: "Villanueva")));
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        Assert.True(await s.Store.DeleteAsync(A.Id));
        Assert.Empty(await IdsAsync(s.Store, new ArticleQuery(Entity: "Marta")));
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
        var counts = (await s.Store.QueryEntitiesAsync("", null, 100)).Items.ToDictionary(e => e.Name, e => e.Articles);
        Assert.Equal(new Dictionary<string, int> { ["Villanueva"] = 1 }, counts);
    }
}

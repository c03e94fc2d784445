using System.Text;
using Ingest.Core.Abstractions;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Queries;

/// <summary>
/// Continuation tokens, empty filters and Unicode normalization of the list queries, through <see cref="TableArticleStore"/>
/// on Azurite. All names are made up.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class QueryArgumentTests(AzuriteFixture fixture)
{
    /// <summary>Four articles naming the same people, quoting the same speaker, published on four days.</summary>
    private static async Task<StorageUnderTest> SeedAsync(AzuriteFixture fixture)
    {
        var s = await fixture.CreateAsync();
        for (int i = 0; i < 4; i++)
        {
            await s.Store.UpsertAsync(Article($"eeee00000000000{i}", publishedAt: $"2024-05-0{i + 1}",
                entities: [Person("Ada Quill"), Person("Adele Brook"), Person($"Adam Reyes {i}")],
                quotes: [($"The tide report number {i} is in.", "Mira Stone")]));
        }
        return s;
    }

    private static async Task<QueryArgumentException> RefusedAsync(Func<Task> call, string parameter = "continuationToken")
    {
        var ex = await Assert.ThrowsAsync<QueryArgumentException>(call);
        Assert.Equal(parameter, ex.ParamName);
        return ex;
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task A_token_continues_only_the_query_and_filter_that_made_it()
    {
        var s = await SeedAsync(fixture);
        var store = s.Store;
        var byEntity = new ArticleQuery(Entity: "Ada Quill");
        var first = await store.QueryArticlesAsync(byEntity, null, 2);
        string token = Assert.IsType<string>(first.ContinuationToken);

        // The same query, spelled differently and with another page size, continues.
        var next = await store.QueryArticlesAsync(new ArticleQuery(Entity: "  ADA   quill "), token, 5);
        Assert.Equal(["eeee000000000002", "eeee000000000003"], next.Items.Select(a => a.Id));

        // Another value of the same filter, an added filter, another driving index, another endpoint: refused.
        Assert.Contains("other filters", (await RefusedAsync(() => store.QueryArticlesAsync(new ArticleQuery(Entity: "Adele Brook"), token, 2))).Reason);
        Assert.Contains("other filters", (await RefusedAsync(() =>
            store.QueryArticlesAsync(byEntity with { From = new DateOnly(2024, 5, 2) }, token, 2))).Reason);
        Assert.Contains("other filters", (await RefusedAsync(() =>
            store.QueryArticlesAsync(byEntity with { Source = "Harbor Gazette" }, token, 2))).Reason);
        Assert.Contains("another query", (await RefusedAsync(() => store.QueryArticlesAsync(new ArticleQuery(Speaker: "Mira Stone"), token, 2))).Reason);
        Assert.Contains("another query", (await RefusedAsync(() => store.QueryArticlesAsync(new ArticleQuery(), token, 2))).Reason);
        Assert.Contains("another query", (await RefusedAsync(() => store.QueryQuotesAsync(new QuoteQuery(), token, 2))).Reason);
        Assert.Contains("another query", (await RefusedAsync(() => store.QueryEntitiesAsync("ad", token, 2))).Reason);
    }

    [Fact]
    public async Task Date_quote_and_entity_tokens_are_bound_to_their_filters()
    {
        var s = await SeedAsync(fixture);
        var store = s.Store;

        var may = new ArticleQuery(From: new DateOnly(2024, 5, 1), To: new DateOnly(2024, 5, 31));
        string dateToken = (await store.QueryArticlesAsync(may, null, 1)).ContinuationToken!;
        Assert.Equal(3, (await store.QueryArticlesAsync(may, dateToken, 10)).Items.Count);
        await RefusedAsync(() => store.QueryArticlesAsync(may with { To = new DateOnly(2024, 5, 30) }, dateToken, 1));
        await RefusedAsync(() => store.QueryArticlesAsync(may with { From = null }, dateToken, 1));

        string quoteToken = (await store.QueryQuotesAsync(new QuoteQuery(Speaker: "Mira Stone", Text: "tide report"), null, 1)).ContinuationToken!;
        Assert.Equal(3, (await store.QueryQuotesAsync(new QuoteQuery(Speaker: "mira stone", Text: "REPORT  tide"), quoteToken, 10)).Items.Count);
        await RefusedAsync(() => store.QueryQuotesAsync(new QuoteQuery(Speaker: "Mira Stone", Text: "tide"), quoteToken, 1));
        await RefusedAsync(() => store.QueryQuotesAsync(new QuoteQuery(Speaker: "Mira Stone"), quoteToken, 1));
        await RefusedAsync(() => store.QueryQuotesAsync(new QuoteQuery(Text: "tide report"), quoteToken, 1));

        string prefixToken = (await store.QueryEntitiesAsync("ad", null, 1)).ContinuationToken!;
        Assert.Equal(5, (await store.QueryEntitiesAsync("AD", prefixToken, 10)).Items.Count);
        await RefusedAsync(() => store.QueryEntitiesAsync("ada", prefixToken, 1));
        await RefusedAsync(() => store.QueryEntitiesAsync("", prefixToken, 1));
        string allToken = (await store.QueryEntitiesAsync("", null, 1)).ContinuationToken!;
        await RefusedAsync(() => store.QueryEntitiesAsync("ad", allToken, 1));
    }

    [Fact]
    public async Task Malformed_old_truncated_and_garbled_tokens_are_refused()
    {
        var s = await SeedAsync(fixture);
        var store = s.Store;
        var query = new ArticleQuery(Entity: "Ada Quill");
        string token = (await store.QueryArticlesAsync(query, null, 1)).ContinuationToken!;

        Assert.Contains("malformed", (await RefusedAsync(() => store.QueryArticlesAsync(query, "not a token", 1))).Reason);
        Assert.Contains("malformed", (await RefusedAsync(() => store.QueryArticlesAsync(query, token + "!", 1))).Reason);
        Assert.Contains("malformed", (await RefusedAsync(() => store.QueryArticlesAsync(query, token[..(token.Length / 2)], 1))).Reason);
        Assert.Contains("malformed", (await RefusedAsync(() => store.QueryArticlesAsync(query, token[..^1], 1))).Reason);
        // The version-1 format of the same position, as earlier builds wrote it.
        string v1 = Base64Url("""{"v":1,"q":"ae","pk":"ada quill","rk":"eeee000000000000"}""");
        Assert.Contains("format version 1", (await RefusedAsync(() => store.QueryArticlesAsync(query, v1, 1))).Reason);

        // A garbled row key still decodes as JSON, but fails the check.
        string json = Encoding.UTF8.GetString(Convert.FromBase64String(token.PadRight(token.Length + (4 - token.Length % 4) % 4, '=')
            .Replace('-', '+').Replace('_', '/')));
        Assert.Contains("\"rk\":\"eeee000000000000\"", json);
        string moved = Base64Url(json.Replace("\"rk\":\"eeee000000000000\"", "\"rk\":\"eeee000000000002\"", StringComparison.Ordinal));
        Assert.Contains("altered", (await RefusedAsync(() => store.QueryArticlesAsync(query, moved, 1))).Reason);
        char[] flipped = token.ToCharArray();
        flipped[token.Length / 2] = flipped[token.Length / 2] == 'A' ? 'B' : 'A';
        await RefusedAsync(() => store.QueryArticlesAsync(query, new string(flipped), 1));
        await RefusedAsync(() => store.QueryQuotesAsync(new QuoteQuery(), "%%%", 1));
        await RefusedAsync(() => store.QueryEntitiesAsync("a", "e30", 1));
    }

    [Theory]
    [InlineData("entity", "\u0000")]
    [InlineData("entity", "")]
    [InlineData("speaker", " \u0007 ")]
    [InlineData("source", "\u200B\u00AD")]
    public async Task A_name_filter_given_but_empty_is_refused_not_dropped(string parameter, string value)
    {
        var s = await SeedAsync(fixture);
        var query = parameter switch
        {
            "entity" => new ArticleQuery(Entity: value),
            "speaker" => new ArticleQuery(Speaker: value),
            _ => new ArticleQuery(Source: value),
        };
        Assert.Contains("is empty", (await RefusedAsync(() => s.Store.QueryArticlesAsync(query, null, 10), parameter)).Reason);
    }

    [Fact]
    public async Task Empty_quote_and_prefix_filters_are_refused_not_dropped()
    {
        var s = await SeedAsync(fixture);
        await RefusedAsync(() => s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: "\u0001"), null, 10), "speaker");
        Assert.Contains("no word", (await RefusedAsync(() => s.Store.QueryQuotesAsync(new QuoteQuery(Text: "?! \u0000"), null, 10), "text")).Reason);
        await RefusedAsync(() => s.Store.QueryEntitiesAsync("\u0000\u0000", null, 10), "prefix");
        await RefusedAsync(() => s.Store.QueryEntitiesAsync("  ", null, 10), "prefix");
        // No prefix at all still lists everything.
        Assert.Equal(6, (await s.Store.QueryEntitiesAsync("", null, 100)).Items.Count);
    }

    [Fact]
    public async Task Decomposed_filters_find_composed_names_and_words()
    {
        var s = await fixture.CreateAsync();
        const string composed = "Jos\u00E9 N\u00FA\u00F1ez";        // as the pipeline writes names (NFC)
        const string decomposed = "Jose\u0301 Nu\u0301n\u0303ez";   // as some keyboards and URLs send them (NFD)
        Assert.NotEqual(composed, decomposed);
        Assert.Equal(composed, decomposed.Normalize(NormalizationForm.FormC));
        await s.Store.UpsertAsync(Article("ffff000000000001", publisher: "Caf\u00E9 Gazette", entities: [Person(composed)],
            quotes: [("The caf\u00E9 on the pier reopens in June.", composed)]));
        // A record written with a decomposed name is keyed the same way.
        await s.Store.UpsertAsync(Article("ffff000000000002", publisher: "Other Daily", entities: [Person(decomposed)]));

        Assert.Equal(["ffff000000000001", "ffff000000000002"],
            (await s.Store.QueryArticlesAsync(new ArticleQuery(Entity: decomposed), null, 10)).Items.Select(a => a.Id));
        Assert.Equal(["ffff000000000001", "ffff000000000002"],
            (await s.Store.QueryArticlesAsync(new ArticleQuery(Entity: composed), null, 10)).Items.Select(a => a.Id));
        Assert.Equal(["ffff000000000001"],
            (await s.Store.QueryArticlesAsync(new ArticleQuery(Speaker: decomposed), null, 10)).Items.Select(a => a.Id));
        Assert.Equal(["ffff000000000001"],
            (await s.Store.QueryArticlesAsync(new ArticleQuery(Source: "Cafe\u0301 Gazette"), null, 10)).Items.Select(a => a.Id));

        var hit = Assert.Single((await s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: decomposed), null, 10)).Items);
        Assert.Equal(composed, hit.Speaker);
        Assert.Single((await s.Store.QueryQuotesAsync(new QuoteQuery(Text: "cafe\u0301 pier"), null, 10)).Items);

        // One entity-names row for both spellings, counting both articles.
        var name = Assert.Single((await s.Store.QueryEntitiesAsync("jose\u0301", null, 10)).Items);
        Assert.Equal((composed, 2), (name.Name.Normalize(NormalizationForm.FormC), name.Articles));
    }
}

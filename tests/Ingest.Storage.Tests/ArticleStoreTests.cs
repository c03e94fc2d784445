using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public class ArticleStoreTests(AzuriteFixture fixture)
{
    private static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<Page<T>>> query, List<int>? pageSizes = null)
    {
        var items = new List<T>();
        string? token = null;
        for (int guard = 0; guard < 100; guard++)
        {
            var page = await query(token);
            items.AddRange(page.Items);
            pageSizes?.Add(page.Items.Count);
            token = page.ContinuationToken;
            if (token is null)
                return items;
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    private static Task<List<string>> ArticleIdsAsync(IArticleStore store, ArticleQuery query, int pageSize = 3, List<int>? pageSizes = null) =>
        AllPagesAsync(t => store.QueryArticlesAsync(query, t, pageSize), pageSizes)
            .ContinueWith(t => t.Result.Select(a => a.Id).ToList(), TaskScheduler.Default);

    [Fact]
    public async Task Upsert_then_get_round_trips_a_large_record()
    {
        var s = await fixture.CreateAsync();
        // > 64 KiB of text (the limit of one table property), with non-ASCII characters.
        string body = string.Join("\n\n", Enumerable.Range(0, 1500).Select(i => $"Paragraph {i}: the ferry to Île Verte left at dawn — 早上好."));
        Assert.True(body.Length * 2 > 64 * 1024 * 2);
        var quotes = Enumerable.Range(0, 150).Select(i => ($"Quote number {i} about the harbour wall.", (string?)"Mira Stone")).ToList();
        var entities = Enumerable.Range(0, 120).Select(i => Person($"Person Number{i}")).ToList();
        var record = Article("aaaa000000000001", body: body, quotes: quotes, entities: entities,
            originalSource: "Coastal Wire", publishedAt: "2024-06-02T08:30:00Z");

        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        var read = await s.Store.GetAsync(record.Id);

        Assert.NotNull(read);
        Assert.Equal(record.Body, read.Body);
        Assert.Equal(record.Title, read.Title);
        Assert.Equal(record.Source, read.Source);
        Assert.Equal(record.Authors, read.Authors);
        Assert.Equal(record.Quotes, read.Quotes);
        Assert.Equal(record.Boilerplate, read.Boilerplate);
        Assert.Equal(record.Entities.Select(e => e.Name), read.Entities.Select(e => e.Name));
        Assert.Equal(record.ContentHash, read.ContentHash);

        var state = await s.Store.GetStateAsync(record.Id);
        Assert.Equal(new StoredArticleState(record.Id, record.Source, record.ContentHash, Version1, false), state);
        Assert.Null(await s.Store.GetAsync("ffff000000000000"));
        Assert.Null(await s.Store.GetStateAsync("ffff000000000000"));

        // All 150 quotes of one speaker (two transactions in one partition) are indexed.
        var hits = await AllPagesAsync(t => s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: "mira stone"), t, 100));
        Assert.Equal(150, hits.Count);
        var people = await AllPagesAsync(t => s.Store.QueryEntitiesAsync("person", t, 1000));
        Assert.Equal(120, people.Count);
    }

    [Fact]
    public async Task Same_hash_and_version_is_unchanged_and_a_new_version_updates()
    {
        var s = await fixture.CreateAsync();
        var record = Article("aaaa000000000002", entities: [Person("Ada Quill")]);
        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        Assert.Equal(UpsertOutcome.Unchanged, await s.Store.UpsertAsync(record));
        Assert.Equal(UpsertOutcome.Unchanged, await s.Store.UpsertAsync(record with { Title = "ignored: same hash" }));
        Assert.Equal("Article aaaa000000000002", (await s.Store.GetAsync(record.Id))!.Title);

        Assert.Equal(UpsertOutcome.Updated, await s.Store.UpsertAsync(record with { PipelineVersion = Version2 }));
        Assert.Equal(Version2, (await s.Store.GetStateAsync(record.Id))!.PipelineVersion);
        var ada = await s.Store.QueryEntitiesAsync("ada", null, 10);
        Assert.Equal(1, Assert.Single(ada.Items).Articles);
    }

    [Fact]
    public async Task Changed_record_removes_stale_index_rows()
    {
        var s = await fixture.CreateAsync();
        var v1 = Article("aaaa000000000003", publisher: "Old Press", publishedAt: "2023-02-10",
            entities: [Person("Ada Quill"), Org("Lantern Works")],
            quotes: [("The lamps stay lit all night.", "Ada Quill")]);
        var other = Article("aaaa000000000004", entities: [Org("Lantern Works")]);
        await s.Store.UpsertAsync(v1);
        await s.Store.UpsertAsync(other);
        Assert.Equal([v1.Id], await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Ada Quill")));
        Assert.Equal(2, (await s.Store.QueryEntitiesAsync("lantern", null, 10)).Items.Single().Articles);

        var v2 = Article(v1.Id, publisher: "New Press", publishedAt: "2024-07-01",
            entities: [Person("Bruno Vale"), Org("Lantern Works")],
            quotes: [("Bridges are promises.", "Bruno Vale")], contentSeed: "changed");
        Assert.Equal(UpsertOutcome.Updated, await s.Store.UpsertAsync(v2));

        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Ada Quill")));
        Assert.Equal([v1.Id], await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "bruno vale")));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Source: "Old Press")));
        Assert.Equal([v1.Id], await ArticleIdsAsync(s.Store, new ArticleQuery(Source: "new press")));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(From: new DateOnly(2023, 1, 1), To: new DateOnly(2023, 12, 31))));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Speaker: "Ada Quill")));
        Assert.Empty((await s.Store.QueryQuotesAsync(new QuoteQuery(Text: "lamps"), null, 10)).Items);
        Assert.Single((await s.Store.QueryQuotesAsync(new QuoteQuery(Text: "bridges"), null, 10)).Items);

        // Entity counts follow: Ada is gone, Lantern Works still has both articles, Bruno has one.
        Assert.Empty((await s.Store.QueryEntitiesAsync("ada", null, 10)).Items);
        Assert.Equal(2, (await s.Store.QueryEntitiesAsync("lantern", null, 10)).Items.Single().Articles);
        Assert.Equal(1, (await s.Store.QueryEntitiesAsync("bruno", null, 10)).Items.Single().Articles);

        // No row of the old version is left in the index tables.
        var stale = s.Tables.GetTableClient(s.Names.EntityIndex)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.NameKey("Ada Quill")}"));
        await foreach (var _ in stale)
            Assert.Fail("stale entity index row");
    }

    [Fact]
    public async Task Queries_filter_and_page_with_continuation_tokens()
    {
        var s = await fixture.CreateAsync();
        string[] dates = ["2024-01-10", "2024-01-20", "2024-02-03", "2024-02-15", "2024-03-01", "2024-03-09", "2024-04-30"];
        var ids = new List<string>();
        for (int i = 0; i < dates.Length; i++)
        {
            string id = $"bbbb00000000000{i}";
            ids.Add(id);
            await s.Store.UpsertAsync(Article(id, publisher: i == 6 ? "Other Daily" : "Harbor Gazette",
                originalSource: i == 6 ? "Harbor Gazette" : null, publishedAt: dates[i],
                entities: [Person("Ada Quill"), Org("Lantern Works")],
                quotes: [($"Statement {i} on the tides.", "Mira Stone")]));
        }
        // A distractor that matches none of the filters.
        await s.Store.UpsertAsync(Article("bbbb000000000009", publisher: "Far Times", publishedAt: "2019-01-01",
            entities: [Person("Someone Else")], quotes: [("Elsewhere.", "Other Voice")]));

        var sizes = new List<int>();
        Assert.Equal(ids, await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "ADA  QUILL"), 3, sizes));
        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal(ids, await ArticleIdsAsync(s.Store, new ArticleQuery(Speaker: "Mira Stone")));
        // Source matches the publisher or the original source.
        Assert.Equal(ids, await ArticleIdsAsync(s.Store, new ArticleQuery(Source: "the harbor gazette")));
        Assert.Equal([ids[6]], await ArticleIdsAsync(s.Store, new ArticleQuery(Source: "Other Daily")));

        sizes.Clear();
        var february = await ArticleIdsAsync(s.Store, new ArticleQuery(From: new DateOnly(2024, 1, 15), To: new DateOnly(2024, 3, 1)), 3, sizes);
        Assert.Equal(ids[1..5], february);
        Assert.Equal([3, 1], sizes);
        Assert.Equal(ids[4..], await ArticleIdsAsync(s.Store, new ArticleQuery(From: new DateOnly(2024, 3, 1))));
        Assert.Equal(["bbbb000000000009", ids[0]], await ArticleIdsAsync(s.Store, new ArticleQuery(To: new DateOnly(2024, 1, 10))));

        // Filters combine with AND.
        Assert.Equal(ids[1..5], await ArticleIdsAsync(s.Store,
            new ArticleQuery(Entity: "ada quill", From: new DateOnly(2024, 1, 15), To: new DateOnly(2024, 3, 1))));
        Assert.Equal(ids, await ArticleIdsAsync(s.Store, new ArticleQuery(Speaker: "mira stone", Source: "harbor gazette")));
        Assert.Equal(ids[..6], await ArticleIdsAsync(s.Store, new ArticleQuery(Speaker: "mira stone", To: new DateOnly(2024, 3, 31))));
        Assert.Equal([ids[6]], await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Lantern Works", Source: "Other Daily")));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Ada Quill", Speaker: "Other Voice")));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Nobody")));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(From: new DateOnly(2024, 5, 1), To: new DateOnly(2024, 1, 1))));

        // No filter lists every article.
        sizes.Clear();
        var everything = await ArticleIdsAsync(s.Store, new ArticleQuery(), 3, sizes);
        Assert.Equal([.. ids, "bbbb000000000009"], everything);
        Assert.Equal([3, 3, 2], sizes);

        // Summaries carry the searchable fields.
        var first = (await s.Store.QueryArticlesAsync(new ArticleQuery(Entity: "Ada Quill"), null, 1)).Items.Single();
        Assert.Equal(new ArticleSummary(ids[0], new SourceRef("articles", $"test/{ids[0]}.html"), $"Article {ids[0]}",
            "Harbor Gazette", null, "2024-01-10", Version1), first);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Store.QueryArticlesAsync(new ArticleQuery(), null, 0));
        await Assert.ThrowsAsync<QueryArgumentException>(() => s.Store.QueryArticlesAsync(new ArticleQuery(), "garbage!", 3));
    }

    [Fact]
    public async Task Quote_text_query_groups_one_quote_across_articles()
    {
        var s = await fixture.CreateAsync();
        const string quote = "The river keeps its own counsel, and so shall we.";
        await s.Store.UpsertAsync(Article("cccc000000000001", quotes: [(quote, "Mira Stone"), ("Another remark entirely.", "Mira Stone")]));
        await s.Store.UpsertAsync(Article("cccc000000000002", quotes: [("the river keeps its own  counsel, and so shall we.", null)]));
        await s.Store.UpsertAsync(Article("cccc000000000003", quotes: [("Counsel is cheap by the river.", "Bruno Vale")]));

        var exact = (await s.Store.QueryQuotesAsync(new QuoteQuery(Text: quote), null, 10)).Items;
        var hit = Assert.Single(exact);
        Assert.Equal(["cccc000000000001", "cccc000000000002"], hit.ArticleIds.Order());
        Assert.Equal("Mira Stone", hit.Speaker);
        Assert.Equal(SpeakerKinds.Person, hit.SpeakerKind);

        // Word search: all words, any order, case-insensitive.
        var words = await AllPagesAsync(t => s.Store.QueryQuotesAsync(new QuoteQuery(Text: "COUNSEL river"), t, 1));
        Assert.Equal(2, words.Count);
        Assert.Contains(words, h => h.ArticleIds.SequenceEqual(["cccc000000000003"]));
        Assert.Empty((await s.Store.QueryQuotesAsync(new QuoteQuery(Text: "river ocean"), null, 10)).Items);

        // By speaker, optionally with words.
        var mira = await AllPagesAsync(t => s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: "mira stone"), t, 1));
        Assert.Equal(2, mira.Count);
        var miraRiver = (await s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: "Mira Stone", Text: "river"), null, 10)).Items;
        Assert.Equal(["cccc000000000001"], Assert.Single(miraRiver).ArticleIds);

        // No filter lists every distinct quotation.
        Assert.Equal(3, (await AllPagesAsync(t => s.Store.QueryQuotesAsync(new QuoteQuery(), t, 2))).Count);
    }

    [Fact]
    public async Task Entity_prefix_lists_names_with_article_counts()
    {
        var s = await fixture.CreateAsync();
        await s.Store.UpsertAsync(Article("dddd000000000001", entities: [Person("Ada Quill"), Person("Adele Brook"), Org("The Bruno Trust")]));
        await s.Store.UpsertAsync(Article("dddd000000000002", entities: [Person("Ada Quill"), Person("Adele Brook")]));
        await s.Store.UpsertAsync(Article("dddd000000000003", entities: [Person("ada quill"), Person("Adam Reyes")]));

        var ad = await AllPagesAsync(t => s.Store.QueryEntitiesAsync("AD", t, 2));
        Assert.Equal([("ada quill", 3), ("adam reyes", 1), ("adele brook", 2)],
            ad.Select(e => (e.Name.ToLowerInvariant(), e.Articles)));
        Assert.All(ad, e => Assert.Equal(EntityTypes.Person, e.Type));
        Assert.Equal(["Adam Reyes"], (await s.Store.QueryEntitiesAsync("adam", null, 10)).Items.Select(e => e.Name));
        Assert.Single((await s.Store.QueryEntitiesAsync("ada ", null, 10)).Items);
        // A leading "the " is not part of the key.
        var trust = Assert.Single((await s.Store.QueryEntitiesAsync("the bru", null, 10)).Items);
        Assert.Equal(("The Bruno Trust", EntityTypes.Organization, 1), (trust.Name, trust.Type, trust.Articles));
        Assert.Empty((await s.Store.QueryEntitiesAsync("zz", null, 10)).Items);
        Assert.Equal(4, (await AllPagesAsync(t => s.Store.QueryEntitiesAsync("", t, 3))).Count);
    }

    [Fact]
    public async Task Concurrent_articles_sharing_entities_count_each_article_once()
    {
        // Names of one entity-names partition (first character "a") are read and written together, one transaction per
        // group: eight articles racing on the same name rows must still end with exact counts.
        var s = await fixture.CreateAsync();
        string[] ids = [.. Enumerable.Range(1, 8).Select(i => $"efef{i:D12}")];
        await Task.WhenAll(ids.Select((id, i) => s.Store.UpsertAsync(Article(id,
            entities: [Person("Ada Quill"), Person("Arno Dahl"), Org("Alder Works"), Person($"Anna Berg {i}")]))));

        var counts = (await AllPagesAsync(t => s.Store.QueryEntitiesAsync("a", t, 5))).ToDictionary(e => e.Name, e => e.Articles);
        Assert.Equal(8, counts["Ada Quill"]);
        Assert.Equal(8, counts["Arno Dahl"]);
        Assert.Equal(8, counts["Alder Works"]);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(1, counts[$"Anna Berg {i}"]));
        Assert.Equal(11, counts.Count);
        Assert.Empty(await Faults.StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        // Half of them drop "Arno Dahl" at once; the other counts stay.
        await Task.WhenAll(ids.Take(4).Select((id, i) => s.Store.UpsertAsync(Article(id, contentSeed: "second",
            entities: [Person("Ada Quill"), Org("Alder Works"), Person($"Anna Berg {i}")]))));
        counts = (await AllPagesAsync(t => s.Store.QueryEntitiesAsync("a", t, 5))).ToDictionary(e => e.Name, e => e.Articles);
        Assert.Equal((8, 4, 8), (counts["Ada Quill"], counts["Arno Dahl"], counts["Alder Works"]));
        Assert.Empty(await Faults.StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task A_stale_row_already_gone_does_not_stop_the_transaction_that_writes_its_partition()
    {
        // New and stale rows of one partition share a transaction; when a stale row is gone already (a retry after a partial
        // write), the transaction fails with 404 and is done again as upserts plus single deletes.
        var s = await fixture.CreateAsync();
        const string id = "acac000000000001";
        var first = Article(id, body: "The ferry timetable changes in spring, the harbour office said on Monday.",
            entities: [Person("Ada Quill")]);
        var second = Article(id, body: "Night buses replace the last ferry from June, according to the transport board.",
            entities: [Person("Ada Quill")], contentSeed: "second");
        await s.Store.UpsertAsync(first);

        var kept = ArticleIndex.Build(second).Select(r => r.Ref).ToHashSet();
        var copyIndex = s.Tables.GetTableClient(s.Names.CopyIndex);
        TableEntity? gone = null;
        await foreach (var row in copyIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ArticleId eq {id}")))
        {
            if (row.RowKey.StartsWith(CopyRows.BandPrefix, StringComparison.Ordinal) && !kept.Contains(new IndexRowRef(IndexTable.Copy, row.PartitionKey, row.RowKey)) &&
                kept.Any(r => r.Table == IndexTable.Copy && r.PartitionKey == row.PartitionKey))
            {
                gone = row;
                break;
            }
        }
        Assert.NotNull(gone);
        await copyIndex.DeleteEntityAsync(gone.PartitionKey, gone.RowKey);

        Assert.Equal(UpsertOutcome.Updated, await s.Store.UpsertAsync(second));
        Assert.Empty(await Faults.StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
        var left = new List<string>();
        await foreach (var row in copyIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ArticleId eq {id}")))
            left.Add(row.PartitionKey + "/" + row.RowKey);
        Assert.Equal(kept.Where(r => r.Table == IndexTable.Copy).Select(r => r.PartitionKey + "/" + r.RowKey).Order(StringComparer.Ordinal),
            left.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Failure_round_trips_and_a_later_upsert_clears_it()
    {
        var s = await fixture.CreateAsync();
        var failure = new IngestFailure
        {
            Id = "eeee000000000001", Source = new SourceRef("articles", "bad/empty.html"), Stage = "decode",
            Reason = "The file is empty.", ErrorType = "DecodeException", PipelineVersion = Version1,
            ContentHash = new string('0', 64), SizeBytes = 0, FailedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        };
        await s.Store.RecordFailureAsync(failure);
        Assert.Equal(failure, await s.Store.GetFailureAsync(failure.Id));
        Assert.Equal(new StoredArticleState(failure.Id, failure.Source, failure.ContentHash, Version1, true),
            await s.Store.GetStateAsync(failure.Id));
        Assert.Null(await s.Store.GetAsync(failure.Id));

        await s.Store.RecordFailureAsync(failure with { Stage = "quotes", SizeBytes = -1, ContentHash = null });
        Assert.Equal("quotes", (await s.Store.GetFailureAsync(failure.Id))!.Stage);

        var record = Article(failure.Id);
        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        Assert.Null(await s.Store.GetFailureAsync(failure.Id));
        Assert.False((await s.Store.GetStateAsync(failure.Id))!.Failed);

        // A failure of a stored article leaves the article; an unchanged upsert clears the failure again.
        await s.Store.RecordFailureAsync(failure);
        Assert.NotNull(await s.Store.GetAsync(failure.Id));
        Assert.True((await s.Store.GetStateAsync(failure.Id))!.Failed);
        Assert.Equal(UpsertOutcome.Unchanged, await s.Store.UpsertAsync(record));
        Assert.Null(await s.Store.GetFailureAsync(failure.Id));
    }

    [Fact]
    public async Task ListOutdated_streams_articles_and_failures_of_other_versions()
    {
        var s = await fixture.CreateAsync();
        await s.Store.UpsertAsync(Article("ffff000000000001"));
        await s.Store.UpsertAsync(Article("ffff000000000002"));
        await s.Store.UpsertAsync(Article("ffff000000000003", pipelineVersion: Version2));
        await s.Store.RecordFailureAsync(new IngestFailure
        {
            Id = "ffff000000000004", Source = new SourceRef("articles", "x.html"), Stage = "read", Reason = "Too big.",
            ErrorType = "ArticleTooLargeException", PipelineVersion = Version1,
        });
        await s.Store.RecordFailureAsync(new IngestFailure
        {
            Id = "ffff000000000005", Source = new SourceRef("articles", "y.html"), Stage = "read", Reason = "Too big.",
            ErrorType = "ArticleTooLargeException", PipelineVersion = Version2,
        });

        var outdated = new List<StoredArticleState>();
        await foreach (var state in s.Store.ListOutdatedAsync(Version2))
            outdated.Add(state);
        Assert.Equal(["ffff000000000001", "ffff000000000002", "ffff000000000004"], outdated.Select(o => o.Id).Order());
        Assert.True(outdated.Single(o => o.Id == "ffff000000000004").Failed);
        Assert.Equal(new SourceRef("articles", "test/ffff000000000001.html"), outdated.Single(o => o.Id == "ffff000000000001").Source);

        // The last attempt of article 1 failed with the current version: it is not outdated any more.
        await s.Store.RecordFailureAsync(new IngestFailure
        {
            Id = "ffff000000000001", Source = new SourceRef("articles", "test/ffff000000000001.html"), Stage = "quotes",
            Reason = "Broken.", ErrorType = "StageFailedException", PipelineVersion = Version2,
        });
        var ids = new List<string>();
        await foreach (var state in s.Store.ListOutdatedAsync(Version2))
            ids.Add(state.Id);
        Assert.Equal(["ffff000000000002", "ffff000000000004"], ids.Order());
    }

    [Fact]
    public async Task Keys_with_forbidden_characters_work()
    {
        var s = await fixture.CreateAsync();
        string id = "we/ird\\id#1?x\u0001y\u0085%";
        string entity = "AC/DC #1 \\ Fans? \u0007Club";
        string speaker = "Dr. Slash/Back\\slash";
        string publisher = "News/Wire? #1";
        var record = Article(id, publisher: publisher, entities: [Org(entity)], quotes: [("Keys must never break.", speaker)]);

        Assert.Equal(UpsertOutcome.Created, await s.Store.UpsertAsync(record));
        Assert.Equal(record.Body, (await s.Store.GetAsync(id))!.Body);
        Assert.Equal(id, (await s.Store.GetStateAsync(id))!.Id);
        Assert.Equal([id], await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: entity.ToUpperInvariant())));
        Assert.Equal([id], await ArticleIdsAsync(s.Store, new ArticleQuery(Speaker: speaker)));
        Assert.Equal([id], await ArticleIdsAsync(s.Store, new ArticleQuery(Source: publisher, Entity: entity)));
        Assert.Equal([id], await ArticleIdsAsync(s.Store, new ArticleQuery()));
        Assert.Equal(entity, Assert.Single((await s.Store.QueryEntitiesAsync("ac/dc #", null, 10)).Items).Name);
        Assert.Equal([id], Assert.Single((await s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: speaker), null, 10)).Items).ArticleIds);

        await s.Store.RecordFailureAsync(new IngestFailure
        {
            Id = id, Source = record.Source, Stage = "read", Reason = "x", ErrorType = "IOException", PipelineVersion = Version2,
        });
        Assert.Equal(id, (await s.Store.GetFailureAsync(id))!.Id);
        var outdated = new List<StoredArticleState>();
        await foreach (var state in s.Store.ListOutdatedAsync(Version1))
            outdated.Add(state);
        Assert.Equal(id, Assert.Single(outdated).Id);

        Assert.Equal(UpsertOutcome.Updated, await s.Store.UpsertAsync(record with { ContentHash = new string('1', 64), Entities = [] }));
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: entity)));
        Assert.Empty((await s.Store.QueryEntitiesAsync("ac/dc", null, 10)).Items);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_article_leave_a_consistent_index()
    {
        var s = await fixture.CreateAsync();
        const string id = "abab000000000001";
        await s.Store.UpsertAsync(Article(id, entities: [Person("Start Person")]));
        string[] names = ["Version Alpha", "Version Beta", "Version Gamma"];
        var outcomes = await Task.WhenAll(names.Select(n =>
            s.Store.UpsertAsync(Article(id, title: n, entities: [Person(n)], quotes: [($"{n} speaking.", n)], contentSeed: n))));
        Assert.All(outcomes, o => Assert.Equal(UpsertOutcome.Updated, o));

        var final = await s.Store.GetAsync(id);
        Assert.NotNull(final);
        string winner = final.Title!;
        Assert.Empty(await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: "Start Person")));
        foreach (string n in names)
        {
            var found = await ArticleIdsAsync(s.Store, new ArticleQuery(Entity: n));
            Assert.Equal(n == winner ? [id] : [], found);
            Assert.Equal(n == winner ? 1 : 0, (await s.Store.QueryQuotesAsync(new QuoteQuery(Speaker: n), null, 10)).Items.Count);
        }
    }
}

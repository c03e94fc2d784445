using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Ingest.Core.Abstractions;
using Ingest.Core.Copies;
using Ingest.Core.Document;
using Ingest.Storage.Tests.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Ingest.Core.Tests.Copies.CopyBodies;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Copies;

/// <summary>The copy index on Azurite: its rows, stories of copies, and how deletion, reprocessing and withdrawal keep them right.</summary>
[Collection(AzuriteCollection.Name)]
public class CopyIndexTests(AzuriteFixture fixture)
{
    private const string Quote = "We cannot ask passengers to wait on a structure our own inspectors will not stand on";

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset T0 = new(2025, 6, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store over the test's tables whose first-stored times come from <paramref name="clock"/>.</summary>
    private TableArticleStore StoreWith(StorageUnderTest s, TimeProvider clock) =>
        new(new TableServiceClient(fixture.ConnectionString), new BlobServiceClient(fixture.ConnectionString),
            Options.Create(new StorageOptions { NamePrefix = s.Prefix }), NullLogger<TableArticleStore>.Instance, clock);

    /// <summary>Stores the records one minute apart, in the order given.</summary>
    private async Task<(StorageUnderTest S, TableArticleStore Store, ManualClock Clock)> StoreInOrderAsync(params ArticleRecord[] records)
    {
        var s = await fixture.CreateAsync();
        var clock = new ManualClock(T0);
        var store = StoreWith(s, clock);
        foreach (var record in records)
        {
            await store.UpsertAsync(record);
            clock.Now += TimeSpan.FromMinutes(1);
        }
        return (s, store, clock);
    }

    private static ArticleRecord WithQuote(ArticleRecord record) => record with
    {
        Quotes = [new QuoteRecord(Quote, "Ilse Brandvold", SpeakerKinds.Person, "said", 2)],
    };

    // One story: the wire's original, a republication crediting the wire, a lightly edited copy; and another outlet's own story.
    private static readonly ArticleRecord Wire = WithQuote(Article("f000000000000009", publisher: "Coastal Wire", body: Original));
    private static readonly ArticleRecord Courier = WithQuote(Article("f000000000000002", publisher: "Bay Courier",
        originalSource: "Coastal Wire", body: Republished));
    private static readonly ArticleRecord Edited = Article("f000000000000005", publisher: "Hill News", body: LightlyEdited);
    private static readonly ArticleRecord RiverTimes = WithQuote(Article("f000000000000001", publisher: "River Times", body: SameTopicOtherStory));

    private static async Task<List<TableEntity>> CopyRowsOfAsync(StorageUnderTest s, string id)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in s.Tables.GetTableClient(s.Names.CopyIndex).QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"ArticleId eq {id}")))
            rows.Add(row);
        return rows;
    }

    private static async Task<List<string>> MembersAsync(IArticleStore store, string id) =>
        [.. (await store.GetCopiesAsync(id))!.Members.Select(m => m.Id)];

    [Fact]
    public async Task An_articles_copy_rows_are_its_bands_hash_and_signature_in_at_most_four_partitions_and_listed_in_its_record()
    {
        var (s, _, _) = await StoreInOrderAsync(Wire);

        var rows = await CopyRowsOfAsync(s, Wire.Id);

        Assert.Equal(BodyFingerprint.Bands + 2, rows.Count);
        Assert.Equal(BodyFingerprint.Bands, rows.Count(r => r.RowKey.StartsWith(CopyRows.BandPrefix, StringComparison.Ordinal)));
        Assert.Single(rows, r => r.RowKey == CopyRows.HashPrefix + Wire.ContentHash + "_" + Wire.Id);
        var signature = Assert.Single(rows, r => r.RowKey == "s_" + Wire.Id);
        Assert.Equal(BodyFingerprint.Hashes * 4, signature.GetBinary("Signature")!.Length);
        Assert.Equal(T0, signature.GetDateTimeOffset("FirstStoredAt"));
        Assert.Equal("Coastal Wire", signature.GetString("Publisher"));
        Assert.InRange(rows.Select(r => r.PartitionKey).Distinct().Count(), 1, CopyRows.Buckets);
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names)); // every row listed in the record blob
    }

    [Fact]
    public async Task The_story_holds_the_copies_with_the_earliest_stored_as_its_id_and_not_the_same_topic_story()
    {
        // Stored in this order: the Courier's copy before the wire's original. The ids sort the other way round on purpose.
        var (_, store, _) = await StoreInOrderAsync(RiverTimes, Courier, Wire, Edited);

        var story = (await store.GetCopiesAsync(Wire.Id))!;

        Assert.Equal(Courier.Id, story.Id);
        Assert.Equal(Wire.Id, story.ArticleId);
        Assert.Equal([Courier.Id, Wire.Id, Edited.Id], story.Members.Select(m => m.Id));
        Assert.Equal("Coastal Wire", story.OriginalSource);
        var courier = story.Members[0];
        Assert.Equal(Courier.Source.Name, courier.Source.Name);
        Assert.Equal("Bay Courier", courier.Publisher);
        Assert.Equal("Coastal Wire", courier.OriginalSource);
        Assert.Equal("2024-05-01", courier.PublishedAt);
        Assert.InRange(courier.Similarity, 0.85, 0.99);
        Assert.Equal(T0.AddMinutes(1), courier.FirstStoredAt);
        Assert.Equal([true, true, false], story.Members.Select(m => m.OriginalSourceMatches)); // Hill News credits nobody
        Assert.Equal(1.0, story.Members[1].Similarity);
        Assert.InRange(story.Members[2].Similarity, 0.6, 0.95);

        // Asked from any member, the same story.
        Assert.Equal(Courier.Id, (await store.GetCopiesAsync(Edited.Id))!.Id);
        Assert.Equal([RiverTimes.Id], await MembersAsync(store, RiverTimes.Id));
        Assert.Null(await store.GetCopiesAsync("f00000000000000f"));
    }

    [Fact]
    public async Task The_same_file_under_two_names_is_one_story_even_when_the_bodies_came_out_differently()
    {
        // Template memory can make one file's body differ between two ingestions; the content hash still links them.
        var first = Article("f000000000000011", body: Original, contentSeed: "one file");
        var second = Article("f000000000000012", body: OtherStory, contentSeed: "one file");
        var (_, store, _) = await StoreInOrderAsync(first, second);

        var story = (await store.GetCopiesAsync(second.Id))!;

        Assert.Equal([first.Id, second.Id], story.Members.Select(m => m.Id));
        Assert.True(story.Members[0].SameContent);
        Assert.Equal(1.0, story.Members[0].Similarity);
    }

    [Fact]
    public async Task Deleting_the_earliest_copy_hands_the_story_to_the_next_and_leaves_no_row_behind()
    {
        var (s, store, _) = await StoreInOrderAsync(Wire, Courier, Edited);
        Assert.Equal(Wire.Id, (await store.GetCopiesAsync(Courier.Id))!.Id);

        Assert.True(await store.DeleteAsync(Wire.Id));

        var story = (await store.GetCopiesAsync(Edited.Id))!;
        Assert.Equal(Courier.Id, story.Id);
        Assert.Equal([Courier.Id, Edited.Id], story.Members.Select(m => m.Id));
        Assert.Null(await store.GetCopiesAsync(Wire.Id));
        Assert.Empty(await CopyRowsOfAsync(s, Wire.Id));
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
    }

    [Fact]
    public async Task Reprocessing_a_copy_into_other_text_takes_it_out_of_the_story_and_keeps_its_first_stored_time()
    {
        var (s, store, clock) = await StoreInOrderAsync(Wire, Courier);
        Assert.Equal([Wire.Id, Courier.Id], await MembersAsync(store, Courier.Id));

        // The Courier's blob now holds another story (a new file under the same name), processed later.
        clock.Now = T0.AddDays(1);
        var replaced = Courier with { Body = OtherStory, ContentHash = new string('c', 64), Quotes = [] };
        Assert.Equal(UpsertOutcome.Updated, await store.UpsertAsync(replaced));

        Assert.Equal([Wire.Id], await MembersAsync(store, Wire.Id));
        var alone = (await store.GetCopiesAsync(Courier.Id))!;
        Assert.Equal([Courier.Id], alone.Members.Select(m => m.Id));
        Assert.Equal(T0.AddMinutes(1), alone.Members[0].FirstStoredAt);
        Assert.Equal(BodyFingerprint.Bands + 2, (await CopyRowsOfAsync(s, Courier.Id)).Count); // the old bands went as stale rows
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        // Back to the republication: back in the story, still under the wire's id.
        Assert.Equal(UpsertOutcome.Updated, await store.UpsertAsync(Courier));
        var story = (await store.GetCopiesAsync(Courier.Id))!;
        Assert.Equal(Wire.Id, story.Id);
        Assert.Equal([Wire.Id, Courier.Id], story.Members.Select(m => m.Id));
    }

    [Fact]
    public async Task A_withdrawn_copy_leaves_the_story_and_comes_back_with_its_first_stored_time()
    {
        var (s, store, clock) = await StoreInOrderAsync(Courier, Wire);

        Assert.True(await store.WithdrawAsync(Courier.Id, "0000other"));

        Assert.Null(await store.GetCopiesAsync(Courier.Id));
        var story = (await store.GetCopiesAsync(Wire.Id))!;
        Assert.Equal(Wire.Id, story.Id);
        Assert.Equal([Wire.Id], story.Members.Select(m => m.Id));
        Assert.Empty(await CopyRowsOfAsync(s, Courier.Id));

        clock.Now = T0.AddDays(2);
        Assert.Equal(UpsertOutcome.Created, await store.UpsertAsync(Courier));
        Assert.Equal(Courier.Id, (await store.GetCopiesAsync(Wire.Id))!.Id); // first stored at T0, before the wire
    }

    [Fact]
    public async Task A_quotation_repeated_by_copies_is_one_use_per_story()
    {
        var (_, store, _) = await StoreInOrderAsync(Courier, Wire, RiverTimes);

        var hit = Assert.Single((await store.QueryQuotesAsync(new QuoteQuery(Text: "inspectors stand"), null, 10)).Items);
        var bySpeaker = Assert.Single((await store.QueryQuotesAsync(new QuoteQuery(Speaker: "Ilse Brandvold"), null, 10)).Items);

        Assert.Equal(new[] { Courier.Id, Wire.Id, RiverTimes.Id }.Order(StringComparer.Ordinal), hit.ArticleIds.Order(StringComparer.Ordinal));
        foreach (var h in new[] { hit, bySpeaker })
        {
            Assert.Equal(2, h.Stories.Count); // the story of the copies, and the River Times' own
            var copies = Assert.Single(h.Stories, g => g.ArticleId == Courier.Id);
            Assert.Equal([Wire.Id], copies.Copies);
            Assert.Empty(Assert.Single(h.Stories, g => g.ArticleId == RiverTimes.Id).Copies);
        }
    }

    [Fact]
    public async Task Repair_removes_copy_rows_no_record_lists()
    {
        var s = await fixture.CreateAsync();
        var record = Wire with { Source = new SourceRef(s.Names.IncomingContainer, "wire/pier.txt") };
        var container = s.Blobs.GetBlobContainerClient(record.Source.Container);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(record.Source.Name).UploadAsync(BinaryData.FromString(record.Body), overwrite: true);
        await s.Store.UpsertAsync(record);
        // A band row of an article whose write never got as far as its record blob.
        await s.Tables.GetTableClient(s.Names.CopyIndex).UpsertEntityAsync(
            new TableEntity("0", "m0123456789abcdef_f0000000000000aa") { ["ArticleId"] = "f0000000000000aa" });
        Assert.NotEmpty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));

        var report = await s.Services.GetRequiredService<IStoreRepair>().RepairAsync();

        Assert.Equal(1, report.OrphanRows);
        Assert.Empty(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names));
        Assert.Equal([record.Id], await MembersAsync(s.Store, record.Id));
    }

    [Fact]
    public async Task An_article_stored_before_the_copy_index_is_fingerprinted_from_its_record_and_finds_its_copies()
    {
        var (s, store, _) = await StoreInOrderAsync(Wire, Courier);
        // What an older layout left: the wire's article has no copy rows (they are written when it is reprocessed).
        var copyIndex = s.Tables.GetTableClient(s.Names.CopyIndex);
        foreach (var row in await CopyRowsOfAsync(s, Wire.Id))
            await copyIndex.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var story = (await store.GetCopiesAsync(Wire.Id))!;

        Assert.Equal([Wire.Id, Courier.Id], story.Members.Select(m => m.Id));
        Assert.Equal(T0, story.Members[0].FirstStoredAt); // no signature row: the record blob's time
    }
}

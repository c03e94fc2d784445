using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Queries;

/// <summary>The failures list, the status of article list items, and deleting raw blobs, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class FailureAndStatusTests(AzuriteFixture fixture)
{
    private static IngestFailure Failure(string id, string? contentHash, string stage = "decode") => new()
    {
        Id = id, Source = new SourceRef("articles", $"test/{id}.bin"), Stage = stage, Reason = $"Stage {stage} refused {id}.",
        ErrorType = "DecodeException", PipelineVersion = Version2, ContentHash = contentHash, SizeBytes = 42,
        FailedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
    };

    [Fact]
    public async Task Failures_page_in_id_order_with_every_field()
    {
        var s = await fixture.CreateAsync();
        string[] ids = ["cccc000000000003", "aaaa000000000001", "eeee000000000005", "bbbb000000000002", "dddd000000000004"];
        foreach (string id in ids)
            await s.Store.RecordFailureAsync(Failure(id, new string('1', 64)));
        // A stored article without a failure is not listed.
        await s.Store.UpsertAsync(Article("ffff000000000006"));

        var seen = new List<IngestFailure>();
        string? token = null;
        var sizes = new List<int>();
        do
        {
            var page = await s.Store.QueryFailuresAsync(token, 2);
            sizes.Add(page.Items.Count);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(f => f.Id));
        Assert.Equal(Failure("aaaa000000000001", new string('1', 64)), seen[0]);

        var ex = await Assert.ThrowsAsync<QueryArgumentException>(() => s.Store.QueryFailuresAsync("not-a-token", 2));
        Assert.Equal("continuationToken", ex.ParamName);
        await s.Store.UpsertAsync(Article("ffff000000000007"));
        var articleToken = (await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 1)).ContinuationToken;
        Assert.NotNull(articleToken);
        Assert.Equal("continuationToken",
            (await Assert.ThrowsAsync<QueryArgumentException>(() => s.Store.QueryFailuresAsync(articleToken, 2))).ParamName);
    }

    [Fact]
    public async Task A_listed_article_whose_latest_attempt_failed_is_marked_failed()
    {
        var s = await fixture.CreateAsync();
        var sameContent = Article("aaaa000000000001", entities: [Person("Ines Calloway")]);
        var fine = Article("bbbb000000000002", entities: [Person("Ines Calloway")]);
        var overwritten = Article("cccc000000000003", entities: [Person("Ines Calloway")]);
        foreach (var record in new[] { sameContent, fine, overwritten })
            await s.Store.UpsertAsync(record);

        // The same content failing under a newer pipeline keeps the record listed; other content that fails withdraws it.
        await s.Store.WithdrawAsync(sameContent.Id, sameContent.ContentHash);
        await s.Store.RecordFailureAsync(Failure(sameContent.Id, sameContent.ContentHash, "quotes"));
        Assert.True(await s.Store.WithdrawAsync(overwritten.Id, new string('9', 64)));
        await s.Store.RecordFailureAsync(Failure(overwritten.Id, new string('9', 64)));

        foreach (var query in new[] { new ArticleQuery(), new ArticleQuery(Entity: "Ines Calloway"), new ArticleQuery(From: new DateOnly(2024, 1, 1)) })
        {
            var items = (await s.Store.QueryArticlesAsync(query, null, 10)).Items.ToDictionary(a => a.Id);
            Assert.Equal([sameContent.Id, fine.Id], items.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(ArticleStatuses.Failed, items[sameContent.Id].Status);
            Assert.Equal(Failure(sameContent.Id, sameContent.ContentHash, "quotes"), items[sameContent.Id].Failure);
            Assert.Equal(ArticleStatuses.Stored, items[fine.Id].Status);
            Assert.Null(items[fine.Id].Failure);
        }

        // A successful attempt clears the mark.
        await s.Store.UpsertAsync(sameContent with { PipelineVersion = Version2 });
        var again = (await s.Store.QueryArticlesAsync(new ArticleQuery(), null, 10)).Items.Single(a => a.Id == sameContent.Id);
        Assert.Equal(ArticleStatuses.Stored, again.Status);
    }

    [Fact]
    public async Task Deleting_a_raw_blob_says_whether_it_existed()
    {
        var s = await fixture.CreateAsync();
        var container = s.Blobs.GetBlobContainerClient(s.Names.IncomingContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("news/one.txt").UploadAsync(BinaryData.FromString("one"));
        var source = new SourceRef(container.Name, "news/one.txt");

        Assert.True(await s.RawDocuments.DeleteAsync(source));
        Assert.Null(await s.RawDocuments.OpenReadAsync(source));
        Assert.False(await s.RawDocuments.DeleteAsync(source));
        Assert.False(await s.RawDocuments.DeleteAsync(new SourceRef(container.Name, "never/there.txt")));
    }
}

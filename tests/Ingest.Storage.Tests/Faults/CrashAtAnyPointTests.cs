using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Faults;

/// <summary>
/// The write order survives a crash at any storage request: an upsert is stopped before its 1st, 2nd, … request (every
/// later request fails too, as in a killed process), then run again by a healthy store; record, index rows and entity
/// counts must then agree exactly (<see cref="StoreConsistency"/> reads the tables themselves).
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CrashAtAnyPointTests(AzuriteFixture fixture)
{
    // Aliases put alias rows in the entity and speaker indexes, which stale-row deletion must also cover.
    private static readonly ArticleRecord Neighbour = WithAliases(Article("cccc000000000001",
        entities: [Person("Ada Quill"), Org("Harbor Trust")], quotes: [("We will reopen the pier.", "Ada Quill")]), ("Ada Quill", ["Quill"]));

    private static readonly ArticleRecord First = WithAliases(Article("cccc000000000002", body: "First version of the story.",
        entities: [Person("Ada Quill"), Person("Tomas Reed"), Org("Harbor Trust")],
        quotes: [("The bridge stays shut.", "Tomas Reed"), ("Nobody told us.", null)], publishedAt: "2024-03-09"),
        ("Tomas Reed", ["Reed", "Tomas"]), ("Ada Quill", ["Quill"]));

    private static readonly ArticleRecord Second = WithAliases(Article("cccc000000000002", body: "Second version of the story.",
        entities: [Person("Ada Quill"), Person("Lena Ortiz")], originalSource: "Coastal Wire",
        quotes: [("The bridge reopens in May.", "Lena Ortiz")], publishedAt: "2024-04-11"), ("Lena Ortiz", ["Ortiz"]));

    private static readonly ArticleRecord Third = Article("cccc000000000002", body: "Third version of the story.",
        entities: [Org("Harbor Trust"), Person("Mina Dale")], quotes: [("It was a long winter.", "Mina Dale")],
        publishedAt: "2024-05-20");

    private (TableArticleStore Store, CrashPolicy Policy) FaultyStore(StorageUnderTest s) =>
        CrashPolicy.Store(fixture.ConnectionString, s.Prefix);

    private async Task<int> RequestsOfAsync(Func<IArticleStore, Task> setUp, ArticleRecord record)
    {
        var s = await fixture.CreateAsync();
        await setUp(s.Store);
        var (store, policy) = FaultyStore(s);
        await store.UpsertAsync(record);
        return policy.Requests;
    }

    /// <summary>Crashes <paramref name="crashing"/> at every request in turn, then writes <paramref name="retry"/> healthily.</summary>
    private async Task CrashEverywhereAsync(Func<IArticleStore, Task> setUp, ArticleRecord crashing, ArticleRecord retry)
    {
        int requests = await RequestsOfAsync(setUp, crashing);
        Assert.InRange(requests, 5, 200);
        for (int crashAt = 1; crashAt <= requests; crashAt++)
        {
            var s = await fixture.CreateAsync();
            await setUp(s.Store);
            var (store, policy) = FaultyStore(s);
            policy.CrashAt = crashAt;
            await Assert.ThrowsAnyAsync<Exception>(() => store.UpsertAsync(crashing));

            // Unchanged only when the crash came after the article row (the commit marker) was written.
            await s.Store.UpsertAsync(retry);
            var problems = await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names);
            Assert.True(problems.Count == 0, $"crash at request {crashAt} of {requests}: " + string.Join("; ", problems));
            var stored = await s.Store.GetAsync(retry.Id);
            Assert.Equal(retry.Body, stored!.Body);
            var counts = (await s.Store.QueryEntitiesAsync("", null, 100)).Items.ToDictionary(e => e.Name, e => e.Articles);
            foreach (var entity in retry.Entities)
                Assert.Equal(1 + Neighbour.Entities.Count(e => e.Name == entity.Name), counts[entity.Name]);
        }
    }

    [Fact]
    public async Task A_first_write_stopped_at_any_request_converges_when_retried()
    {
        await CrashEverywhereAsync(async store => await store.UpsertAsync(Neighbour), First, First);
    }

    [Fact]
    public async Task An_update_stopped_at_any_request_converges_when_retried()
    {
        await CrashEverywhereAsync(async store =>
        {
            await store.UpsertAsync(Neighbour);
            await store.UpsertAsync(First);
        }, Second, Second);
    }

    [Fact]
    public async Task An_update_stopped_at_any_request_then_replaced_by_another_version_leaves_no_orphan_rows()
    {
        // The retry writes a different version than the one that crashed (the blob changed again meanwhile): rows the
        // crashed attempt wrote are not in the new record, and must still go.
        await CrashEverywhereAsync(async store =>
        {
            await store.UpsertAsync(Neighbour);
            await store.UpsertAsync(First);
        }, Second, Third);
    }
}

using Azure;
using Ingest.Core.Document;
using static Ingest.Storage.Tests.Records;

namespace Ingest.Storage.Tests.Faults;

/// <summary>A table or container deleted under a running store: writes create it again, and a missing container is an
/// error, never "the blob is gone".</summary>
[Collection(AzuriteCollection.Name)]
public class MissingResourceTests(AzuriteFixture fixture)
{
    private static async Task WaitUntilGoneAsync(Func<Task<bool>> exists)
    {
        // Azurite deletes a table or container at once; keep a bound anyway.
        for (int i = 0; i < 50 && await exists(); i++)
            await Task.Delay(100);
    }

    [Fact]
    public async Task An_upsert_after_the_articles_table_and_records_container_were_deleted_recreates_them()
    {
        var s = await fixture.CreateAsync();
        await s.Store.UpsertAsync(Article("dddd000000000001", entities: [Person("Ada Quill")]));
        await s.Tables.DeleteTableAsync(s.Names.Articles);
        await s.Tables.DeleteTableAsync(s.Names.EntityIndex);
        await s.Blobs.DeleteBlobContainerAsync(s.Names.RecordsContainer);
        await WaitUntilGoneAsync(async () => (await s.Blobs.GetBlobContainerClient(s.Names.RecordsContainer).ExistsAsync()).Value);

        var record = Article("dddd000000000002", entities: [Person("Ada Quill")]);
        await s.Store.UpsertAsync(record);

        Assert.Equal(record.Body, (await s.Store.GetAsync(record.Id))!.Body);
        Assert.False((await s.Store.GetStateAsync(record.Id))!.Failed);
        // The first article lost its blob and article row with them (the repair pass deals with its leftovers);
        // the second is whole.
        Assert.DoesNotContain(await StoreConsistency.ProblemsAsync(s.Tables, s.Blobs, s.Names), p => p.Contains(record.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_record_after_the_failures_table_was_deleted_recreates_it()
    {
        var s = await fixture.CreateAsync();
        await s.Tables.DeleteTableAsync(s.Names.Failures);
        var failure = new IngestFailure
        {
            Id = "dddd000000000003", Source = new SourceRef("articles", "x.txt"), Stage = "decode", Reason = "Empty file.",
            ErrorType = "ArticleRejectedException", PipelineVersion = Version1, SizeBytes = 0,
        };

        await s.Store.RecordFailureAsync(failure);

        Assert.Equal("Empty file.", (await s.Store.GetFailureAsync(failure.Id))!.Reason);
    }

    [Fact]
    public async Task Reading_from_a_container_that_does_not_exist_throws_instead_of_reporting_the_blob_gone()
    {
        var s = await fixture.CreateAsync();
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() =>
            s.RawDocuments.OpenReadAsync(new SourceRef(s.Prefix + "-nosuch", "a.txt")));
        Assert.Equal("ContainerNotFound", missing.ErrorCode);

        await s.Blobs.GetBlobContainerClient(s.Names.IncomingContainer).CreateIfNotExistsAsync();
        Assert.Null(await s.RawDocuments.OpenReadAsync(new SourceRef(s.Names.IncomingContainer, "not-there.txt")));
    }
}

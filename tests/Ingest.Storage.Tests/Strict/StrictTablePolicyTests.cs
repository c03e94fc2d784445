using Azure.Data.Tables;

namespace Ingest.Storage.Tests.Strict;

/// <summary>The strict policy refuses what Azure refuses (and Azurite would accept), so the storage tests catch it.</summary>
[Collection(AzuriteCollection.Name)]
public class StrictTablePolicyTests(AzuriteFixture fixture)
{
    private async Task<TableClient> TableAsync()
    {
        var s = await fixture.CreateAsync();
        var table = s.Tables.GetTableClient(s.Prefix + "strict");
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Keys_with_characters_Azure_forbids_are_refused(string key)
    {
        var table = await TableAsync();
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() => table.UpsertEntityAsync(new TableEntity("p", key)));
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() => table.UpsertEntityAsync(new TableEntity(key, "r")));
    }

    [Fact]
    public async Task Long_strings_early_dates_and_big_or_mixed_batches_are_refused_and_valid_writes_pass()
    {
        var table = await TableAsync();
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() =>
            table.UpsertEntityAsync(new TableEntity("p", "r") { ["Text"] = new string('x', 40_000) }));
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() =>
            table.UpsertEntityAsync(new TableEntity("p", "r") { ["When"] = new DateTimeOffset(1500, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i}")))));
        await Assert.ThrowsAsync<AzureWouldRefuseException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpsertReplace, new TableEntity("p1", "r")), new(TableTransactionActionType.UpsertReplace, new TableEntity("p2", "r"))]));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Text"] = new string('x', 30_000), ["When"] = DateTimeOffset.UtcNow });
        await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", $"r{i}"))));
        Assert.Equal(101, await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p").CountAsync());
    }
}

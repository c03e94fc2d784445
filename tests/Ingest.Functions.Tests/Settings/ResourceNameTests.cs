using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Ingest.Functions.Tests.EndToEnd;
using Ingest.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Tests.Settings;

/// <summary>The trigger settings resolve to the names the storage code uses (one source of truth: StorageOptions).</summary>
public sealed class ResourceNameTests
{
    private static ConfigurationManager Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        configuration.AddIngestResourceNames();
        return configuration;
    }

    private static string QueueTrigger(IConfiguration configuration) =>
        IngestSettings.ResolveBinding(FunctionTriggers.Of<QueueTriggerAttribute>().Single(t => t.Function == nameof(ReprocessQueueFunction)).Attribute.QueueName!, configuration);

    private static string BlobTriggerContainer(IConfiguration configuration) =>
        IngestSettings.ResolveBinding(FunctionTriggers.Of<BlobTriggerAttribute>().Single(t => t.Function == nameof(BlobIngestFunction)).Attribute.BlobPath!, configuration)
            .Split('/')[0];

    [Fact]
    public void Without_a_prefix_the_triggers_use_the_plain_names()
    {
        var configuration = Configuration();
        Assert.Equal("reprocess", QueueTrigger(configuration));
        Assert.Equal("articles", BlobTriggerContainer(configuration));
    }

    [Fact]
    public void A_renamed_queue_or_container_in_StorageOptions_renames_the_trigger_settings()
    {
        var configuration = Configuration(("StorageOptions:NamePrefix", "dev"), ("StorageOptions:ReprocessQueue", "again"),
            ("StorageOptions:IncomingContainer", "inbox"));
        Assert.Equal("dev-again", QueueTrigger(configuration));
        Assert.Equal("dev-inbox", BlobTriggerContainer(configuration));
        Assert.Equal("dev-inbox", IngestSettings.Container(configuration));
    }

    [Theory]
    [InlineData("ReprocessQueueName", "reprocess")]
    [InlineData("IngestContainer", "articles")]
    public void A_trigger_setting_that_names_another_resource_than_StorageOptions_is_refused(string setting, string value)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["StorageOptions:NamePrefix"] = "dev", [setting] = value });
        var error = Assert.Throws<InvalidOperationException>(() => configuration.AddIngestResourceNames());
        Assert.Contains(setting, error.Message);
        Assert.Contains("dev-", error.Message);
    }

    [Fact]
    public void A_trigger_setting_that_agrees_is_accepted()
    {
        var configuration = Configuration(("StorageOptions:NamePrefix", "dev"), ("IngestContainer", "dev-articles"), ("ReprocessQueueName", "dev-reprocess"));
        Assert.Equal("dev-reprocess", QueueTrigger(configuration));
    }

    [Fact]
    public async Task With_a_name_prefix_the_queue_trigger_listens_where_the_producer_writes()
    {
        string prefix = "rn" + Guid.NewGuid().ToString("N")[..10];
        var configuration = Configuration(("IngestStorage", LocalHostFixture.SharedConnectionString), ("StorageOptions:NamePrefix", prefix));
        string listened = QueueTrigger(configuration);
        string watched = BlobTriggerContainer(configuration);
        Assert.StartsWith(prefix, listened);

        await using var services = new ServiceCollection().AddLogging().AddIngestStorage(configuration).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync();
            var source = new SourceRef(watched, "2025/harbor-bridge.txt");
            await services.GetRequiredService<IReprocessQueue>().EnqueueAsync(source);

            // The producer's message is on the queue the trigger attribute resolves to (not on "reprocess").
            var peeked = await services.GetRequiredService<QueueServiceClient>().GetQueueClient(listened).PeekMessagesAsync(10);
            Assert.Equal(source, ReprocessMessage.Parse(Assert.Single(peeked.Value).MessageText));
            // The container the blob trigger watches is the one the storage code created.
            Assert.True((await services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(watched).ExistsAsync()).Value);
        }
        finally
        {
            var names = StorageNames.From(configuration);
            await Task.WhenAll(
                names.Queues.Select(q => (Task)services.GetRequiredService<QueueServiceClient>().DeleteQueueAsync(q))
                    .Concat(names.Containers.Select(c => (Task)services.GetRequiredService<BlobServiceClient>().DeleteBlobContainerAsync(c)))
                    .Concat(names.Tables.Select(t => (Task)services.GetRequiredService<TableServiceClient>().DeleteTableAsync(t))));
        }
    }
}

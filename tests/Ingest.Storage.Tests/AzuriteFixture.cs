using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Ingest.Core.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingest.Storage.Tests;

/// <summary>
/// Connects the integration tests to Azurite (or the account in <c>INGEST_TEST_STORAGE</c>). Every
/// <see cref="CreateAsync"/> gets its own name prefix (run prefix + counter), so tests and test runs never share
/// tables, containers or queues. When Azurite does not answer, every test using the fixture fails with a message
/// saying how to start it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly string _runPrefix = "t" + Guid.NewGuid().ToString("N")[..7];
    private readonly List<ServiceProvider> _providers = [];
    private int _counter;

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("INGEST_TEST_STORAGE") is { Length: > 0 } cs ? cs : AzuriteConnectionString;

    public async Task InitializeAsync()
    {
        if (ConnectionString != AzuriteConnectionString)
            return;
        foreach (int port in new[] { 10000, 10001, 10002 })
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                throw new InvalidOperationException(
                    $"Azurite is not reachable on 127.0.0.1:{port}. The storage integration tests need it: run " +
                    "`bash scripts/azurite.sh start` (scripts/test.sh does this), or set INGEST_TEST_STORAGE to a connection string.", ex);
            }
        }
    }

    /// <summary>A fresh set of stores over new, empty tables, containers and queues.</summary>
    internal async Task<StorageUnderTest> CreateAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        string prefix = _runPrefix + Interlocked.Increment(ref _counter).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["IngestStorage"] = ConnectionString,
            ["StorageOptions:NamePrefix"] = prefix,
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // Every table request is checked against Azure's limits first: Azurite accepts what Azure refuses.
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new Strict.StrictTablePolicy(), Azure.Core.HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(ConnectionString, tableOptions));
        services.AddIngestStorage(configuration);
        var provider = services.BuildServiceProvider();
        lock (_providers)
            _providers.Add(provider);
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
        return new StorageUnderTest(provider, prefix);
    }

    public async Task DisposeAsync()
    {
        // Best effort: remove what this run created so Azurite's data folder stays small.
        foreach (var provider in _providers)
        {
            try
            {
                var names = new StorageNames(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value);
                var tables = provider.GetRequiredService<TableServiceClient>();
                var blobs = provider.GetRequiredService<BlobServiceClient>();
                var queues = provider.GetRequiredService<QueueServiceClient>();
                await Task.WhenAll(
                    names.Tables.Select(t => (Task)tables.DeleteTableAsync(t))
                        .Concat(names.Containers.Select(c => (Task)blobs.DeleteBlobContainerAsync(c)))
                        .Concat(names.Queues.Select(q => (Task)queues.DeleteQueueAsync(q))));
            }
            catch (Exception)
            {
                // Cleanup must not fail the run.
            }
            await provider.DisposeAsync();
        }
    }
}

/// <summary>The stores of one test, resolved through <see cref="StorageServiceCollectionExtensions.AddIngestStorage"/>.</summary>
internal sealed class StorageUnderTest(ServiceProvider provider, string prefix)
{
    public string Prefix { get; } = prefix;
    public IServiceProvider Services { get; } = provider;
    public IArticleStore Store => Services.GetRequiredService<IArticleStore>();
    public ITemplateMemory TemplateMemory => Services.GetRequiredService<ITemplateMemory>();
    public IRawDocumentStore RawDocuments => Services.GetRequiredService<IRawDocumentStore>();
    public IReprocessQueue ReprocessQueue => Services.GetRequiredService<IReprocessQueue>();
    public StorageNames Names => new(Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value);
    public TableServiceClient Tables => Services.GetRequiredService<TableServiceClient>();
    public BlobServiceClient Blobs => Services.GetRequiredService<BlobServiceClient>();
    public QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

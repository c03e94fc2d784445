using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Ingest.Core.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingest.Storage;

/// <summary>Registers the Azure Storage implementations of the Ingest abstractions.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Blob service version sent by the registered client (Azurite 3.37 rejects the 12.30 client's default, 2026-10-06).</summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>Queue service version sent by the registered client.</summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section <c>StorageOptions</c>), singleton <see cref="BlobServiceClient"/>,
    /// <see cref="QueueServiceClient"/> and <see cref="TableServiceClient"/> for the connection named by
    /// <see cref="StorageOptions.ConnectionName"/> (default <c>IngestStorage</c>), <see cref="IArticleStore"/> and <see cref="IStoreRepair"/> (one <see cref="TableArticleStore"/>),
    /// <see cref="IRawDocumentStore"/>, <see cref="IReprocessQueue"/>, <see cref="ITemplateMemory"/> and
    /// <see cref="StorageInitializer"/> (also as <see cref="IStorageInitializer"/>) and <see cref="StoreMaintenance"/>. Services registered earlier are kept.
    /// <para>
    /// Connection: <c>configuration["IngestStorage"]</c> as a connection string (e.g. <c>UseDevelopmentStorage=true</c>);
    /// otherwise identity-based settings as the Functions host reads them: <c>IngestStorage:blobServiceUri</c>,
    /// <c>IngestStorage:queueServiceUri</c>, <c>IngestStorage:tableServiceUri</c> (or <c>IngestStorage:serviceUri</c> for blobs,
    /// or <c>IngestStorage:accountName</c>), authenticated by <see cref="DefaultAzureCredential"/> with the optional
    /// user-assigned identity <c>IngestStorage:clientId</c>. Environment variables spell these <c>IngestStorage__blobServiceUri</c>.
    /// A missing connection throws <see cref="InvalidOperationException"/> when a client is first resolved.
    /// </para>
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration with the connection settings and the <c>StorageOptions</c> section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddIngestStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        string connectionName = configuration.GetSection(StorageOptions.SectionName)[nameof(StorageOptions.ConnectionName)] is { Length: > 0 } n
            ? n
            : "IngestStorage";
        var connection = new Lazy<StorageConnection>(() => StorageConnection.Resolve(configuration, connectionName));

        services.TryAddSingleton(_ => connection.Value.CreateBlobServiceClient());
        services.TryAddSingleton(_ => connection.Value.CreateQueueServiceClient());
        services.TryAddSingleton(_ => connection.Value.CreateTableServiceClient());

        services.TryAddSingleton<TableArticleStore>();
        services.TryAddSingleton<StoreMaintenance>();
        services.TryAddSingleton<IArticleStore>(sp => sp.GetRequiredService<TableArticleStore>());
        services.TryAddSingleton<IStoreRepair>(sp => sp.GetRequiredService<TableArticleStore>());
        services.TryAddSingleton<IRawDocumentStore, BlobRawDocumentStore>();
        services.TryAddSingleton<IReprocessQueue, QueueReprocessQueue>();
        services.TryAddSingleton<ITemplateMemory, TableTemplateMemory>();
        services.TryAddSingleton<StorageInitializer>();
        services.TryAddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}

/// <summary>How to reach the storage account: a connection string, or service URIs and a token credential.</summary>
internal sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? blobUri, Uri? queueUri, Uri? tableUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobUri = blobUri;
        QueueUri = queueUri;
        TableUri = tableUri;
        Credential = credential;
    }

    public string? ConnectionString { get; }
    public Uri? BlobUri { get; }
    public Uri? QueueUri { get; }
    public Uri? TableUri { get; }
    public TokenCredential? Credential { get; }

    /// <summary>Reads the connection <paramref name="name"/> from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor service URIs are configured.</exception>
    public static StorageConnection Resolve(IConfiguration configuration, string name)
    {
        if (configuration[name] is { } cs && !string.IsNullOrWhiteSpace(cs))
            return new StorageConnection(cs, null, null, null, null);

        var section = configuration.GetSection(name);
        string? account = section["accountName"];
        Uri? blob = UriOrNull(section["blobServiceUri"] ?? section["serviceUri"])
                    ?? (account is { Length: > 0 } ? new Uri($"https://{account}.blob.core.windows.net") : null);
        Uri? queue = UriOrNull(section["queueServiceUri"]) ?? Sibling(blob, "queue")
                     ?? (account is { Length: > 0 } ? new Uri($"https://{account}.queue.core.windows.net") : null);
        Uri? table = UriOrNull(section["tableServiceUri"]) ?? Sibling(blob, "table")
                     ?? (account is { Length: > 0 } ? new Uri($"https://{account}.table.core.windows.net") : null);
        if (blob is null && queue is null && table is null)
            throw new InvalidOperationException(
                $"The storage connection '{name}' is not configured. Set '{name}' to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or '{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri' for a managed identity.");

        var credentialOptions = new DefaultAzureCredentialOptions();
        if (section["clientId"] is { Length: > 0 } clientId)
            credentialOptions.ManagedIdentityClientId = clientId;
        return new StorageConnection(null, blob, queue, table, new DefaultAzureCredential(credentialOptions));
    }

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = new BlobClientOptions(StorageServiceCollectionExtensions.BlobServiceVersion);
        return ConnectionString is not null
            ? new BlobServiceClient(ConnectionString, options)
            : new BlobServiceClient(Require(BlobUri, "blobServiceUri"), Credential, options);
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        // Base64: the encoding the Functions queue trigger reads by default.
        var options = new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion)
        {
            MessageEncoding = QueueMessageEncoding.Base64,
        };
        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(Require(QueueUri, "queueServiceUri"), Credential, options);
    }

    public TableServiceClient CreateTableServiceClient() => ConnectionString is not null
        ? new TableServiceClient(ConnectionString)
        : new TableServiceClient(Require(TableUri, "tableServiceUri"), Credential);

    private static Uri? UriOrNull(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Uri(value, UriKind.Absolute);

    // https://acct.blob.core.windows.net → https://acct.queue.core.windows.net
    private static Uri? Sibling(Uri? blob, string service)
    {
        if (blob is null || !blob.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
            return null;
        var builder = new UriBuilder(blob) { Host = blob.Host.Replace(".blob.", $".{service}.", StringComparison.OrdinalIgnoreCase) };
        return builder.Uri;
    }

    private static Uri Require(Uri? uri, string setting) =>
        uri ?? throw new InvalidOperationException($"The storage connection has no '{setting}' setting.");
}

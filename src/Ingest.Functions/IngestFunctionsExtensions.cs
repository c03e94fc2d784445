using Ingest.Functions.Functions;
using Ingest.Functions.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions;

/// <summary>DI registration of the function classes.</summary>
public static class IngestFunctionsExtensions
{
    /// <summary>
    /// Puts the resource-name settings into configuration (<see cref="IngestSettings.AddIngestResourceNames"/>: the names
    /// <c>%IngestContainer%</c> and <c>%ReprocessQueueName%</c> stand for, checked against <c>StorageOptions</c>) and
    /// registers the storage health probe and the function classes (for hosts that call them directly, such as
    /// Ingest.LocalHost). The pipeline comes from <c>AddIngestPipeline</c> (Ingest.Core), storage from <c>AddIngestStorage</c>.
    /// </summary>
    /// <param name="builder">The host builder (<c>FunctionsApplication.CreateBuilder</c> or a web app builder).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A resource-name setting disagrees with <c>StorageOptions</c>.</exception>
    public static IHostApplicationBuilder AddIngestFunctions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddIngestResourceNames();
        builder.Services.AddIngestFunctions();
        return builder;
    }

    /// <summary>Registers the storage health probe and the function classes (transient).</summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddIngestFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IStorageHealthProbe, StorageHealthProbe>();
        services.TryAddTransient<BlobIngestFunction>();
        services.TryAddTransient<ArticlesHttpFunctions>();
        services.TryAddTransient<BrowserViewFunctions>();
        services.TryAddTransient<ApiDocsFunctions>();
        services.TryAddTransient<DeleteArticleFunction>();
        services.TryAddTransient<BlobDeletedEventFunction>();
        services.TryAddTransient<ApiFallbackFunction>();
        services.TryAddTransient<HealthFunction>();
        services.TryAddTransient<ReprocessHttpFunction>();
        services.TryAddTransient<ReprocessTimerFunction>();
        services.TryAddTransient<ReprocessQueueFunction>();
        services.TryAddTransient<BlobPoisonFunction>();
        return services;
    }
}

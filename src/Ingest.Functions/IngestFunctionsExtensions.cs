using Ingest.Core;
using Ingest.Functions.Functions;
using Ingest.Functions.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ingest.Functions;

/// <summary>DI registration of the pipeline and the function classes.</summary>
public static class IngestFunctionsExtensions
{
    /// <summary>
    /// Registers <see cref="ArticleExtractor"/>, <see cref="IngestService"/>, <see cref="IngestOptions"/> (section
    /// <c>IngestOptions</c>), the storage health probe and the function classes (for hosts that call them directly,
    /// such as Ingest.LocalHost). Storage (<c>IArticleStore</c> …) comes from <c>AddIngestStorage</c>.
    /// </summary>
    /// <param name="builder">The host builder (<c>FunctionsApplication.CreateBuilder</c> or a web app builder).</param>
    public static IHostApplicationBuilder AddIngestPipeline(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIngestFunctions(builder.Configuration);
        return builder;
    }

    /// <summary>The <see cref="IServiceCollection"/> form of <see cref="AddIngestPipeline"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Configuration with the <c>IngestOptions</c> section.</param>
    public static IServiceCollection AddIngestFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(nameof(IngestOptions)));
        services.TryAddSingleton(ArticleExtractor.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngestService>();
        services.TryAddSingleton<IStorageHealthProbe, StorageHealthProbe>();
        services.TryAddTransient<BlobIngestFunction>();
        services.TryAddTransient<ArticlesHttpFunctions>();
        services.TryAddTransient<HealthFunction>();
        services.TryAddTransient<ReprocessHttpFunction>();
        services.TryAddTransient<ReprocessTimerFunction>();
        services.TryAddTransient<ReprocessQueueFunction>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingest.Core;

/// <summary>DI registration of the extraction pipeline and <see cref="IngestService"/>; used by every host (Functions app, LocalHost, CLI).</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the singletons <see cref="ArticleExtractor"/> (<see cref="ArticleExtractor.Default"/>, or the default
    /// stages with the <see cref="Pipeline.PipelineOptions"/> of the <c>Pipeline</c> section when the configuration has one,
    /// e.g. <c>Pipeline__Template__MaxWords</c>), <see cref="IngestService"/> and <see cref="TimeProvider.System"/>, and
    /// binds <see cref="IngestOptions"/> to the <c>IngestOptions</c> section (environment <c>IngestOptions__MaxArticleBytes</c>). Services registered earlier are kept (so tests can put fakes first).
    /// <see cref="IngestService"/> also needs the storage services (<c>IArticleStore</c>, <c>IRawDocumentStore</c>,
    /// <c>IReprocessQueue</c>, optionally <c>ITemplateMemory</c>): <c>AddIngestStorage</c> in <c>Ingest.Storage</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration to bind <see cref="IngestOptions"/> from; null binds from the
    /// <see cref="IConfiguration"/> registered in <paramref name="services"/> when the options are first read (a host
    /// builder registers one).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddIngestPipeline(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IngestOptions>();
        if (configuration is not null)
            options.Bind(configuration.GetSection(nameof(IngestOptions)));
        else
            options.BindConfiguration(nameof(IngestOptions));
        services.TryAddSingleton(provider =>
        {
            var section = (configuration ?? provider.GetService<IConfiguration>())?.GetSection(Pipeline.PipelineOptions.SectionName);
            return section is { } s && s.Exists()
                ? new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(s.Get<Pipeline.PipelineOptions>()))
                : ArticleExtractor.Default;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngestService>();
        return services;
    }
}

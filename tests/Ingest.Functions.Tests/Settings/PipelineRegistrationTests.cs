using Ingest.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Tests.Settings;

/// <summary><c>AddIngestPipeline</c> (Ingest.Core), as the Functions app, LocalHost and the CLI call it.</summary>
public sealed class PipelineRegistrationTests
{
    private static IConfiguration Limit(string bytes) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["IngestOptions:MaxArticleBytes"] = bytes }).Build();

    [Fact]
    public void Registers_the_default_extractor_and_binds_IngestOptions()
    {
        using var services = new ServiceCollection().AddIngestPipeline(Limit("1234")).BuildServiceProvider();
        Assert.Same(ArticleExtractor.Default, services.GetRequiredService<ArticleExtractor>());
        Assert.Equal(1234, services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxArticleBytes);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Without_a_configuration_it_binds_the_registered_one()
    {
        var collection = new ServiceCollection().AddSingleton(Limit("99"));
        using var services = collection.AddIngestPipeline().BuildServiceProvider();
        Assert.Equal(99, services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxArticleBytes);
    }

    [Fact]
    public void Services_registered_first_are_kept()
    {
        var mine = new ArticleExtractor();
        using var services = new ServiceCollection().AddSingleton(mine).AddIngestPipeline().BuildServiceProvider();
        Assert.Same(mine, services.GetRequiredService<ArticleExtractor>());
    }

    [Fact]
    public void A_pipeline_section_configures_the_stages()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Template:MaxWords"] = "7", ["Pipeline:Zones:HeaderScanBlocks"] = "3" }).Build();
        using var services = new ServiceCollection().AddIngestPipeline(configuration).BuildServiceProvider();
        var extractor = services.GetRequiredService<ArticleExtractor>();
        Assert.NotSame(ArticleExtractor.Default, extractor);
        Assert.Equal(7, extractor.Pipeline.Stages.OfType<Ingest.Core.Stages.TemplateStage>().Single().Options.MaxWords);
    }
}

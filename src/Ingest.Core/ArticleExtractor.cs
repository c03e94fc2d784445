using System.Reflection;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;

namespace Ingest.Core;

/// <summary>The record of one extraction and what the publisher-template memory may learn from it.</summary>
/// <param name="Record">The article record.</param>
/// <param name="TemplateCandidates">Normalized short chrome lines of the article (never lines read as body) that the
/// template memory counts per publisher; see <see cref="Stages.TemplateStage.TemplateKey"/>.</param>
/// <param name="Timings">Time spent in each stage.</param>
public sealed record ArticleExtraction(ArticleRecord Record, IReadOnlyList<string> TemplateCandidates, IReadOnlyList<StageTiming> Timings);

/// <summary>
/// Turns raw article bytes into an <see cref="ArticleRecord"/> with the default pipeline:
/// decode → segment → lines → boilerplate → zones → header-chrome → publisher → template → body → metadata → tokens
/// → quotes → entities → speakers, then the record. Thread-safe: stages hold no per-document state.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Creates an extractor over <paramref name="pipeline"/>, or the default pipeline when null.</summary>
    /// <param name="pipeline">The stages to run; they must write every layer <see cref="RecordBuilder"/> reads.</param>
    public ArticleExtractor(Pipeline.Pipeline? pipeline = null) => Pipeline = pipeline ?? CreateDefaultPipeline();

    /// <summary>A shared extractor with the default pipeline.</summary>
    public static ArticleExtractor Default { get; } = new();

    /// <summary>The stages this extractor runs.</summary>
    public Pipeline.Pipeline Pipeline { get; }

    /// <summary>Version stamped on every record; stored records with another version are reprocessed.</summary>
    public string PipelineVersion => PipelineInfo.Version;

    /// <summary>A builder holding the default stages in order, to extend before <see cref="PipelineBuilder.Build"/>.</summary>
    /// <param name="options">Tunables of the stages (<c>Pipeline:*</c>); defaults when null.</param>
    public static PipelineBuilder CreateDefaultBuilder(PipelineOptions? options = null) => CreateDefaultBuilder(options, new LineClassifierStage());

    /// <summary>The default stages with another line classifier's weights (<c>ingest-eval lines --model</c>).</summary>
    internal static PipelineBuilder CreateDefaultBuilder(PipelineOptions? options, Stages.Boilerplate.LineModel? lineModel) =>
        CreateDefaultBuilder(options, new LineClassifierStage(lineModel));

    /// <summary>The default stages with another quote stage (<c>ingest-eval polnear --speakers</c>, <c>train-speakers</c>).</summary>
    internal static PipelineBuilder CreateDefaultBuilder(PipelineOptions? options, QuoteStage quotes) =>
        CreateDefaultBuilder(options, new LineClassifierStage(), quotes);

    private static PipelineBuilder CreateDefaultBuilder(PipelineOptions? options, LineClassifierStage lines, QuoteStage? quotes = null) => new PipelineBuilder()
        .Add(new DecodeStage())
        .Add(new SegmentStage())
        .Add(lines)
        .Add(new BoilerplateStage(options?.Boilerplate))
        .Add(new ZonesStage(options?.Zones))
        .Add(new HeaderChromeStage())
        .Add(new PublisherStage())
        .Add(new TemplateStage(options?.Template))
        .Add(new BodyStage(options?.Body))
        .Add(new MetadataStage())
        .Add(new TokensStage())
        .Add(quotes ?? new QuoteStage())
        .Add(new EntityStage(options?.Entities))
        .Add(new SpeakerStage());

    /// <summary>The default stages in order.</summary>
    /// <param name="options">Tunables of the stages (<c>Pipeline:*</c>); defaults when null.</param>
    public static Pipeline.Pipeline CreateDefaultPipeline(PipelineOptions? options = null) => CreateDefaultBuilder(options).Build();

    /// <summary>Runs the pipeline over <paramref name="content"/>, once.</summary>
    /// <param name="source">Blob path (its extension hints the format).</param>
    /// <param name="content">Raw bytes of the file.</param>
    /// <param name="templateMemory">The publisher-template memory the template stage asks (see
    /// <see cref="Abstractions.ITemplateMemory"/>), or null for none.</param>
    /// <param name="cancellationToken">Checked between stages and passed to the template lookup.</param>
    /// <returns>The record, the lines the template memory may learn from, and the stage timings.</returns>
    /// <exception cref="StageFailedException">A stage failed; an <see cref="ArticleRejectedException"/> inside means bad input.</exception>
    public async ValueTask<ArticleExtraction> ExtractAsync(SourceRef source, ReadOnlyMemory<byte> content,
        Abstractions.ITemplateMemory? templateMemory = null, CancellationToken cancellationToken = default)
    {
        var document = new ArticleDocument(source, content, templateMemory);
        var result = await Pipeline.RunAsync(document, cancellationToken).ConfigureAwait(false);
        return ToExtraction(document, result);
    }

    /// <summary>Runs the pipeline over <paramref name="content"/> without a template memory.</summary>
    /// <param name="source">Blob path (its extension hints the format).</param>
    /// <param name="content">Raw bytes of the file.</param>
    /// <param name="cancellationToken">Checked between stages.</param>
    /// <returns>The record, the lines the template memory may learn from, and the stage timings.</returns>
    /// <exception cref="StageFailedException">A stage failed; an <see cref="ArticleRejectedException"/> inside means bad input.</exception>
    public ArticleExtraction Extract(SourceRef source, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var document = new ArticleDocument(source, content);
        return ToExtraction(document, Pipeline.Run(document, cancellationToken));
    }

    private ArticleExtraction ToExtraction(ArticleDocument document, PipelineResult result)
    {
        var template = Pipeline.Stages.OfType<TemplateStage>().FirstOrDefault()?.Options ?? new TemplateOptions();
        return new(RecordBuilder.Build(document, PipelineVersion), TemplateStage.TemplateCandidates(document, template),
            result.Timings);
    }
}

/// <summary>
/// Pipeline version: the product's one version (<c>&lt;Version&gt;</c> in Directory.Build.props), which every record carries
/// and <c>ingest --version</c> prints. Raise it whenever a change alters records, so the reprocess timer refreshes stored
/// articles.
/// </summary>
public static class PipelineInfo
{
    /// <summary>Semantic version of the extraction rules (<c>major.minor.patch</c>), read from this assembly's informational
    /// version (a build-metadata suffix after <c>+</c> is dropped).</summary>
    public static string Version { get; } =
        (typeof(PipelineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("Ingest.Core has no informational version; Directory.Build.props sets <Version>."))
        .Split('+')[0];
}

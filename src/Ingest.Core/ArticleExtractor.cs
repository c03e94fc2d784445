using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;

namespace Ingest.Core;

/// <summary>The record of one extraction and what the publisher-template memory may learn from it.</summary>
/// <param name="Record">The article record.</param>
/// <param name="TemplateCandidates">Normalized short lines of the article (body and boilerplate) that the
/// template memory counts per publisher; see <see cref="Stages.BoilerplateStage.TemplateKey"/>.</param>
/// <param name="Timings">Time spent in each stage.</param>
public sealed record ArticleExtraction(ArticleRecord Record, IReadOnlyList<string> TemplateCandidates, IReadOnlyList<StageTiming> Timings);

/// <summary>
/// Turns raw article bytes into an <see cref="ArticleRecord"/> with the default pipeline:
/// decode → normalize/segment → boilerplate → metadata → quotes → entities → record.
/// Thread-safe: stages hold no per-document state.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Creates an extractor over <paramref name="pipeline"/>, or the default pipeline when null.</summary>
    public ArticleExtractor(Pipeline.Pipeline? pipeline = null) => Pipeline = pipeline ?? CreateDefaultPipeline();

    /// <summary>A shared extractor with the default pipeline.</summary>
    public static ArticleExtractor Default { get; } = new();

    /// <summary>The stages this extractor runs.</summary>
    public Pipeline.Pipeline Pipeline { get; }

    /// <summary>Version stamped on every record; stored records with another version are reprocessed.</summary>
    public string PipelineVersion => PipelineInfo.Version;

    /// <summary>The default stages in order.</summary>
    public static Pipeline.Pipeline CreateDefaultPipeline() => new PipelineBuilder()
        .Add(new DecodeStage())
        .Add(new SegmentStage())
        .Add(new BoilerplateStage())
        .Add(new MetadataStage())
        .Add(new QuoteStage())
        .Add(new EntityStage())
        .Build();

    /// <summary>Runs the pipeline over <paramref name="content"/>.</summary>
    /// <param name="source">Blob path (its extension hints the format).</param>
    /// <param name="content">Raw bytes of the file.</param>
    /// <param name="templateLines">Template lines of the publisher learnt from earlier articles (see
    /// <see cref="Abstractions.ITemplateMemory"/>), or null.</param>
    /// <param name="cancellationToken">Checked between stages.</param>
    /// <exception cref="StageFailedException">A stage failed; an <see cref="ArticleRejectedException"/> inside means bad input.</exception>
    public ArticleExtraction Extract(SourceRef source, ReadOnlyMemory<byte> content, IReadOnlySet<string>? templateLines = null,
        CancellationToken cancellationToken = default)
    {
        var document = new ArticleDocument(source, content) { TemplateLines = templateLines };
        var result = Pipeline.Run(document, cancellationToken);
        return new ArticleExtraction(RecordBuilder.Build(document, PipelineVersion), BoilerplateStage.TemplateCandidates(document),
            result.Timings);
    }
}

/// <summary>Pipeline version. Raise it whenever a change alters records, so the reprocess timer refreshes stored articles.</summary>
public static class PipelineInfo
{
    /// <summary>Semantic version of the extraction rules (<c>major.minor.patch</c>).</summary>
    public const string Version = "0.2.0";
}

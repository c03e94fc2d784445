using Ingest.Core.Document;

namespace Ingest.Core.Pipeline;

/// <summary>
/// One named step of the pipeline over an <see cref="ArticleDocument"/> (an annotator). It reads only the layers in
/// <see cref="Requires"/> (and its own), writes only the layers in <see cref="Produces"/>, and never replaces a layer
/// another stage wrote. Stages are CPU-bound, synchronous and hold no per-document state.
/// </summary>
public interface IPipelineStage
{
    /// <summary>Unique stage name ("decode", "quotes"); failures and timings are charged to it.</summary>
    string Name { get; }

    /// <summary>Layers the stage reads. Each must be written by an earlier stage (all of its writers, when it has several).</summary>
    IReadOnlySet<AnnotationKey> Requires { get; }

    /// <summary>Layers the stage writes. A layer with several writers is extended, never replaced, by each.</summary>
    IReadOnlySet<AnnotationKey> Produces { get; }

    /// <summary>Runs the stage.</summary>
    /// <param name="document">The document; the stage reads and writes its declared layers.</param>
    /// <exception cref="ArticleRejectedException">The input cannot be an article; the message is for users.</exception>
    void Process(ArticleDocument document);
}

/// <summary>A stage that waits on I/O (the publisher-template lookup). <see cref="Pipeline.RunAsync"/> awaits it.</summary>
public interface IAsyncPipelineStage : IPipelineStage
{
    /// <summary>Runs the stage.</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    ValueTask ProcessAsync(ArticleDocument document, CancellationToken cancellationToken);
}

/// <summary>Thrown by a stage for input that cannot be an article (empty, binary, invalid JSON …). The message is for users.</summary>
/// <param name="message">A sentence saying what is wrong with the file.</param>
public sealed class ArticleRejectedException(string message) : Exception(message);

/// <summary>Wraps any exception from a stage with the stage's name.</summary>
/// <param name="stage">Name of the stage that threw.</param>
/// <param name="inner">What it threw.</param>
public sealed class StageFailedException(string stage, Exception inner)
    : Exception($"Stage '{stage}' failed: {inner.Message}", inner)
{
    /// <summary>Name of the failed stage.</summary>
    public string Stage { get; } = stage;
}

/// <summary>
/// A stage broke the pipeline contract: it read a layer it did not declare in <see cref="IPipelineStage.Requires"/>,
/// wrote one it did not declare in <see cref="IPipelineStage.Produces"/>, replaced another stage's layer, or ended
/// without writing a layer it declared. A programming error, not bad input.
/// </summary>
/// <param name="message">What was accessed, by which stage.</param>
public sealed class PipelineContractException(string message) : InvalidOperationException(message);

/// <summary>Time spent in one stage.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Elapsed">Wall-clock time of its run.</param>
public sealed record StageTiming(string Stage, TimeSpan Elapsed);

/// <summary>The document after a run and the time each stage took.</summary>
/// <param name="Document">The annotated document.</param>
/// <param name="Timings">One entry per stage, in run order.</param>
public sealed record PipelineResult(ArticleDocument Document, IReadOnlyList<StageTiming> Timings);

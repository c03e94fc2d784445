using System.Diagnostics;
using Ingest.Core.Document;

namespace Ingest.Core.Pipeline;

/// <summary>Names one kind of annotation a stage produces or needs (CoreNLP's annotation keys, spaCy's <c>assigns</c>).</summary>
public sealed record AnnotationKey(string Name)
{
    public override string ToString() => Name;
}

/// <summary>The annotation keys of the default pipeline.</summary>
public static class Annotations
{
    public static readonly AnnotationKey Text = new("text");
    public static readonly AnnotationKey Normalized = new("normalized");
    public static readonly AnnotationKey Blocks = new("blocks");
    public static readonly AnnotationKey Boilerplate = new("boilerplate");
    public static readonly AnnotationKey Metadata = new("metadata");
    public static readonly AnnotationKey Quotes = new("quotes");
    public static readonly AnnotationKey Entities = new("entities");
}

/// <summary>One named, pure step of the pipeline over an <see cref="ArticleDocument"/>.</summary>
public interface IPipelineStage
{
    /// <summary>Unique stage name ("decode", "quotes"); failures and timings are charged to it.</summary>
    string Name { get; }
    /// <summary>Annotations that must be present before the stage runs.</summary>
    IReadOnlySet<AnnotationKey> Requires { get; }
    /// <summary>Annotations the stage adds.</summary>
    IReadOnlySet<AnnotationKey> Produces { get; }
    /// <summary>Runs the stage. Throws <see cref="ArticleRejectedException"/> for input it cannot use.</summary>
    void Process(ArticleDocument document);
}

/// <summary>Thrown by a stage for input that cannot be an article (empty, binary, invalid JSON …). The message is for users.</summary>
public sealed class ArticleRejectedException(string message) : Exception(message);

/// <summary>Wraps any exception from a stage with the stage's name.</summary>
public sealed class StageFailedException(string stage, Exception inner)
    : Exception($"Stage '{stage}' failed: {inner.Message}", inner)
{
    /// <summary>Name of the failed stage.</summary>
    public string Stage { get; } = stage;
}

/// <summary>Time spent in one stage.</summary>
public sealed record StageTiming(string Stage, TimeSpan Elapsed);

/// <summary>The document after a run and the time each stage took.</summary>
public sealed record PipelineResult(ArticleDocument Document, IReadOnlyList<StageTiming> Timings);

/// <summary>Builds a <see cref="Pipeline"/>: stages in order, with names and requirements checked.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IPipelineStage> _stages = [];

    /// <summary>Adds a stage at the end, or right after the stage named <paramref name="after"/>.</summary>
    /// <exception cref="ArgumentException">Duplicate name, or no stage named <paramref name="after"/>.</exception>
    public PipelineBuilder Add(IPipelineStage stage, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (_stages.Any(s => s.Name == stage.Name))
            throw new ArgumentException($"A stage named '{stage.Name}' is already in the pipeline.", nameof(stage));
        if (after is null)
        {
            _stages.Add(stage);
            return this;
        }
        int i = _stages.FindIndex(s => s.Name == after);
        if (i < 0)
            throw new ArgumentException($"No stage named '{after}'.", nameof(after));
        _stages.Insert(i + 1, stage);
        return this;
    }

    /// <summary>Checks every stage's <see cref="IPipelineStage.Requires"/> against what earlier stages produce.</summary>
    /// <exception cref="InvalidOperationException">A stage needs an annotation no earlier stage produces.</exception>
    public Pipeline Build()
    {
        var available = new HashSet<AnnotationKey>();
        foreach (var stage in _stages)
        {
            var missing = stage.Requires.Where(r => !available.Contains(r)).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"Stage '{stage.Name}' requires {string.Join(", ", missing)}, which no earlier stage produces.");
            available.UnionWith(stage.Produces);
        }
        return new Pipeline([.. _stages]);
    }
}

/// <summary>An ordered list of stages. Stages are CPU-bound and synchronous; the token is checked between stages.</summary>
public sealed class Pipeline
{
    internal Pipeline(IReadOnlyList<IPipelineStage> stages) => Stages = stages;

    /// <summary>The stages in run order.</summary>
    public IReadOnlyList<IPipelineStage> Stages { get; }

    /// <summary>Runs every stage over <paramref name="document"/>.</summary>
    /// <exception cref="StageFailedException">A stage threw; <see cref="StageFailedException.Stage"/> names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PipelineResult Run(ArticleDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var timings = new List<StageTiming>(Stages.Count);
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            try
            {
                stage.Process(document);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new StageFailedException(stage.Name, ex);
            }
            document.Annotations.UnionWith(stage.Produces);
            timings.Add(new StageTiming(stage.Name, Stopwatch.GetElapsedTime(start)));
        }
        return new PipelineResult(document, timings);
    }
}

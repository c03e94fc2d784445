using System.Diagnostics;
using Ingest.Core.Document;
using Ingest.Core.Telemetry;

namespace Ingest.Core.Pipeline;

/// <summary>
/// An ordered list of stages built by <see cref="PipelineBuilder"/>. Stages run one after the other over one
/// document; the token is checked between stages; a failure is charged to the stage that threw.
/// </summary>
public sealed class Pipeline
{
    internal Pipeline(IReadOnlyList<IPipelineStage> stages, bool enforceContract)
    {
        Stages = stages;
        EnforcesContract = enforceContract;
    }

    /// <summary>The stages in run order.</summary>
    public IReadOnlyList<IPipelineStage> Stages { get; }

    /// <summary>Whether each layer access is checked against the running stage's declarations.</summary>
    public bool EnforcesContract { get; }

    /// <summary>Runs every stage over <paramref name="document"/>, waiting on asynchronous stages.</summary>
    /// <param name="document">A new document (its layers are written by the stages).</param>
    /// <param name="cancellationToken">Checked between stages and passed to asynchronous stages.</param>
    /// <returns>The document and each stage's time.</returns>
    /// <exception cref="StageFailedException">A stage threw; <see cref="StageFailedException.Stage"/> names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async ValueTask<PipelineResult> RunAsync(ArticleDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var timings = new List<StageTiming>(Stages.Count);
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            using var span = IngestTelemetry.Source.StartActivity("ingest.stage");
            span?.SetTag(IngestTelemetry.StageTag, stage.Name);
            document.EnterStage(stage, EnforcesContract);
            try
            {
                if (stage is IAsyncPipelineStage async)
                    await async.ProcessAsync(document, cancellationToken).ConfigureAwait(false);
                else
                    stage.Process(document);
                document.LeaveStage(stage);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                document.AbandonStage();
                span?.SetStatus(ActivityStatusCode.Error, ex.Message);
                throw new StageFailedException(stage.Name, ex);
            }
            catch
            {
                document.AbandonStage();
                throw;
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            timings.Add(new StageTiming(stage.Name, elapsed));
            if (IngestTelemetry.StageDuration.Enabled)
                IngestTelemetry.StageDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(IngestTelemetry.StageTag, stage.Name));
        }
        return new PipelineResult(document, timings);
    }

    /// <summary>Runs every stage synchronously (an asynchronous stage is waited on).</summary>
    /// <param name="document">A new document.</param>
    /// <param name="cancellationToken">Checked between stages.</param>
    /// <returns>The document and each stage's time.</returns>
    /// <exception cref="StageFailedException">A stage threw; <see cref="StageFailedException.Stage"/> names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PipelineResult Run(ArticleDocument document, CancellationToken cancellationToken = default)
    {
        var run = RunAsync(document, cancellationToken);
        return run.IsCompletedSuccessfully ? run.Result : run.AsTask().GetAwaiter().GetResult();
    }
}

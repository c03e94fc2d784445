namespace Ingest.Core.Pipeline;

/// <summary>
/// Builds a <see cref="Pipeline"/>: stages in order, names unique, and every read met (spaCy's <c>analyze_pipes</c>,
/// CoreNLP's <c>Annotator.requires()</c>). A stage that reads a layer must come after every stage that writes it, so
/// that it never sees half a layer; a stage that extends a layer (reads and writes it) needs one writer before it.
/// </summary>
public sealed class PipelineBuilder
{
    /// <summary>
    /// Name of the <see cref="AppContext"/> switch that turns contract checks on for pipelines built without
    /// <see cref="EnforceContract"/> (test projects set it in their runtime configuration). Debug builds check always.
    /// </summary>
    public const string EnforceContractSwitch = "Ingest.Pipeline.EnforceContract";

    private readonly List<IPipelineStage> _stages = [];
    private bool? _enforce;

    /// <summary>Whether pipelines check every layer access unless told otherwise: Debug builds, or the switch is on.</summary>
    public static bool EnforceByDefault
    {
        get
        {
#if DEBUG
            return true;
#else
            return AppContext.TryGetSwitch(EnforceContractSwitch, out bool on) && on;
#endif
        }
    }

    /// <summary>Adds a stage at the end, or right after the stage named <paramref name="after"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="after">Name of the stage to insert after, or null to append.</param>
    /// <returns>This builder.</returns>
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

    /// <summary>Checks each layer access while stages run (undeclared reads and writes, replaced layers) when on.</summary>
    /// <param name="enforce">True to check; false to skip the checks (the order is checked by <see cref="Build"/> regardless).</param>
    /// <returns>This builder.</returns>
    public PipelineBuilder EnforceContract(bool enforce = true)
    {
        _enforce = enforce;
        return this;
    }

    /// <summary>Checks every stage's <see cref="IPipelineStage.Requires"/> against the stages before and after it.</summary>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">A stage reads a layer no earlier stage writes, or one that a later stage still writes.</exception>
    public Pipeline Build()
    {
        for (int i = 0; i < _stages.Count; i++)
        {
            var stage = _stages[i];
            var missing = new List<AnnotationKey>();
            foreach (var key in stage.Requires)
            {
                bool earlier = _stages.Take(i).Any(s => s.Produces.Contains(key));
                if (!earlier && !stage.Produces.Contains(key))
                {
                    missing.Add(key);
                    continue;
                }
                if (stage.Produces.Contains(key))
                    continue;
                if (_stages.Skip(i + 1).FirstOrDefault(s => s.Produces.Contains(key)) is { } later)
                    throw new InvalidOperationException(
                        $"Stage '{stage.Name}' reads {key}, which '{later.Name}' still writes after it.");
            }
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"Stage '{stage.Name}' requires {string.Join(", ", missing)}, which no earlier stage produces.");
        }
        return new Pipeline([.. _stages], _enforce ?? EnforceByDefault);
    }
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Stages;

/// <summary>
/// lines: scores each block of a plain-text dump with the learnt line classifier (<see cref="LineModel"/>: body or page
/// chrome, from the line's shape, words, position, neighbours, repetition and the boilerplate rules' hits), into
/// <see cref="Layers.LineScores"/>. It removes nothing itself: the boilerplate stage decides, when
/// <see cref="BoilerplateOptions.LineClassifier"/> is on. HTML, JSON and Markdown files get no scores (HTML has its own
/// main-content extraction; the classifier was trained on rendered dumps only).
/// </summary>
public sealed class LineClassifierStage : IPipelineStage
{
    private readonly LineModel? _model;

    /// <summary>Creates the stage with the shipped weights.</summary>
    public LineClassifierStage() : this(LineModel.Shipped)
    {
    }

    /// <summary>Creates the stage with <paramref name="model"/> (null: score nothing).</summary>
    internal LineClassifierStage(LineModel? model) => _model = model;

    /// <inheritdoc />
    public string Name => "lines";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Text, Layers.Blocks };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.LineScores };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var decoded = document.Get(Layers.Text);
        var blocks = document.Get(Layers.Blocks);
        bool dump = decoded.Format == DocumentFormat.Text && !decoded.IsHtml;
        if (!dump || _model is null || blocks.Count == 0)
        {
            document.Set(Layers.LineScores, LineScores.None);
            return;
        }
        var (scores, rules) = _model.ScoreWithRules(blocks);
        document.Set(Layers.LineScores, new LineScores(scores) { RuleReasons = rules });
    }
}

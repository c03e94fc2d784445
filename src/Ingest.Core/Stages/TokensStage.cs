using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// tokens: the body paragraphs with their capitalised spans and lower-case vocabulary, computed once and read by the
/// quote and entity stages (<see cref="Entities.MentionFinder"/>).
/// </summary>
public sealed class TokensStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "tokens";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Body };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Tokens };

    /// <inheritdoc />
    public void Process(ArticleDocument document) =>
        document.Set(Layers.Tokens, Entities.MentionFinder.ForParagraphs(document.Get(Layers.Body).Blocks.Select(b => b.Text).ToList()));
}

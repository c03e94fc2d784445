using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// speakers: links each quote's speaker as written ("Doe", "the minister") to the article's entities and writes the
/// canonical speaker (the entity's fullest name), or the mention itself when no entity matches.
/// </summary>
public sealed class SpeakerStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "speakers";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Quotes, Layers.Entities };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Speakers };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var entities = document.Get(Layers.Entities);
        var speakers = document.Get(Layers.Quotes)
            .Select(q => q.SpeakerMention is { } mention ? entities.Canonical(mention, q.SpeakerKind) ?? mention : null)
            .ToList();
        document.Set(Layers.Speakers, new SpeakerLinks(speakers));
    }
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages;

/// <summary>
/// entities: recognises people, organisations and places in the body from capitalisation, context cues
/// (titles and honorifics, organisation heads and legal forms, "in"/"from" before places) and the embedded
/// lexicons (countries, cities, US states, given names, agencies); merges mentions by in-document coreference
/// ("Doe" → "Jane Doe", "Doe's" → "Jane Doe", "U.S." → "United States"). With <see cref="EntitiesOptions.Tagger"/>,
/// English articles take their names from the statistical tagger instead (<see cref="TaggedEntities"/>: the cascade's
/// decisions are among its features; the same coreference follows). Quote speakers are linked to the result by
/// <see cref="SpeakerStage"/>.
/// </summary>
public sealed class EntityStage : IPipelineStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="options">Its options (<c>Pipeline:Entities</c>); defaults when null.</param>
    public EntityStage(EntitiesOptions? options = null) => Options = options ?? new EntitiesOptions();

    /// <summary>The options in use.</summary>
    public EntitiesOptions Options { get; }

    /// <inheritdoc />
    public string Name => "entities";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Body, Layers.Tokens, Layers.Metadata, Layers.Quotes };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Entities };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var body = document.Get(Layers.Tokens);
        var mentions = body.Mentions;
        var resolver = new EntityResolver(body.LowerCase, document.Metadata.Language, MentionTyper.PersonSurnames(mentions));
        foreach (var q in document.Get(Layers.Quotes))
        {
            if (q.SpeakerKind == SpeakerKinds.Organization && q.SpeakerMention is { } org)
                resolver.AddSpeakerOrganization(org);
            else if (q.SpeakerKind == SpeakerKinds.Person && q.SpeakerMention is { } person)
                resolver.AddSpeakerPerson(person);
        }
        foreach (var m in mentions)
            resolver.Add(m);
        var entities = resolver.Resolve();
        if (Options.Tagger && document.Metadata.Language is null or "en" && NerTagger.Shipped is { } tagger)
        {
            document.Set(Layers.Entities, TaggedEntities.Resolve(tagger, body.Paragraphs, mentions, resolver, entities));
            return;
        }
        document.Set(Layers.Entities, new EntityLayer(entities, resolver.Canonical));
    }
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages;

/// <summary>
/// entities: recognises people, organisations and places in the body from capitalisation, context cues
/// (titles and honorifics, organisation heads and legal forms, "in"/"from" before places) and the embedded
/// lexicons (countries, cities, US states, given names, agencies); merges mentions by in-document coreference
/// ("Doe" → "Jane Doe", "Doe's" → "Jane Doe", "U.S." → "United States"). Quote speakers are linked to the result by
/// <see cref="SpeakerStage"/>.
/// </summary>
public sealed class EntityStage : IPipelineStage
{
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
        document.Set(Layers.Entities, new EntityLayer(resolver.Resolve(), resolver.Canonical));
    }
}

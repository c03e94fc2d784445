using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages;

/// <summary>
/// entities: recognises people, organisations and places in the body from capitalisation, context cues
/// (titles and honorifics, organisation heads and legal forms, "in"/"from" before places) and the embedded
/// lexicons (countries, cities, US states, given names, agencies); merges mentions by in-document coreference
/// ("Doe" → "Jane Doe", "Roe's" → "John Roe", "U.S." → "United States"); and makes quote
/// speakers canonical against the result.
/// </summary>
public sealed class EntityStage : IPipelineStage
{
    public string Name => "entities";
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Annotations.Blocks, Annotations.Quotes };
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Annotations.Entities };

    public void Process(ArticleDocument document)
    {
        var body = MentionFinder.ForDocument(document);
        var mentions = body.Mentions;
        var resolver = new EntityResolver(body.LowerCase, document.Metadata.Language, MentionTyper.PersonSurnames(mentions));
        foreach (var q in document.Quotes)
        {
            if (q.SpeakerKind == SpeakerKinds.Organization && q.SpeakerMention is { } org)
                resolver.AddSpeakerOrganization(org);
            else if (q.SpeakerKind == SpeakerKinds.Person && q.SpeakerMention is { } person)
                resolver.AddSpeakerPerson(person);
        }
        foreach (var m in mentions)
            resolver.Add(m);
        var entities = resolver.Resolve();
        document.Entities.AddRange(entities);

        foreach (var q in document.Quotes)
        {
            if (q.SpeakerMention is null)
                continue;
            q.Speaker = resolver.Canonical(q.SpeakerMention, q.SpeakerKind) ?? q.SpeakerMention;
        }
    }
}

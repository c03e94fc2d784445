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
        var body = MentionFinder.ForDocument(document);
        var mentions = body.Mentions;
        var lowerWords = body.LowerCase;
        // Surnames of people named in full ("Barack Obama"): a town of the same name ("Obama") is then the person.
        var surnames = mentions.Where(m => m.Tokens.Length >= 2 && (Lexicons.FirstNames.Contains(m.Tokens[0]) || Lexicons.Titles.Contains(m.Tokens[0].TrimEnd('.'))))
            .Select(m => m.Tokens[^1]).ToHashSet(StringComparer.Ordinal);
        var resolver = new EntityResolver(lowerWords, document.Metadata.Language, surnames);
        foreach (var q in document.Quotes)
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

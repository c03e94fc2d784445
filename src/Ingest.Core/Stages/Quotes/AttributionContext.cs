using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Per-document state of attribution, read in paragraph order: the body paragraphs, the salience list for pronouns
/// and role nouns, who speaks now, and the unnamed speakers met so far by their head noun ("official" → "a senior official").
/// </summary>
internal sealed class AttributionContext(BodyWords body)
{
    public readonly List<string> Paragraphs = body.Paragraphs;
    public readonly Salience Salience = new(body);
    /// <summary>The speaker of the last attributed quotation.</summary>
    public SpeakerPhrase? Current;
    /// <summary>Unnamed speakers by head noun, case-insensitive.</summary>
    public readonly Dictionary<string, SpeakerPhrase> Roles = new(StringComparer.OrdinalIgnoreCase);
}

using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Types mentions and merges them into entities with canonical names (in-document coreference): the mentions go
/// through the typing cascade (<see cref="MentionTyper"/>), then clusters are built (<see cref="EntityCoreference"/>),
/// and quote speakers are made canonical against them (<see cref="CanonicalNames"/>). Speakers are added before the
/// body mentions so that their names type the mentions.
/// </summary>
internal sealed class EntityResolver
{
    /// <summary>Speaker organisations longer than this many words are descriptions, not names.</summary>
    private const int MaxSpeakerOrgWords = 8;

    /// <summary>Person speakers of this many words (a given and a family name at least) type the same name in the body.</summary>
    private const int MinSpeakerPersonWords = 2, MaxSpeakerPersonWords = 4;

    private readonly List<TypedMention> _typed = [];
    private readonly HashSet<string> _speakerPersons = new(StringComparer.Ordinal);
    private readonly MentionTyper _typer;
    private readonly EntityCoreference _coreference;
    private readonly CanonicalNames _canonical;

    /// <param name="lowerCaseWords">Words the body writes in lower case.</param>
    /// <param name="language">The article's language code, or null (taken as English).</param>
    /// <param name="personSurnames">Surnames of people named in full in the body.</param>
    public EntityResolver(HashSet<string> lowerCaseWords, string? language, IReadOnlySet<string> personSurnames)
    {
        bool english = language is null or "en";
        _typer = new MentionTyper(lowerCaseWords, english, personSurnames, _speakerPersons);
        _coreference = new EntityCoreference(english);
        _canonical = new CanonicalNames(_coreference);
    }

    public void Add(Mention m)
    {
        if (EntityRules.NonEntityFollowers.Contains(m.After))
            return;
        if (MentionTyper.OfficeBeforeTitle(m) is { } office)
            _typed.Add(new TypedMention(m, office, EntityTypes.Organization, null));
        var (name, type, titleText) = _typer.Classify(m);
        if (name is null)
            return;
        _typed.Add(new TypedMention(m, name, type, titleText));
    }

    /// <summary>An organisation named as a quote's speaker ("the Harbor City water board").</summary>
    public void AddSpeakerOrganization(string org)
    {
        string name = Lexicons.LeadingArticle.Replace(org, "");
        var words = name.Split(' ');
        if (name.Length > 2 && char.IsUpper(name[0]) && !Lexicons.FirstNames.Contains(words[0]) && words.Length <= MaxSpeakerOrgWords)
            _typed.Add(new TypedMention(new Mention(name, 0, 0, false, [], ""), name, EntityTypes.Organization, null));
    }

    /// <summary>A person named as a quote's speaker: their name is typed person even without a listed given name.</summary>
    public void AddSpeakerPerson(string name)
    {
        if (name.Split(' ').Length is >= MinSpeakerPersonWords and <= MaxSpeakerPersonWords && char.IsUpper(name[0]))
            _speakerPersons.Add(name);
    }

    /// <summary>The typing cascade's name, type and title for <paramref name="m"/> (see <see cref="MentionTyper.Classify"/>).</summary>
    public (string? Name, string? Type, string? Title) Classify(Mention m) => _typer.Classify(m);

    /// <summary>The mentions with the name and type (null: left to coreference) the cascade gave them, in the order added.</summary>
    public IReadOnlyList<TypedMention> Typed => _typed;

    /// <summary>The entities with at least one mention, in order of first appearance.</summary>
    public List<EntityRecord> Resolve() => _coreference.Resolve(_typed);

    /// <summary>The canonical name for a speaker mention, or null when no entity matches.</summary>
    public string? Canonical(string mention, string kind) => _canonical.Canonical(mention, kind);
}

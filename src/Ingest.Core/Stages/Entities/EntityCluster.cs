namespace Ingest.Core.Stages.Entities;

/// <summary>
/// An entity being built from mentions: its canonical name and type (<see cref="Document.EntityTypes"/>), how many
/// mentions it has, the surface forms seen (aliases), the titles seen before a person's name ("Senator"), and the order
/// in which it was first created (the output order).
/// </summary>
internal sealed class EntityCluster
{
    public required string Name;
    public required string Type;
    public int Mentions;
    public readonly HashSet<string> Aliases = new(StringComparer.Ordinal);
    public readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase);
    public int FirstSeen;
}

/// <summary>A mention with the name it contributes, its type (null when the typing cascade left it open) and a title before it.</summary>
internal readonly record struct TypedMention(Mention Mention, string Name, string? Type, string? Title);

using Ingest.Core.Document;

namespace Ingest.Core.Abstractions;

/// <summary>
/// The stored copies of one story (<c>GET /api/articles/{id}/copies</c>): articles linked by the same content or near-duplicate
/// bodies (<see cref="Copies.CopyLinks"/>), directly or through other copies.
/// </summary>
/// <param name="Id">Story id: the id of the earliest-stored member (ties by id). It changes when that member is deleted or
/// reprocessed into another story, because stories are worked out from the stored copies whenever they are asked for.</param>
/// <param name="ArticleId">The article the story was asked for.</param>
/// <param name="OriginalSource">The source the story comes from: the original source the most members name ("From Harbor Wire:",
/// structured <c>original_source</c>; ties go to the earliest member naming one), else the publisher of the earliest member.</param>
/// <param name="Members">Every member, the asked-for article included, earliest-stored first.</param>
/// <param name="Truncated">True when the story has more than <see cref="Copies.StoryBuilder.MaxMembers"/> members and only
/// that many were collected.</param>
public sealed record Story(string Id, string ArticleId, string? OriginalSource, IReadOnlyList<StoryMember> Members, bool Truncated);

/// <summary>One stored copy of a story.</summary>
/// <param name="Id">Article id.</param>
/// <param name="Source">The blob it came from (<c>source.name</c> is the blob name).</param>
/// <param name="Title">Title, or null.</param>
/// <param name="Publisher">The site the file came from, or null.</param>
/// <param name="OriginalSource">The original source the copy names, or null.</param>
/// <param name="PublishedAt">Published date as the record has it, or null.</param>
/// <param name="Similarity">Similarity to the asked-for article, 0–1 (1 for itself and for the same content; otherwise the estimated
/// Jaccard similarity of the bodies' 5-word shingles, in steps of 1/96).</param>
/// <param name="SameContent">Whether the member was made from the same raw bytes as the asked-for article.</param>
/// <param name="OriginalSourceMatches">Whether the member's original source — the one its text names, or its publisher when it names
/// none — is the story's <see cref="Story.OriginalSource"/> (compared as index keys: case, spacing and a leading "the" ignored).
/// False flags a copy that credits another source, or credits none and is not the original.</param>
/// <param name="FirstStoredAt">When a record of the member was first stored, or null when unknown.</param>
public sealed record StoryMember(
    string Id, SourceRef Source, string? Title, string? Publisher, string? OriginalSource, string? PublishedAt,
    double Similarity, bool SameContent, bool OriginalSourceMatches, DateTimeOffset? FirstStoredAt);

/// <summary>
/// The articles of one story that contain a quotation (<see cref="QuoteHit.Stories"/>): the first of them by storage time, and the
/// others, which are copies of it, so a quotation repeated by republications counts once per story.
/// </summary>
/// <param name="ArticleId">The earliest-stored article of the story among those containing the quotation.</param>
/// <param name="Copies">The other articles of that story containing it (empty when only one does).</param>
public sealed record QuoteStory(string ArticleId, IReadOnlyList<string> Copies);

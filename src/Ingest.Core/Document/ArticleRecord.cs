using System.Text.Json.Serialization;

namespace Ingest.Core.Document;

/// <summary>
/// Where an article came from: the blob container and the blob name (path inside the container).
/// For files read from disk by the CLI, <see cref="Container"/> is <c>"local"</c> and
/// <see cref="Name"/> is the path as given.
/// </summary>
/// <param name="Container">Blob container name (3-63 lowercase characters in Azure).</param>
/// <param name="Name">Blob name, with <c>/</c> as the virtual folder separator.</param>
public sealed record SourceRef(string Container, string Name)
{
    /// <summary>The blob path, <c>container/name</c>.</summary>
    public override string ToString() => $"{Container}/{Name}";
}

/// <summary>A block removed from the article as boilerplate, with the rule that removed it.</summary>
/// <param name="Text">The removed text, whitespace-normalized.</param>
/// <param name="Reason">A short rule name such as <c>republication</c>, <c>promo</c>, <c>licence</c>,
/// <c>comment-rules</c>, <c>share</c>, <c>caption</c>, <c>author-bio</c>, <c>related</c>, <c>template</c>.</param>
public sealed record BoilerplateItem(string Text, string Reason);

/// <summary>A direct quotation and who said it.</summary>
/// <param name="Text">The quoted words without the quote marks; a quotation split by its attribution
/// or continued over paragraphs is one quote with its parts joined by a space.</param>
/// <param name="Speaker">Canonical speaker: the fullest name in the article for a person, a description
/// for an anonymous source ("a senior administration official"), an organisation name; null when the
/// text names nobody.</param>
/// <param name="SpeakerKind">One of <c>person</c>, <c>anonymous</c>, <c>organization</c>, <c>unknown</c>
/// (see <see cref="SpeakerKinds"/>).</param>
/// <param name="Cue">The cue verb or phrase that attributes the quote ("said", "according to"), or null.</param>
/// <param name="Paragraph">Zero-based index of the body paragraph where the quote starts.</param>
public sealed record QuoteRecord(string Text, string? Speaker, string SpeakerKind, string? Cue, int Paragraph);

/// <summary>The speaker kinds of <see cref="QuoteRecord.SpeakerKind"/>.</summary>
public static class SpeakerKinds
{
    public const string Person = "person";
    public const string Anonymous = "anonymous";
    public const string Organization = "organization";
    public const string Unknown = "unknown";
}

/// <summary>A named entity of the article body, merged over its mentions (in-document coreference).</summary>
/// <param name="Name">Canonical name: the fullest form in the article, titles stripped ("Elena Varga").</param>
/// <param name="Type">One of <c>person</c>, <c>organization</c>, <c>location</c> (see <see cref="EntityTypes"/>).</param>
/// <param name="Mentions">Number of mentions in the body, at least 1.</param>
/// <param name="Aliases">Other surface forms seen in the body ("Varga", "Varga's" folded to "Varga"), without the canonical name.</param>
public sealed record EntityRecord(string Name, string Type, int Mentions, IReadOnlyList<string> Aliases);

/// <summary>The entity types of <see cref="EntityRecord.Type"/>.</summary>
public static class EntityTypes
{
    public const string Person = "person";
    public const string Organization = "organization";
    public const string Location = "location";
}

/// <summary>
/// The article record: what <c>ingest extract --format json</c> prints and what storage keeps.
/// Serialized camelCase; null where unknown. This shape is a stable contract (the corpus scorers read it).
/// </summary>
public sealed record ArticleRecord
{
    /// <summary>Stable article id: 16 lowercase hex characters of SHA-256 over the blob path (see <see cref="ArticleIds"/>).</summary>
    public required string Id { get; init; }
    public required SourceRef Source { get; init; }
    public string? Title { get; init; }
    /// <summary>Standfirst (dek) under the headline, or null.</summary>
    public string? Subtitle { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>ISO 8601 date (<c>yyyy-MM-dd</c>) or date-time of the page's own publication, or null.</summary>
    public string? PublishedAt { get; init; }
    /// <summary>The site the file was taken from (the republisher), or null.</summary>
    public string? Publisher { get; init; }
    /// <summary>The outlet the text (or a section of it) was first published by, or null.</summary>
    public string? OriginalSource { get; init; }
    public string? CanonicalUrl { get; init; }
    /// <summary>ISO 639-1 language code ("en", "de", "fr"), or null.</summary>
    public string? Language { get; init; }
    /// <summary>Article text, paragraphs separated by one blank line.</summary>
    public string Body { get; init; } = "";
    public IReadOnlyList<BoilerplateItem> Boilerplate { get; init; } = [];
    public IReadOnlyList<QuoteRecord> Quotes { get; init; } = [];
    public IReadOnlyList<EntityRecord> Entities { get; init; } = [];
    /// <summary>
    /// What the pipeline repaired or guessed in this file, one sentence each, stage first ("decode: 1 invalid UTF-8 byte
    /// sequence was replaced with U+FFFD …"); empty for a clean file.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The <see cref="Ingest.Core.PipelineInfo.Version"/> that produced the record.</summary>
    public required string PipelineVersion { get; init; }
    /// <summary>SHA-256 of the raw input bytes, lowercase hex (64 characters).</summary>
    public required string ContentHash { get; init; }
}

/// <summary>
/// What is kept when a blob cannot be processed: the blob stays where it is, and this record says why.
/// </summary>
public sealed record IngestFailure
{
    public required string Id { get; init; }
    public required SourceRef Source { get; init; }
    /// <summary>Name of the pipeline stage that failed (<c>read</c> for I/O and size limits).</summary>
    public required string Stage { get; init; }
    /// <summary>A sentence a user can act on ("The file is empty.").</summary>
    public required string Reason { get; init; }
    /// <summary>The .NET exception type name, e.g. <c>DecodeException</c>.</summary>
    public required string ErrorType { get; init; }
    public required string PipelineVersion { get; init; }
    /// <summary>SHA-256 of the raw bytes, or null when they could not be read.</summary>
    public string? ContentHash { get; init; }
    /// <summary>Size of the blob in bytes, or -1 when unknown.</summary>
    public long SizeBytes { get; init; } = -1;
    public DateTimeOffset FailedAt { get; init; }
}

namespace Ingest.Core.Document;

/// <summary>Input format of an article file.</summary>
public enum DocumentFormat
{
    /// <summary>Plain text, e.g. a web page dumped by a scraper (<c>.txt</c>).</summary>
    Text,
    /// <summary>A saved HTML page (<c>.html</c>, <c>.htm</c>).</summary>
    Html,
    /// <summary>A scraper's JSON record with fields such as <c>title</c>, <c>url</c>, <c>html</c> or <c>text</c> (<c>.json</c>).</summary>
    Json,
    /// <summary>Markdown (<c>.md</c>).</summary>
    Markdown,
}

/// <summary>What a header-zone block is (<see cref="HeaderZones"/>); blocks with no zone are body unless boilerplate.</summary>
public enum BlockRole
{
    /// <summary>No header role: article text unless a boilerplate layer removes it.</summary>
    Body,
    /// <summary>The headline.</summary>
    Title,
    /// <summary>The standfirst (dek).</summary>
    Standfirst,
    /// <summary>A byline ("By Jane Doe") or dateline/date line kept out of the body.</summary>
    Byline,
    /// <summary>A line that introduces a republished section ("From Harbor Wire:"); kept out of the body.</summary>
    SourceMarker,
    /// <summary>Removed by a boilerplate layer (never a zone role; see <see cref="BlockRoles"/>).</summary>
    Boilerplate,
}

/// <summary>How a block was marked up in the source (HTML element kind, or the text form it had).</summary>
public enum BlockKind
{
    /// <summary>A paragraph (also a line of a text dump).</summary>
    Paragraph,
    /// <summary>A heading (<c>h1</c>-<c>h6</c>, Markdown <c>#</c> or setext).</summary>
    Heading,
    /// <summary>A list item.</summary>
    ListItem,
    /// <summary>A block quotation.</summary>
    BlockQuote,
    /// <summary>A figure caption (<c>figcaption</c>).</summary>
    Caption,
    /// <summary>Preformatted text.</summary>
    Preformatted,
}

/// <summary>
/// One block of text (a paragraph, heading, list item …) as the segment stage cut it, with offsets back into the
/// decoded text (<see cref="DecodedText.Text"/>). Immutable: what later stages decide about a block lives in their
/// own layers (boilerplate marks, header zones), addressed by the block's index in <see cref="Layers.Blocks"/>.
/// </summary>
public sealed class Block
{
    /// <summary>Normalized text of the block (NFC, single spaces, no leading or trailing space).</summary>
    public required string Text { get; init; }
    /// <summary>How the block was marked up.</summary>
    public BlockKind Kind { get; init; } = BlockKind.Paragraph;
    /// <summary>UTF-16 offset of the block's first character in the decoded text; -1 when unknown.</summary>
    public int SourceStart { get; init; } = -1;
    /// <summary>UTF-16 length of the block's span in the decoded text; 0 when unknown.</summary>
    public int SourceLength { get; init; }
    /// <summary>Heading level 1-6 for <see cref="BlockKind.Heading"/>, else 0.</summary>
    public int Level { get; init; }
    /// <summary>
    /// Number of items the source line separated with wide gaps (two or more spaces or tabs), as text dumps render
    /// menus ("Home   About   Archive"); 0 when the line had no such gaps. Normalization removes the gaps themselves.
    /// </summary>
    public int GapSeparatedItems { get; init; }
    /// <summary>Share of the block's characters inside links (0-1), for HTML blocks; 0 for text.</summary>
    public double LinkDensity { get; init; }
    /// <summary>
    /// Boilerplate reason the page markup gives the block (inside a comments or share container, an ad label, a tag
    /// list), or null. A fact of the source; the boilerplate stage turns it into a mark.
    /// </summary>
    public string? MarkupReason { get; init; }

    /// <inheritdoc />
    public override string ToString() => MarkupReason is null ? $"[{Kind}] {Text}" : $"[{Kind}/{MarkupReason}] {Text}";
}

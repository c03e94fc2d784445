using Ingest.Core.Pipeline;

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

/// <summary>What a block of the article is, as decided by the segment, boilerplate and metadata stages.</summary>
public enum BlockRole
{
    /// <summary>Article text; goes into <see cref="ArticleRecord.Body"/>.</summary>
    Body,
    /// <summary>Removed as boilerplate; listed in <see cref="ArticleRecord.Boilerplate"/> with its reason.</summary>
    Boilerplate,
    /// <summary>The headline.</summary>
    Title,
    /// <summary>The standfirst (dek).</summary>
    Standfirst,
    /// <summary>A byline ("By Jane Doe") or dateline/date line kept out of the body.</summary>
    Byline,
    /// <summary>A line that introduces a republished section ("From Bloomberg:"); kept out of the body.</summary>
    SourceMarker,
}

/// <summary>How a block was marked up in the source (HTML element kind, or the text form it had).</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    BlockQuote,
    Caption,
    Preformatted,
}

/// <summary>
/// One block of text (a paragraph, heading, list item …) with offsets back into <see cref="ArticleDocument.Text"/>.
/// </summary>
public sealed class Block
{
    /// <summary>Normalized text of the block (NFC, single spaces, no leading or trailing space).</summary>
    public required string Text { get; set; }
    public BlockKind Kind { get; set; } = BlockKind.Paragraph;
    public BlockRole Role { get; set; } = BlockRole.Body;
    /// <summary>Why the block was taken out of the body (see <see cref="BoilerplateItem.Reason"/>), or null.</summary>
    public string? Reason { get; set; }
    /// <summary>UTF-16 offset of the block's first character in <see cref="ArticleDocument.Text"/>; -1 when unknown.</summary>
    public int SourceStart { get; init; } = -1;
    /// <summary>UTF-16 length of the block's span in <see cref="ArticleDocument.Text"/>; 0 when unknown.</summary>
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

    /// <summary>Marks the block as boilerplate unless it already is.</summary>
    public void MarkBoilerplate(string reason)
    {
        Role = BlockRole.Boilerplate;
        Reason ??= reason;
    }

    public override string ToString() => $"[{Role}/{Kind}] {Text}";
}

/// <summary>Article metadata found by the metadata stage.</summary>
public sealed class ArticleMetadata
{
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public List<string> Authors { get; } = [];
    /// <summary>ISO 8601 date or date-time.</summary>
    public string? PublishedAt { get; set; }
    public string? Publisher { get; set; }
    public string? OriginalSource { get; set; }
    public string? CanonicalUrl { get; set; }
    public string? Language { get; set; }
}

/// <summary>
/// The one document model every stage reads and writes (spaCy's <c>Doc</c>, CoreNLP's <c>Annotation</c>).
/// Created from raw bytes; each stage adds its annotations and records them in <see cref="Annotations"/>.
/// </summary>
public sealed class ArticleDocument
{
    /// <summary>Creates a document over raw file bytes.</summary>
    /// <param name="source">Where the bytes came from; the file extension of <see cref="SourceRef.Name"/> hints the format.</param>
    /// <param name="raw">The file's bytes as stored.</param>
    public ArticleDocument(SourceRef source, ReadOnlyMemory<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Raw = raw;
        ContentHash = ArticleIds.ContentHash(raw.Span);
    }

    public SourceRef Source { get; }
    public ReadOnlyMemory<byte> Raw { get; }
    /// <summary>SHA-256 of <see cref="Raw"/>, lowercase hex.</summary>
    public string ContentHash { get; }

    /// <summary>Format decided by the decode stage.</summary>
    public DocumentFormat Format { get; set; }
    /// <summary>Web name of the character encoding the decode stage used ("utf-8", "utf-16", "windows-1252").</summary>
    public string? Encoding { get; set; }
    /// <summary>Decoded text. For HTML (and JSON records carrying HTML) this is the markup; offsets of blocks point here.</summary>
    public string Text { get; set; } = "";
    /// <summary>Whether <see cref="Text"/> is HTML markup (an HTML file, or a JSON record's <c>html</c> field).</summary>
    public bool TextIsHtml { get; set; }

    /// <summary>
    /// Metadata hints from structured sources (a JSON record's fields, HTML meta tags, JSON-LD), keyed by
    /// names from <see cref="HintKeys"/>. The metadata stage weighs them against what the text says.
    /// </summary>
    public Dictionary<string, List<string>> Hints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Blocks in reading order.</summary>
    public List<Block> Blocks { get; } = [];
    public ArticleMetadata Metadata { get; } = new();
    public List<Quote> Quotes { get; } = [];
    public List<EntityRecord> Entities { get; } = [];

    /// <summary>Template lines of the publisher learnt from earlier articles (normalized keys), or null.</summary>
    public IReadOnlySet<string>? TemplateLines { get; init; }

    /// <summary>Body paragraphs with their capitalised spans, computed once by the first stage that needs them.</summary>
    internal Stages.Entities.BodyWords? BodyWords { get; set; }

    /// <summary>Annotations present so far (what the stages that ran produced).</summary>
    public HashSet<AnnotationKey> Annotations { get; } = [];

    /// <summary>Body blocks in order.</summary>
    public IEnumerable<Block> BodyBlocks => Blocks.Where(b => b.Role == BlockRole.Body);

    /// <summary>Adds a hint value unless it is blank or already present.</summary>
    public void AddHint(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        // Hints come from markup and JSON: decode entities and drop tags ("Aren&#8217;t" → "Aren’t").
        if (value.Contains('&') || value.Contains('<'))
            value = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(value, "<[^>]+>", " "));
        value = value.Trim();
        if (value.Length == 0)
            return;
        if (!Hints.TryGetValue(key, out var list))
            Hints[key] = list = [];
        if (!list.Contains(value))
            list.Add(value);
    }

    /// <summary>First hint value for <paramref name="key"/>, or null.</summary>
    public string? Hint(string key) => Hints.TryGetValue(key, out var list) && list.Count > 0 ? list[0] : null;
}

/// <summary>Names of <see cref="ArticleDocument.Hints"/>.</summary>
public static class HintKeys
{
    public const string Title = "title";
    public const string Subtitle = "subtitle";
    public const string Author = "author";
    public const string Published = "published";
    public const string SiteName = "site_name";
    public const string Url = "url";
    public const string CanonicalUrl = "canonical";
    public const string Language = "language";
    public const string OriginalSource = "original_source";
}

/// <summary>A quotation as found by the quote stage, with the positions the entity stage links to.</summary>
public sealed class Quote
{
    public required string Text { get; set; }
    /// <summary>Speaker as written near the quote ("Kerry", "a senior administration official"), before canonicalisation.</summary>
    public string? SpeakerMention { get; set; }
    /// <summary>Canonical speaker after coreference with the article's entities.</summary>
    public string? Speaker { get; set; }
    public string SpeakerKind { get; set; } = SpeakerKinds.Unknown;
    public string? Cue { get; set; }
    /// <summary>Index of the body paragraph where the quote starts (counting body blocks only).</summary>
    public int Paragraph { get; set; }
}

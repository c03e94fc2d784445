using Ingest.Core.Pipeline;

namespace Ingest.Core.Document;

/// <summary>
/// The layers of an <see cref="ArticleDocument"/>, in the order the default pipeline writes them. Each has one writer
/// except <see cref="Hints"/> (decode, then segment extends it). Boilerplate is three layers, one per deciding stage,
/// so that no stage changes another's decisions; <see cref="BoilerplateMarks.ReasonOf"/> reads them together.
/// </summary>
public static class Layers
{
    /// <summary>The decoded text, its format and encoding (decode).</summary>
    public static readonly Layer<DecodedText> Text = new("text");
    /// <summary>Metadata hints from structured sources: JSON fields (decode), meta tags, JSON-LD, front matter (segment).</summary>
    public static readonly Layer<HintSet> Hints = new("hints");
    /// <summary>Normalized blocks in reading order (segment).</summary>
    public static readonly Layer<BlockList> Blocks = new("blocks");
    /// <summary>Body probability of each block of a text dump, from the learnt line classifier (lines).</summary>
    public static readonly Layer<LineScores> LineScores = new("line-scores");
    /// <summary>Blocks removed by line rules, markup, captions, repeats, related lists and tail chrome (boilerplate).</summary>
    public static readonly Layer<BoilerplateMarks> PageBoilerplate = new("boilerplate.page");
    /// <summary>Header roles of blocks (headline, dek, bylines, date lines, source markers) and what they say (zones).</summary>
    public static readonly Layer<HeaderZones> Zones = new("zones");
    /// <summary>Masthead and header chrome around the headline of a text dump (header-chrome).</summary>
    public static readonly Layer<BoilerplateMarks> HeaderBoilerplate = new("boilerplate.header");
    /// <summary>The site the file came from (publisher).</summary>
    public static readonly Layer<PublisherInfo> Publisher = new("publisher");
    /// <summary>Lines of the publisher's learnt template (template).</summary>
    public static readonly Layer<BoilerplateMarks> TemplateBoilerplate = new("boilerplate.template");
    /// <summary>The body: blocks left after every boilerplate layer and the header zones (body).</summary>
    public static readonly Layer<BodyText> Body = new("body");
    /// <summary>Title, standfirst, authors, date, original source, canonical URL, language (metadata).</summary>
    public static readonly Layer<ArticleMetadata> Metadata = new("metadata");
    /// <summary>Body paragraphs with their capitalised spans, shared by quotes and entities (tokens).</summary>
    internal static readonly Layer<Stages.Entities.BodyWords> Tokens = new("tokens");
    /// <summary>Direct quotations with the speaker as written (quotes).</summary>
    public static readonly Layer<QuoteList> Quotes = new("quotes");
    /// <summary>Named entities with mentions and aliases, merged by in-document coreference (entities).</summary>
    public static readonly Layer<EntityLayer> Entities = new("entities");
    /// <summary>Each quote's canonical speaker, linked to the entities (speakers).</summary>
    public static readonly Layer<SpeakerLinks> Speakers = new("speakers");
}

/// <summary>What the decode stage made of the bytes.</summary>
/// <param name="Format">The format, by extension or by sniffing.</param>
/// <param name="Encoding">Web name of the character encoding used ("utf-8", "utf-16", "windows-1252").</param>
/// <param name="Text">Decoded text with LF line endings (CRLF and lone CR converted). For HTML (and JSON records carrying
/// HTML) this is the markup; block offsets point here.</param>
/// <param name="IsHtml">Whether <paramref name="Text"/> is HTML markup.</param>
public sealed record DecodedText(DocumentFormat Format, string Encoding, string Text, bool IsHtml)
{
    /// <summary>What decoding repaired or guessed, for the record's <see cref="ArticleRecord.Warnings"/> (empty when nothing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The blocks of the article in reading order.</summary>
/// <param name="blocks">The blocks; the list is copied.</param>
public sealed class BlockList(IEnumerable<Block> blocks) : List<Block>(blocks);

/// <summary>The site the file came from, as found before the publisher-template memory is applied.</summary>
/// <param name="Name">Publisher name, or null when nothing names it.</param>
public sealed record PublisherInfo(string? Name);

/// <summary>The body paragraphs: blocks that no boilerplate layer removed and no header zone took.</summary>
public sealed class BodyText
{
    /// <summary>Creates the layer.</summary>
    /// <param name="indices">Indices into <see cref="Layers.Blocks"/> of the body blocks, ascending.</param>
    /// <param name="blocks">The blocks at those indices.</param>
    public BodyText(IReadOnlyList<int> indices, IReadOnlyList<Block> blocks)
    {
        Indices = indices;
        Blocks = blocks;
    }

    /// <summary>Indices into <see cref="Layers.Blocks"/> of the body blocks, ascending.</summary>
    public IReadOnlyList<int> Indices { get; }
    /// <summary>The body blocks in order; a quote's paragraph number indexes this list.</summary>
    public IReadOnlyList<Block> Blocks { get; }
}

/// <summary>Article metadata found by the metadata stage.</summary>
public sealed class ArticleMetadata
{
    /// <summary>The headline, or null.</summary>
    public string? Title { get; set; }
    /// <summary>The standfirst (dek), or null.</summary>
    public string? Subtitle { get; set; }
    /// <summary>Author names as written, without "By", roles or outlets.</summary>
    public List<string> Authors { get; } = [];
    /// <summary>ISO 8601 date (<c>yyyy-MM-dd</c>) or date-time with offset.</summary>
    public string? PublishedAt { get; set; }
    /// <summary>The site the file came from.</summary>
    public string? Publisher { get; set; }
    /// <summary>The outlet a republished text comes from.</summary>
    public string? OriginalSource { get; set; }
    /// <summary>Canonical URL of the page.</summary>
    public string? CanonicalUrl { get; set; }
    /// <summary>ISO 639-1 language code.</summary>
    public string? Language { get; set; }
}

/// <summary>A quotation as found by the quote stage.</summary>
public sealed class Quote
{
    /// <summary>The quoted words without the marks.</summary>
    public required string Text { get; set; }
    /// <summary>Speaker as written near the quote ("Varga", "a senior administration official"), before canonicalisation.</summary>
    public string? SpeakerMention { get; set; }
    /// <summary>One of <see cref="SpeakerKinds"/>.</summary>
    public string SpeakerKind { get; set; } = SpeakerKinds.Unknown;
    /// <summary>The cue verb or phrase ("said", "according to"), or null.</summary>
    public string? Cue { get; set; }
    /// <summary>Index of the body paragraph where the quote starts (into <see cref="BodyText.Blocks"/>).</summary>
    public int Paragraph { get; set; }
}

/// <summary>The quotations of the article in reading order.</summary>
public sealed class QuoteList : List<Quote>;

/// <summary>The article's entities and the resolver that maps a written mention to its entity.</summary>
/// <param name="Entities">Entities with mention counts and aliases.</param>
/// <param name="Canonical">Maps a mention and a <see cref="SpeakerKinds"/> value to the entity's canonical name, or null.</param>
public sealed record EntityLayer(IReadOnlyList<EntityRecord> Entities, Func<string, string, string?> Canonical);

/// <summary>The canonical speaker of each quote, by the quote's index in <see cref="Layers.Quotes"/>.</summary>
/// <param name="Speakers">One entry per quote: the canonical speaker, or null when the quote has none.</param>
public sealed record SpeakerLinks(IReadOnlyList<string?> Speakers);

namespace Ingest.Core.Pipeline;

/// <summary>
/// Tunables of the default pipeline, one nested section per stage, bound from the <c>Pipeline</c> configuration
/// section (<c>Pipeline:Boilerplate:MaxCaptionWords</c>, <c>Pipeline__Template__MaxBodyShare</c> as an environment
/// variable). Defaults are the values the corpus figures were measured with; changing one changes records, so raise
/// <see cref="PipelineInfo.Version"/> when a deployment changes them for good.
/// </summary>
public sealed class PipelineOptions
{
    /// <summary>Name of the configuration section.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>Options of the <c>boilerplate</c> stage.</summary>
    public BoilerplateOptions Boilerplate { get; set; } = new();
    /// <summary>Options of the <c>template</c> stage.</summary>
    public TemplateOptions Template { get; set; } = new();
    /// <summary>Options of the <c>zones</c> stage.</summary>
    public ZonesOptions Zones { get; set; } = new();
    /// <summary>Options of the <c>body</c> stage.</summary>
    public BodyOptions Body { get; set; } = new();
    /// <summary>Options of the <c>entities</c> stage.</summary>
    public EntitiesOptions Entities { get; set; } = new();
}

/// <summary>Options of the <c>entities</c> stage (<c>Pipeline:Entities:*</c>).</summary>
public sealed class EntitiesOptions
{
    /// <summary>
    /// Whether English articles take their entities from the statistical tagger (trained on open NER data, the rule
    /// cascade's decisions among its features) instead of the rule cascade alone; other languages always use the cascade.
    /// <c>Pipeline__Entities__Tagger=true</c> as an environment variable.
    /// </summary>
    public bool Tagger { get; set; }
}

/// <summary>Options of the <c>boilerplate</c> stage (<c>Pipeline:Boilerplate:*</c>); counts are words unless named otherwise.</summary>
public sealed class BoilerplateOptions
{
    /// <summary>A credit line under a caption has at most this many words ("Shutterstock", "AP Photo/Jane Doe").</summary>
    public int MaxCreditWords { get; set; } = 5;
    /// <summary>Captions have at most this many words.</summary>
    public int MaxCaptionWords { get; set; } = 60;
    /// <summary>After a "Related" heading, blocks up to this many words are link titles.</summary>
    public int MaxRelatedItemWords { get; set; } = 20;
    /// <summary>Chrome at the end of a page: blocks up to this many words that do not end a sentence.</summary>
    public int MaxTailChromeWords { get; set; } = 16;
    /// <summary>A short block between two removed blocks goes with them when it has at most this many words.</summary>
    public int MaxSandwichedWords { get; set; } = 12;
    /// <summary>
    /// With the line classifier: the lines after a lead-in ending in a colon ("Officials listed three causes:") that have at
    /// most this many words are the items of its list, kept in the body as list items are.
    /// </summary>
    public int MaxListLineWords { get; set; } = 12;
    /// <summary>Credited photo captions are looked for in this many first blocks.</summary>
    public int CreditedCaptionScanBlocks { get; set; } = 15;
    /// <summary>A credited caption has at most this many words.</summary>
    public int MaxCreditedCaptionWords { get; set; } = 45;
    /// <summary>
    /// Whether the learnt line classifier (stage <c>lines</c>, weights trained by <c>ingest-eval train-lines</c>) takes part
    /// in the boilerplate decision of plain-text dumps: it removes blocks after the header that it scores below
    /// <see cref="LineClassifierThreshold"/>, and keeps blocks the context rules would remove when it scores them at or above
    /// <see cref="LineClassifierKeep"/>. On by default (dev corpus: every field as with it off or better, boilerplate removed
    /// 0.991 to 0.994; rendered Zyte dumps, dev split: body F1 0.838 to 0.926); <c>Pipeline__Boilerplate__LineClassifier=false</c>
    /// as an environment variable turns it off. HTML, JSON and Markdown files are not scored and not affected.
    /// </summary>
    public bool LineClassifier { get; set; } = true;
    /// <summary>Body probability (0-1) below which the line classifier removes a block.</summary>
    public double LineClassifierThreshold { get; set; } = 0.5;
    /// <summary>Body probability (0-1) at or above which the line classifier overrides the context rules (tail chrome, link lines, navigation); above 1: never.</summary>
    public double LineClassifierKeep { get; set; } = 0.9;
    /// <summary>Body probability (0-1) below which the line classifier removes a block even inside the body span, where
    /// finished sentences, list items and subheads it is unsure of are otherwise kept (captions, share appeals); 0: never.</summary>
    public double LineClassifierFloor { get; set; }
}

/// <summary>Options of the <c>template</c> stage (<c>Pipeline:Template:*</c>).</summary>
public sealed class TemplateOptions
{
    /// <summary>Blocks of up to this many words may be template lines of a publisher.</summary>
    public int MaxWords { get; set; } = 40;
    /// <summary>
    /// Share of the body's words (0-1) the template may remove; at or above it the article is taken for a copy of one
    /// the memory learnt from, and nothing is removed.
    /// </summary>
    public double MaxBodyShare { get; set; } = 0.5;
    /// <summary>
    /// Body probability (0-1) of the line classifier (<see cref="Stages.LineClassifierStage"/>, text dumps only) at or
    /// above which a block is body: the template never removes it and the memory never learns it. The default is the
    /// classifier's own decision threshold (<see cref="BoilerplateOptions.LineClassifierThreshold"/>).
    /// </summary>
    public double KeepScore { get; set; } = 0.5;
}

/// <summary>Options of the <c>zones</c> stage (<c>Pipeline:Zones:*</c>).</summary>
public sealed class ZonesOptions
{
    /// <summary>Prose blocks in the header zone: the body starts at the first prose block followed by more prose or this long.</summary>
    public int LoneBodyStartWords { get; set; } = 20;
    /// <summary>How far into the page (blocks) bylines and date lines are looked for.</summary>
    public int HeaderScanBlocks { get; set; } = 25;
    /// <summary>Bylines and date lines have at most this many words.</summary>
    public int MaxBylineWords { get; set; } = 20;
    /// <summary>A removed block this short that holds a date gives the date ("Updated 3 March 2025").</summary>
    public int MaxDateBlockWords { get; set; } = 14;
    /// <summary>Bylines of embedded sections have at most this many words.</summary>
    public int MaxEmbeddedBylineWords { get; set; } = 12;
}

/// <summary>
/// Options of the <c>body</c> stage (<c>Pipeline:Body:*</c>): how much text a body needs to be an article. Below either
/// minimum the file is rejected ("too short to be an article"): a stub, a test upload, a truncated download. The
/// defaults let a two-sentence brief through and stay far below the shortest bodies of the dev, Zyte and trafilatura
/// corpora.
/// </summary>
public sealed class BodyOptions
{
    /// <summary>The body has at least this many words (whitespace-separated).</summary>
    public int MinWords { get; set; } = 5;
    /// <summary>The body has at least this many letters.</summary>
    public int MinLetters { get; set; } = 20;
}

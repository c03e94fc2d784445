namespace Ingest.Core.Stages.Html;

/// <summary>
/// Tunables of HTML main-content extraction (trafilatura's <c>settings.py</c>): one options object goes through
/// the cascade, and fallbacks copy it with <c>with</c> rather than changing it.
/// </summary>
/// <param name="UseClassRules">Skip or mark elements whose class/id says boilerplate (comments, share, related …).
/// The recall fallback turns this off when the first pass under-delivers.</param>
/// <param name="DropHidden">Skip elements hidden by <c>hidden</c>, <c>aria-hidden</c> or an inline <c>display:none</c>.</param>
internal sealed record HtmlOptions(bool UseClassRules = true, bool DropHidden = true)
{
    /// <summary>The first, precision-minded pass.</summary>
    public static HtmlOptions Default { get; } = new();

    /// <summary>A text run must have at least this many characters to count as a paragraph when scoring containers.</summary>
    public const int MinUnitChars = 25;
    /// <summary>Each full this-many characters of a paragraph add one point, up to <see cref="MaxLengthPoints"/>.</summary>
    public const int CharsPerPoint = 100;
    public const int MaxLengthPoints = 3;
    /// <summary>Ancestors up to this many levels above a paragraph share its score (Readability).</summary>
    public const int ScoreAncestorLevels = 5;
    /// <summary>Weight added (or taken) for a positive (or negative) class or id.</summary>
    public const double ClassWeight = 25;
    /// <summary>A sibling of the top container joins it when its score reaches this share of the top score …</summary>
    public const double SiblingScoreShare = 0.2;
    /// <summary>… and at least this score.</summary>
    public const double MinSiblingScore = 10;
    /// <summary>A sibling paragraph joins when it is longer than this and its link density is below <see cref="MaxSiblingLinkDensity"/>.</summary>
    public const int SiblingParagraphChars = 80;
    public const double MaxSiblingLinkDensity = 0.25;
    /// <summary>Lead containers are looked for among the preceding siblings of this many ancestors of the content.</summary>
    public const int LeadSearchLevels = 3;
    /// <summary>Candidates within this share of the top score that agree on an ancestor move the top up to it.</summary>
    public const double AlternativeCandidateShare = 0.75;
    /// <summary>Number of agreeing alternative candidates needed to move the top up.</summary>
    public const int MinAlternativeCandidates = 3;
    /// <summary>An element whose class says boilerplate still counts as content when it holds more than this share of the page's paragraph text.</summary>
    public const double MaxBoilerplateShare = 0.5;
    /// <summary>A form with no paragraph text longer than this is chrome (search, login, newsletter sign-up).</summary>
    public const int FormMaxParagraphChars = 100;
    /// <summary>An inline element holding this many links and no other text is a hover card or link cluster, not prose.</summary>
    public const int HoverCardLinks = 3;
    /// <summary>Headings longer than this are not checked against <see cref="HtmlVocabulary.RelatedHeadings"/>.</summary>
    public const int MaxRelatedHeadingChars = 60;
    /// <summary>A block with this many rel="tag" links is a tag list.</summary>
    public const int MinTagLinks = 2;
    /// <summary>Below this many characters of body text, the cascade tries the next extractor.</summary>
    public const int MinExtractedChars = 250;
    /// <summary>JSON-LD articleBody replaces the extraction when the extraction has less than this share of its length.</summary>
    public const double MinShareOfStructuredBody = 0.5;
    /// <summary>A list whose items are links to this share of their text is a link list (related stories, teasers).</summary>
    public const double LinkListDensity = 0.5;
}

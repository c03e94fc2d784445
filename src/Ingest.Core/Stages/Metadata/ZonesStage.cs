using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Metadata;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages;

/// <summary>
/// zones: reads the page header a text dump keeps before its first paragraphs of running text (masthead, navigation,
/// section label, headline, dek, caption, byline, date line) and gives header blocks their roles: the headline is
/// the last headline-shaped block before the byline (or before the body), or the block the hinted title names; the
/// block after it is the dek when it reads as one. Bylines, author lines and date lines give the authors and the
/// date; bylines of embedded sections and "From X:" markers leave the body too. Nothing is removed here: header
/// chrome is recorded by <see cref="HeaderChromeStage"/> from <see cref="HeaderZones.HeaderChromeReason"/>.
/// </summary>
public sealed class ZonesStage : IPipelineStage
{
    private readonly ZonesOptions _options;

    /// <summary>Creates the stage.</summary>
    /// <param name="options">Its tunables (<c>Pipeline:Zones</c>); defaults when null.</param>
    public ZonesStage(ZonesOptions? options = null) => _options = options ?? new ZonesOptions();

    /// <inheritdoc />
    public string Name => "zones";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Text, Layers.Hints, Layers.Blocks, Layers.PageBoilerplate };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Zones };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var decoded = document.Get(Layers.Text);
        var hints = document.Get(Layers.Hints);
        var blocks = document.Get(Layers.Blocks);
        var page = document.Get(Layers.PageBoilerplate);
        var zones = new HeaderZones(blocks.Count);
        var reader = new HeaderReader(blocks, zones, new BlockRoles(zones, page), _options) { IsHtmlPage = decoded.IsHtml };

        zones.Masthead = reader.Masthead();
        int bodyStart = reader.FindBodyStart();
        zones.BodyStart = bodyStart;
        reader.MarkHeaderLines(bodyStart);
        int title = reader.FindTitle(hints, bodyStart);
        zones.TitleIndex = title;
        if (!decoded.IsHtml && title >= 0)
        {
            zones.HasHeaderChrome = true;
            for (int i = title + 1; i < Math.Min(bodyStart, blocks.Count); i++)
                if (zones.HeaderChromeReason(i, page) is not null && BlockShape.IsNameLabel(blocks[i].Text) && !StaffLabel().IsMatch(blocks[i].Text))
                    zones.SourceLabels.Add(blocks[i].Text);
            var chrome = new BoilerplateMarks();
            for (int i = 0; i < blocks.Count; i++)
                if (zones.HeaderChromeReason(i, page) is { } reason)
                    chrome.Mark(i, reason);
            reader = new HeaderReader(blocks, zones, new BlockRoles(zones, page, chrome), _options) { IsHtmlPage = decoded.IsHtml };
        }
        if (zones.Subtitle is null && hints.First(HintKeys.Subtitle) is { } dek)
        {
            if (decoded.IsHtml)
                reader.MatchHintedStandfirst(dek);
            else if (decoded.Format == DocumentFormat.Json && !StartsAnyBlock(blocks, dek))
                zones.Subtitle = TextNormalizer.Normalize(dek);
        }
        reader.MarkEmbeddedBylines(bodyStart);
        // A source name from structured data (JSON-LD isBasedOn) wins; then a "From X:" line is left in the body.
        if (hints.First(HintKeys.OriginalSource) is not { } based || based.Contains("://"))
            reader.MarkSourceMarker();
        document.Set(Layers.Zones, zones);
    }

    /// <summary>Whether a hinted dek only repeats the start of a block (excerpts often copy the lead).</summary>
    private static bool StartsAnyBlock(BlockList blocks, string dek)
    {
        string key = TextNormalizer.Key(dek).TrimEnd();
        if (key.Length > 40)
            key = key[..40];
        return blocks.Any(b => TextNormalizer.Key(b.Text).StartsWith(key, StringComparison.Ordinal));
    }
}

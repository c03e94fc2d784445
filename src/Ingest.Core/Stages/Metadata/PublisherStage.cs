using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Metadata;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages;

/// <summary>
/// publisher: the site the file came from, in this order: the site-name hint, a site name glued to the hinted title,
/// a masthead of two or more words, a "Support X" promo, a one-word masthead, a "first appeared on X" note, a
/// copyright holder, the URL's host. Runs before the template stage, which needs it.
/// </summary>
public sealed class PublisherStage : IPipelineStage
{
    /// <summary>A "Support X" promo names a site of at most this many words.</summary>
    internal const int MaxPromoNameWords = 5;

    /// <inheritdoc />
    public string Name => "publisher";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>
    {
        Layers.Hints, Layers.Blocks, Layers.PageBoilerplate, Layers.Zones, Layers.HeaderBoilerplate,
    };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Publisher };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var hints = document.Get(Layers.Hints);
        var blocks = document.Get(Layers.Blocks);
        var zones = document.Get(Layers.Zones);
        var roles = new BlockRoles(zones, document.Get(Layers.PageBoilerplate), document.Get(Layers.HeaderBoilerplate));
        document.Set(Layers.Publisher, new PublisherInfo(Find(hints, blocks, zones, roles)));
    }

    private static string? Find(HintSet hints, BlockList blocks, HeaderZones zones, BlockRoles roles)
    {
        if (hints.First(HintKeys.SiteName) is { } site)
            return site;
        if (Outlets.SiteFromTitle(hints.First(HintKeys.Title)) is { } fromTitle)
            return fromTitle;
        string? masthead = zones.Masthead;
        bool mastheadUsable = masthead is not null && blocks.Count > 0 && roles.RoleOf(0) != BlockRole.Title;
        if (mastheadUsable && BlockShape.Words(masthead!) >= 2)
            return masthead;
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!roles.IsBoilerplate(i))
                continue;
            var m = SupportPromo().Match(blocks[i].Text);
            if (m.Success && BlockShape.Words(m.Groups["name"].Value) <= MaxPromoNameWords && char.IsUpper(m.Groups["name"].Value[0]))
                return Outlets.Clean(m.Groups["name"].Value);
        }
        if (mastheadUsable)
            return masthead;
        for (int i = 0; i < blocks.Count; i++)
        {
            var m = FirstAppearedOn().Match(blocks[i].Text);
            if (roles.IsBoilerplate(i) && m.Success && !RepublishedHere().IsMatch(blocks[i].Text))
                return Outlets.Clean(m.Groups["name"].Value);
        }
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!roles.IsBoilerplate(i))
                continue;
            var m = CopyrightHolder().Match(blocks[i].Text);
            if (m.Success && Outlets.Clean(m.Groups["name"].Value) is { } holder)
                return holder;
        }
        if (hints.First(HintKeys.Url) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return Host(uri);
        return null;
    }

    /// <summary>A URL's host without "www.".</summary>
    internal static string Host(Uri uri) => uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Metadata;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages;

/// <summary>
/// metadata: title, standfirst, authors, published date, publisher, original source, canonical URL and language.
/// Weighs structured hints (JSON record fields, front matter, meta tags, JSON-LD) against what the header zones read.
/// The original source comes from structured data, a "From X:" marker, "originally published by X" and "first
/// appeared on X" notes, wire datelines ("(AP) —"), header labels, bio outlets and wire copyright lines.
/// </summary>
public sealed class MetadataStage : IPipelineStage
{
    /// <summary>Blocks from the top in which a wire dateline is looked for.</summary>
    internal const int WireDatelineScanBlocks = 40;
    /// <summary>A header label names an outlet of at most this many words.</summary>
    internal const int MaxLabelWords = 5;
    /// <summary>A copyright line that names the original source has at most this many words.</summary>
    internal const int MaxCopyrightLineWords = 12;

    /// <inheritdoc />
    public string Name => "metadata";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>
    {
        Layers.Text, Layers.Hints, Layers.Blocks, Layers.PageBoilerplate, Layers.Zones, Layers.HeaderBoilerplate,
        Layers.Publisher, Layers.TemplateBoilerplate, Layers.Body,
    };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Metadata };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        bool isHtml = document.Get(Layers.Text).IsHtml;
        var hints = document.Get(Layers.Hints);
        var zones = document.Get(Layers.Zones);
        var body = document.Get(Layers.Body);
        var meta = new ArticleMetadata { Title = zones.Title, Subtitle = zones.Subtitle, PublishedAt = zones.PublishedAt };
        meta.Authors.AddRange(zones.Authors);

        // The first hinted date that is a real date wins; an impossible one ("0000-00-00") counts as none.
        if (hints.All(HintKeys.Published).Select(DateParser.ToIso).FirstOrDefault(d => d is not null) is { } iso)
            meta.PublishedAt = iso;
        foreach (var a in hints.All(HintKeys.Author))
            if (meta.Authors.Count == 0 || isHtml)
                Authors.Add(meta.Authors, a);
        if (meta.PublishedAt is null && body.Blocks.Count > 0 && DatelineDate().Match(body.Blocks[0].Text) is { Success: true } dl)
            meta.PublishedAt = DateParser.Find(dl.Value);

        meta.Publisher = document.Get(Layers.Publisher).Name;
        string? original = FindOriginalSource(document, hints, zones, meta.Publisher);
        meta.OriginalSource = original is not null && meta.Publisher is not null && Outlets.Same(original, meta.Publisher) ? null : original;
        meta.CanonicalUrl = hints.First(HintKeys.CanonicalUrl) ?? hints.First(HintKeys.Url);
        meta.Language = LanguageDetector.Detect(body.Blocks, hints.First(HintKeys.Language));
        document.Set(Layers.Metadata, meta);
    }

    /// <summary>
    /// Words one of which every match of <see cref="MetadataPatterns.OriginallyPublished"/> (case-sensitive) contains: a block
    /// without any cannot match, and this vectorised search is much cheaper than the regex's scan.
    /// </summary>
    private static readonly System.Buffers.SearchValues<string> OriginallyPublishedWords = System.Buffers.SearchValues.Create(
        ["original", "published ", "first ", "reprinted from", "cross", "produced ", "written "], StringComparison.Ordinal);

    private static string? FindOriginalSource(ArticleDocument document, HintSet hints, HeaderZones zones, string? publisher)
    {
        // JSON-LD isBasedOn often holds the original's URL: a name from the text is better, the host name a last resort.
        string? hinted = hints.First(HintKeys.OriginalSource);
        if (hinted is not null && !hinted.Contains("://"))
            return hinted;
        if (zones.SourceMarkerIndex >= 0)
            return zones.MarkedSource;
        var blocks = document.Get(Layers.Blocks);
        var roles = BodyStage.Roles(document);
        bool Other(string? name) => name is not null && (publisher is null || !Outlets.Same(name, publisher));
        foreach (var b in blocks)
        {
            if (b.Text.AsSpan().ContainsAny(OriginallyPublishedWords))
                foreach (System.Text.RegularExpressions.Match m in OriginallyPublished().Matches(b.Text))
                    if (Outlets.Clean(m.Groups["name"].Value) is { } name && Other(name))
                        return name;
            var fa = FirstAppearedOn().Match(b.Text);
            if (fa.Success && Outlets.Clean(fa.Groups["name"].Value) is { } n2 && Other(n2) && (RepublishedHere().IsMatch(b.Text) || publisher is not null))
                return n2;
        }
        for (int i = 0; i < Math.Min(blocks.Count, WireDatelineScanBlocks); i++)
        {
            var wire = WireDateline().Match(blocks[i].Text);
            if (wire.Success && roles.IsBody(i))
                return wire.Groups["wire"].Value switch { "AP" => "Associated Press", var w => w };
        }
        foreach (var label in zones.SourceLabels)
            if (Outlets.Clean(label) is { } name && Other(name) && BlockShape.Words(name) <= MaxLabelWords)
                return name;
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!roles.IsBoilerplate(i))
                continue;
            var bio = BioOutlet().Match(blocks[i].Text);
            if (bio.Success && Outlets.Clean(bio.Groups["name"].Value) is { } name && Other(name))
                return name;
        }
        // A wire copyright inside the page ("© Harbor Wire", "Copyright 2024 The Harbor Press") names the source.
        foreach (var b in blocks)
        {
            var m = CopyrightHolder().Match(b.Text);
            if (m.Success && Outlets.Clean(m.Groups["name"].Value) is { } holder && Other(holder) && BlockShape.Words(b.Text) <= MaxCopyrightLineWords)
                return holder;
        }
        if (hinted is not null && Uri.TryCreate(hinted, UriKind.Absolute, out var uri))
            return PublisherStage.Host(uri);
        return null;
    }
}

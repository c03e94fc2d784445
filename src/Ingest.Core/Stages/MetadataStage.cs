using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// metadata: title, standfirst, authors, published date, publisher, original source, canonical URL, language.
/// Weighs structured hints (JSON record fields, meta tags, JSON-LD) against what the text says: the headline and
/// dek at the top of a text dump, "By …" bylines, date lines, "This post first appeared on X", "From Bloomberg:",
/// "(AP) —" datelines, "originally published by X". Marks title, standfirst, byline and source-marker blocks so
/// they leave the body.
/// </summary>
public sealed partial class MetadataStage : IPipelineStage
{
    /// <summary>A headline has at most this many words.</summary>
    internal const int MaxTitleWords = 30;
    /// <summary>A standfirst has at most this many words.</summary>
    internal const int MaxStandfirstWords = 60;

    public string Name => "metadata";
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Annotations.Blocks, Annotations.Boilerplate };
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Annotations.Metadata };

    public void Process(ArticleDocument document)
    {
        var meta = document.Metadata;
        FindTitleAndStandfirst(document);
        FindBylinesAndDates(document);
        meta.Publisher = FindPublisher(document);
        meta.OriginalSource = FindOriginalSource(document, meta.Publisher);
        meta.CanonicalUrl = document.Hint(HintKeys.CanonicalUrl) ?? document.Hint(HintKeys.Url);
        meta.Language = LanguageDetector.Detect(document);
    }

    private static void FindTitleAndStandfirst(ArticleDocument document)
    {
        var meta = document.Metadata;
        string? hinted = document.Hint(HintKeys.Title);
        var blocks = document.Blocks;
        int titleIndex = -1;
        if (hinted is not null)
        {
            string key = TextNormalizer.Key(CleanTitle(hinted, document));
            titleIndex = blocks.FindIndex(b => b.Role != BlockRole.Boilerplate && TextNormalizer.Key(b.Text) == key);
            meta.Title = titleIndex >= 0 ? blocks[titleIndex].Text : CleanTitle(TextNormalizer.Normalize(hinted), document);
        }
        if (titleIndex < 0 && !document.TextIsHtml)
        {
            titleIndex = blocks.FindIndex(b => b.Role == BlockRole.Body);
            if (titleIndex >= 0 && (BoilerplateStage.WordCount(blocks[titleIndex].Text) > MaxTitleWords))
                titleIndex = -1;
            if (titleIndex >= 0 && meta.Title is null)
                meta.Title = blocks[titleIndex].Text;
        }
        if (titleIndex < 0)
        {
            titleIndex = blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 1 && b.Role == BlockRole.Body);
            if (titleIndex >= 0)
                meta.Title ??= blocks[titleIndex].Text;
        }
        if (titleIndex >= 0)
        {
            blocks[titleIndex].Role = BlockRole.Title;
            // Standfirst: the next short block that is not a byline, when the body does not start there.
            for (int i = titleIndex + 1; i < blocks.Count && i <= titleIndex + 3; i++)
            {
                var b = blocks[i];
                if (b.Role != BlockRole.Body)
                    continue;
                if (Byline().IsMatch(b.Text) || DateLine().IsMatch(b.Text))
                    continue;
                int words = BoilerplateStage.WordCount(b.Text);
                bool nextIsChrome = i + 1 < blocks.Count && blocks[i + 1].Role != BlockRole.Body;
                if (words <= MaxStandfirstWords && words >= 4 && (!BoilerplateStage.EndsSentence(b.Text) || nextIsChrome || b.Kind == BlockKind.Heading))
                {
                    b.Role = BlockRole.Standfirst;
                    meta.Subtitle = b.Text;
                }
                break;
            }
        }
        if (meta.Subtitle is null && document.Hint(HintKeys.Subtitle) is { } dek && document.TextIsHtml)
        {
            string key = TextNormalizer.Key(dek);
            var match = blocks.FirstOrDefault(b => b.Role == BlockRole.Body && TextNormalizer.Key(b.Text) == key && b != blocks.FirstOrDefault(x => x.Role == BlockRole.Body));
            if (match is not null)
            {
                match.Role = BlockRole.Standfirst;
                meta.Subtitle = match.Text;
            }
        }
    }

    /// <summary>Removes a site name glued to a headline ("Headline | Site", "Headline - Site").</summary>
    internal static string CleanTitle(string title, ArticleDocument document)
    {
        var parts = TitleSeparator().Split(title);
        if (parts.Length < 2)
            return title.Trim();
        string site = document.Hint(HintKeys.SiteName) ?? "";
        // Keep the longest part unless a part is the site name.
        var candidates = parts.Where(p => !string.Equals(p.Trim(), site, StringComparison.OrdinalIgnoreCase)).ToList();
        return candidates.OrderByDescending(p => p.Length).First().Trim();
    }

    private static void FindBylinesAndDates(ArticleDocument document)
    {
        var meta = document.Metadata;
        foreach (var a in document.Hints.GetValueOrDefault(HintKeys.Author) ?? [])
            AddAuthors(meta, a);
        string? published = document.Hint(HintKeys.Published);
        if (published is not null)
            meta.PublishedAt = DateParser.ToIso(published);

        int seen = 0;
        foreach (var b in document.Blocks)
        {
            if (b.Role == BlockRole.Body && ++seen > 8)
                break;
            if (b.Role is not (BlockRole.Body or BlockRole.Standfirst))
                continue;
            var by = Byline().Match(b.Text);
            if (by.Success && BoilerplateStage.WordCount(b.Text) <= 20)
            {
                if (meta.Authors.Count == 0)
                    AddAuthors(meta, by.Groups["names"].Value);
                b.Role = BlockRole.Byline;
                if (meta.PublishedAt is null && DateParser.Find(b.Text) is { } d)
                    meta.PublishedAt = d;
                continue;
            }
            if (DateLine().IsMatch(b.Text) && BoilerplateStage.WordCount(b.Text) <= 12)
            {
                meta.PublishedAt ??= DateParser.Find(b.Text);
                b.Role = BlockRole.Byline;
            }
        }
    }

    internal static void AddAuthors(ArticleMetadata meta, string names)
    {
        foreach (var raw in AuthorSplit().Split(names))
        {
            string name = TextNormalizer.Normalize(raw).Trim(' ', ',', '.', ';');
            name = AuthorTail().Replace(name, "").Trim();
            if (name.Length < 3 || name.Split(' ').Length > 5 || !char.IsUpper(name[0]))
                continue;
            if (!meta.Authors.Contains(name, StringComparer.OrdinalIgnoreCase))
                meta.Authors.Add(name);
        }
    }

    private static string? FindPublisher(ArticleDocument document)
    {
        foreach (var b in document.Blocks)
        {
            var m = FirstAppearedOn().Match(b.Text);
            if (b.Role == BlockRole.Boilerplate && m.Success && b.Text.Contains("this", StringComparison.OrdinalIgnoreCase))
                return null ?? Clean(m.Groups["name"].Value);
        }
        if (document.Hint(HintKeys.SiteName) is { } site)
            return site;
        foreach (var b in document.Blocks.Where(b => b.Role == BlockRole.Boilerplate))
        {
            var m = SupportPromo().Match(b.Text);
            if (m.Success)
                return Clean(m.Groups["name"].Value);
        }
        if (document.Hint(HintKeys.Url) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return uri.Host.StartsWith("www.") ? uri.Host[4..] : uri.Host;
        return null;
    }

    private static string? FindOriginalSource(ArticleDocument document, string? publisher)
    {
        if (document.Hint(HintKeys.OriginalSource) is { } hinted)
            return hinted;
        foreach (var b in document.Blocks)
        {
            if (b.Role == BlockRole.Body && FromSource().Match(b.Text) is { Success: true } from)
            {
                b.Role = BlockRole.SourceMarker;
                return Clean(from.Groups["name"].Value);
            }
            var m = OriginallyPublished().Match(b.Text);
            if (m.Success && Clean(m.Groups["name"].Value) is { } name && !string.Equals(name, publisher, StringComparison.OrdinalIgnoreCase))
                return name;
        }
        foreach (var b in document.BodyBlocks.Take(6))
        {
            var ap = WireDateline().Match(b.Text);
            if (ap.Success)
                return ap.Groups["wire"].Value switch { "AP" => "Associated Press", var w => w };
        }
        return null;
    }

    private static string? Clean(string name)
    {
        name = name.Trim().TrimEnd('.', ':', ',', ';', '!').Trim();
        return name.Length is > 1 and < 80 ? name : null;
    }

    [GeneratedRegex(@"\s+[|–—·•]\s+|\s+-\s+|\s+::\s+")]
    private static partial Regex TitleSeparator();
    [GeneratedRegex(@"^(?:by|von|par|por)\s+(?<names>[A-Z\p{Lu}][^|]*?)(?:\s*[|,]\s*(?:updated|published|posted|staff|\d).*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Byline();
    [GeneratedRegex(@"^(?:(?:published|posted|updated|last updated|date|dated)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|^(?:published|posted|updated)\s*:?\s*\d{4}-\d{2}-\d{2}|^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
    [GeneratedRegex(@"\s*(?:,|\band\b|&|\bund\b|\bet\b)\s*")]
    private static partial Regex AuthorSplit();
    [GeneratedRegex(@"\s*[,|(].*$|\s+(?:for|of|at)\s+[A-Z].*$")]
    private static partial Regex AuthorTail();
    [GeneratedRegex(@"(?:first|originally) (?:appeared|published|posted) (?:on|in|at|by) (?:the )?(?<name>[^.,;:()]+?)(?:\s*[.,;:(]|\s+on\s|\s+and\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FirstAppearedOn();
    [GeneratedRegex(@"^support (?<name>.+?)\s*[-–—:]\s*go ad-?free", RegexOptions.IgnoreCase)]
    private static partial Regex SupportPromo();
    [GeneratedRegex(@"^(?:from|via|source|quelle|source\s*:)\s+(?<name>[A-Z][\w.&'’ ]{1,60}?)\s*:$")]
    private static partial Regex FromSource();
    [GeneratedRegex(@"(?:originally (?:published|appeared) (?:by|in|on|at)|republished (?:here )?from|first published (?:by|in|on)|reprinted from|(?:produced|published) in partnership with) (?:the )?(?<name>[A-Z][^.,;:()]+?)(?:\s*[.,;:(]|\s+(?:on|and|under|with)\s|$)")]
    private static partial Regex OriginallyPublished();
    [GeneratedRegex(@"^[A-Z][A-Z .,'-]+(?:\([^)]*\))?\s*\((?<wire>AP|Reuters|AFP|dpa|dts|UPI|Bloomberg)\)\s*[—–-]")]
    private static partial Regex WireDateline();
}

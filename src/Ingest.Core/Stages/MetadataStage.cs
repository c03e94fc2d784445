using System.Globalization;
using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// metadata: title, standfirst, authors, published date, publisher, original source, canonical URL, language.
/// Weighs structured hints (JSON record fields, front matter, meta tags, JSON-LD) against the page header a
/// text dump keeps: masthead, navigation, section label, headline, dek, caption, byline and date line come
/// before the first paragraphs of running text. The headline is the last headline-shaped block before the
/// byline (or before the body); the block right after it is the dek when it reads as one. Masthead and
/// header chrome leave the body. Publisher and original source come from "Support X", "This post first
/// appeared on X", "From Bloomberg:", "(AP) —" datelines, "originally published by X", byline and bio outlets.
/// </summary>
public sealed partial class MetadataStage : IPipelineStage
{
    /// <summary>Prose blocks in the header zone: the body starts at the first prose block followed by more prose or this long.</summary>
    internal const int LoneBodyStartWords = 20;
    /// <summary>How far into the page bylines and date lines are looked for.</summary>
    internal const int HeaderScanBlocks = 25;

    public string Name => "metadata";
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Annotations.Blocks, Annotations.Boilerplate };
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Annotations.Metadata };

    public void Process(ArticleDocument document)
    {
        var meta = document.Metadata;
        var blocks = document.Blocks;
        string? masthead = Masthead(blocks);
        int bodyStart = FindBodyStart(blocks);
        var sourceLabels = new List<string>();
        MarkHeaderLines(document, bodyStart, sourceLabels);
        int titleIndex = FindTitle(document, bodyStart);
        if (!document.TextIsHtml && titleIndex >= 0)
            MarkHeaderChrome(blocks, titleIndex, bodyStart, sourceLabels);
        if (meta.Subtitle is null && document.Hint(HintKeys.Subtitle) is { } dek)
        {
            if (document.TextIsHtml)
                MatchHintedStandfirst(document, dek);
            else if (document.Format == DocumentFormat.Json && !StartsAnyBlock(document, dek))
                meta.Subtitle = TextNormalizer.Normalize(dek);
        }
        MarkEmbeddedBylines(blocks, bodyStart);

        string? published = document.Hint(HintKeys.Published);
        if (published is not null && DateParser.ToIso(published) is { } iso)
            meta.PublishedAt = iso;
        foreach (var a in document.Hints.GetValueOrDefault(HintKeys.Author) ?? [])
            if (meta.Authors.Count == 0 || document.TextIsHtml)
                AddAuthors(meta, a);

        if (meta.PublishedAt is null && document.BodyBlocks.FirstOrDefault() is { } lead && DatelineDate().Match(lead.Text) is { Success: true } dl)
            meta.PublishedAt = DateParser.Find(dl.Value);
        meta.Publisher = FindPublisher(document, masthead);
        string? original = FindOriginalSource(document, meta.Publisher, sourceLabels);
        meta.OriginalSource = original is not null && meta.Publisher is not null && SameOutlet(original, meta.Publisher) ? null : original;
        meta.CanonicalUrl = document.Hint(HintKeys.CanonicalUrl) ?? document.Hint(HintKeys.Url);
        meta.Language = LanguageDetector.Detect(document);
        if (!blocks.Any(b => b.Role == BlockRole.Body))
            throw new ArticleRejectedException(
                "No article text was found: the file holds only a headline, metadata or page chrome (cookie notices, menus, promos).");
    }

    /// <summary>Index of the first block of running text: prose followed by prose, or long on its own.</summary>
    private static int FindBodyStart(List<Block> blocks)
    {
        // Photo captions with their credit in parentheses ("… on Sunday. (The Marches Gazette)") near the top.
        for (int i = 0; i < Math.Min(blocks.Count, 15); i++)
        {
            var b = blocks[i];
            var credit = TrailingCredit().Match(b.Text);
            if (b.Role == BlockRole.Body && credit.Success && BlockShape.Words(b.Text) <= 45
                && BoilerplateStage.EndsSentence(b.Text[..credit.Index].TrimEnd()) && BlockShape.Words(b.Text[..credit.Index]) >= 5)
                b.MarkBoilerplate("caption");
        }
        for (int i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Role != BlockRole.Body || !BlockShape.IsProse(b.Text) || BlockShape.BylineMatch(b.Text).Success)
                continue;
            int next = NextBody(blocks, i);
            bool followed = next >= 0 && BlockShape.IsProse(blocks[next].Text);
            if (!followed && BlockShape.Words(b.Text) < LoneBodyStartWords)
                continue;
            return i;
        }
        int prose = blocks.FindIndex(b => b.Role == BlockRole.Body && BlockShape.IsProse(b.Text));
        return prose >= 0 ? prose : blocks.FindIndex(b => b.Role == BlockRole.Body) is var f and >= 0 ? f : blocks.Count;
    }

    private static int NextBody(List<Block> blocks, int i)
    {
        for (int j = i + 1; j < blocks.Count; j++)
            if (blocks[j].Role == BlockRole.Body)
                return j;
        return -1;
    }

    /// <summary>Marks bylines, author lines and date lines of the header zone, taking authors and the date from them.</summary>
    private static void MarkHeaderLines(ArticleDocument document, int bodyStart, List<string> sourceLabels)
    {
        var meta = document.Metadata;
        var blocks = document.Blocks;
        int end = Math.Min(Math.Max(bodyStart, 0), Math.Min(blocks.Count, HeaderScanBlocks));
        for (int i = 0; i < end; i++)
        {
            var b = blocks[i];
            if (b.Role is not (BlockRole.Body or BlockRole.Boilerplate))
                continue;
            string text = b.Text;
            var by = BlockShape.BylineMatch(text);
            if (by.Success && BlockShape.Words(text) <= 20)
            {
                if (meta.Authors.Count == 0)
                    AddAuthors(meta, by.Groups["names"].Value, sourceLabels);
                else
                    AddAuthors(new ArticleMetadata(), by.Groups["names"].Value, sourceLabels);
                meta.PublishedAt ??= DateParser.Find(text);
                b.Role = BlockRole.Byline;
                b.Reason = "byline";
                continue;
            }
            if (b.Role == BlockRole.Body && BlockShape.IsDateLine(text))
            {
                meta.PublishedAt ??= DateParser.Find(text);
                b.Role = BlockRole.Byline;
                b.Reason = "date";
                var trailing = DateLineSource().Match(text);
                if (trailing.Success)
                    sourceLabels.Add(trailing.Groups["name"].Value);
                continue;
            }
            if (b.Role == BlockRole.Boilerplate && DateParser.Find(text) is { } d && BlockShape.Words(text) <= 14)
                meta.PublishedAt ??= d;
            if (b.Role == BlockRole.Body && (IsPersonLine(text) || AuthorAffiliation().Match(text) is { Success: true }))
            {
                var aff = AuthorAffiliation().Match(text);
                string name = aff.Success ? aff.Groups["name"].Value : text;
                if (IsPersonLine(name) && i > 0)
                {
                    if (meta.Authors.Count == 0)
                        AddAuthors(meta, name);
                    b.Role = BlockRole.Byline;
                    b.Reason = "byline";
                }
            }
        }
    }

    /// <summary>Finds the headline, and the dek after it, in the header zone (or by the hinted title).</summary>
    private static int FindTitle(ArticleDocument document, int bodyStart)
    {
        var meta = document.Metadata;
        var blocks = document.Blocks;
        string? hinted = document.Hint(HintKeys.Title);
        if (hinted is not null)
        {
            string clean = CleanTitle(TextNormalizer.Normalize(hinted), document);
            string key = TextNormalizer.Key(clean);
            int found = blocks.FindIndex(b => b.Role is BlockRole.Body or BlockRole.Boilerplate && key.Length > 0 && TextNormalizer.Key(b.Text) == key);
            meta.Title = found >= 0 ? blocks[found].Text : clean;
            if (found >= 0)
            {
                blocks[found].Role = BlockRole.Title;
                TakeDek(blocks, found, bodyStart, meta);
            }
            return found;
        }
        if (document.TextIsHtml)
        {
            int h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 1 && b.Role == BlockRole.Body);
            if (h1 >= 0)
            {
                blocks[h1].Role = BlockRole.Title;
                meta.Title = blocks[h1].Text;
            }
            return h1;
        }

        var candidates = new List<int>();
        int limit = Math.Min(bodyStart, blocks.Count);
        for (int i = 0; i < limit; i++)
        {
            var b = blocks[i];
            if (b.Role == BlockRole.Byline && b.Reason == "byline" && candidates.Count > 0)
            {
                limit = i;
                break;
            }
            if (b.Role == BlockRole.Body && BlockShape.IsHeadline(b.Text) && !BlockShape.IsDateLine(b.Text))
                candidates.Add(i);
        }
        // Outlet and name labels ("The Marches Gazette") are headlines only when nothing else is.
        if (candidates.Any(i => !BlockShape.IsNameLabel(blocks[i].Text)))
            candidates.RemoveAll(i => BlockShape.IsNameLabel(blocks[i].Text) && BlockShape.Words(blocks[i].Text) <= 4);
        // Markdown headings of level 1 win when there is one.
        int heading = candidates.FirstOrDefault(i => blocks[i].Kind == BlockKind.Heading && blocks[i].Level == 1, -1);
        if (candidates.Count == 0 && heading < 0)
        {
            int first = blocks.FindIndex(b => b.Role == BlockRole.Body);
            if (first < 0 || BlockShape.Words(blocks[first].Text) > BlockShape.MaxHeadlineWords || first >= bodyStart && bodyStart < blocks.Count)
                return -1;
            candidates.Add(first);
        }
        int x = heading >= 0 ? heading : candidates.Where(i => i < limit).DefaultIfEmpty(candidates[0]).Last();
        int title = x;
        // A dek right after its headline: the two blocks are adjacent, and the later one reads as the dek.
        if (heading < 0 && x > 0 && candidates.Contains(x - 1) && IsDekOf(blocks[x].Text, blocks[x - 1].Text))
            title = x - 1;
        blocks[title].Role = BlockRole.Title;
        meta.Title = blocks[title].Text;
        if (title != x)
        {
            blocks[x].Role = BlockRole.Standfirst;
            meta.Subtitle = blocks[x].Text;
        }
        else
        {
            TakeDek(blocks, title, bodyStart, meta);
        }
        return title;
    }

    private static void TakeDek(List<Block> blocks, int title, int bodyStart, ArticleMetadata meta)
    {
        if (meta.Subtitle is not null)
            return;
        int next = title + 1;
        if (next >= blocks.Count || next >= bodyStart && bodyStart > title + 1 || blocks[next].Role != BlockRole.Body)
            return;
        string text = blocks[next].Text;
        // A finished sentence right under the headline is the lead, unless a byline or date line follows it.
        bool bylineNext = next + 1 < blocks.Count && blocks[next + 1].Role == BlockRole.Byline;
        if (next < bodyStart && BlockShape.IsHeadline(text) && BlockShape.Words(text) >= 6 && !BlockShape.IsNameLabel(text)
            && !TrailingCredit().IsMatch(text) && (!BlockShape.EndsSentence(text) || bylineNext))
        {
            blocks[next].Role = BlockRole.Standfirst;
            meta.Subtitle = text;
        }
    }

    /// <summary>Whether <paramref name="later"/> reads as the dek of headline <paramref name="earlier"/>.</summary>
    private static bool IsDekOf(string later, string earlier)
    {
        int lw = BlockShape.Words(later), ew = BlockShape.Words(earlier);
        if (lw < 6 || ew < 4)
            return false;
        return lw > ew || CapitalShare(earlier) > 0.6 && CapitalShare(later) < 0.5;
    }

    private static double CapitalShare(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetter)).ToList();
        return words.Count == 0 ? 0 : (double)words.Count(w => char.IsUpper(w.First(char.IsLetter))) / words.Count;
    }

    /// <summary>Blocks before the headline are masthead; unassigned blocks between headline and body are header chrome.</summary>
    private static void MarkHeaderChrome(List<Block> blocks, int titleIndex, int bodyStart, List<string> sourceLabels)
    {
        for (int i = 0; i < titleIndex; i++)
            if (blocks[i].Role == BlockRole.Body)
                blocks[i].MarkBoilerplate("masthead");
        for (int i = titleIndex + 1; i < Math.Min(bodyStart, blocks.Count); i++)
        {
            var b = blocks[i];
            if (b.Role != BlockRole.Body)
                continue;
            if (BlockShape.IsNameLabel(b.Text) && !StaffLabel().IsMatch(b.Text))
                sourceLabels.Add(b.Text);
            b.MarkBoilerplate("header");
        }
    }

    /// <summary>Whether a hinted dek only repeats the start of a body block (excerpts often copy the lead).</summary>
    private static bool StartsAnyBlock(ArticleDocument document, string dek)
    {
        string key = TextNormalizer.Key(dek).TrimEnd();
        if (key.Length > 40)
            key = key[..40];
        return document.Blocks.Any(b => TextNormalizer.Key(b.Text).StartsWith(key, StringComparison.Ordinal));
    }

    private static void MatchHintedStandfirst(ArticleDocument document, string dek)
    {
        string key = TextNormalizer.Key(dek);
        var blocks = document.Blocks;
        int title = blocks.FindIndex(b => b.Role == BlockRole.Title);
        int firstBody = blocks.FindIndex(b => b.Role == BlockRole.Body);
        var match = blocks.FirstOrDefault(b => b.Role == BlockRole.Body && TextNormalizer.Key(b.Text) == key);
        if (match is not null && blocks.IndexOf(match) != firstBody || match is not null && title >= 0 && blocks.IndexOf(match) == title + 1)
        {
            match.Role = BlockRole.Standfirst;
            document.Metadata.Subtitle = match.Text;
        }
    }

    /// <summary>Bylines of embedded sections ("By Nadia Farouk and Pavel Dmitriev" under "From Reuters:") leave the body.</summary>
    private static void MarkEmbeddedBylines(List<Block> blocks, int bodyStart)
    {
        for (int i = Math.Max(0, bodyStart); i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Role == BlockRole.Body && BlockShape.Words(b.Text) <= 12 && BlockShape.BylineMatch(b.Text).Success && !BlockShape.EndsSentence(b.Text.TrimEnd('*')))
                b.Role = BlockRole.Byline;
        }
    }

    /// <summary>Removes a site name glued to a headline ("Headline | Site", "Headline - Site").</summary>
    internal static string CleanTitle(string title, ArticleDocument document)
    {
        var parts = TitleSeparator().Split(title).Select(p => p.Trim()).ToList();
        if (parts.Count < 2)
            return title.Trim();
        string site = document.Hint(HintKeys.SiteName) ?? "";
        // Drop the parts that are the site name; without a known site name, only a short last part ("… | Site").
        var kept = parts.Where(p => site.Length == 0 || !SameOutlet(p, site)).ToList();
        if (kept.Count == parts.Count && site.Length == 0 && BlockShape.Words(parts[^1]) <= 4 && BlockShape.IsNameLabel(parts[^1]))
            kept.RemoveAt(kept.Count - 1);
        if (kept.Count == 0)
            return title.Trim();
        if (kept.Count == parts.Count)
            return title.Trim();
        // Rejoin what is left with the separators the title had.
        int start = title.IndexOf(kept[0], StringComparison.Ordinal);
        int end = title.LastIndexOf(kept[^1], StringComparison.Ordinal) + kept[^1].Length;
        return start >= 0 && end > start ? title[start..end].Trim() : string.Join(" - ", kept);
    }

    /// <summary>The site name glued to a hinted title ("Headline | Scientific American" → "Scientific American"), or null.</summary>
    private static string? SiteFromTitle(string? hinted)
    {
        if (hinted is null)
            return null;
        var parts = TitleSeparator().Split(hinted);
        if (parts.Length < 2)
            return null;
        string last = parts[^1].Trim();
        return BlockShape.Words(last) <= 5 && last.Length < hinted.Length / 2 ? last : null;
    }

    internal static void AddAuthors(ArticleMetadata meta, string names, List<string>? outlets = null)
    {
        names = MdLinkText().Replace(names, "$1").Trim('*', '_', ' ');
        var dated = BylineDate().Match(names);
        if (dated.Success)
            names = names[..dated.Index];
        foreach (var raw in AuthorSplit().Split(names))
        {
            string name = TextNormalizer.Normalize(raw).Trim(' ', ',', '.', ';', '*', '_');
            var tail = AuthorTail().Match(name);
            if (tail.Success)
            {
                string rest = tail.Value.Trim(' ', ',', '|', '(', ')', '-', '–', '—');
                if (rest.Length > 2 && outlets is not null && DateParser.Find(rest) is null && char.IsUpper(rest[0]))
                    outlets.Add(rest);
                name = name[..tail.Index].Trim();
            }
            name = SplitCapsName(name, outlets);
            if (StaffLabel().IsMatch(name))
                continue;
            if (name.Length < 3 || name.Split(' ').Length > 5 || !char.IsUpper(name[0]) || IsOutletName(name))
            {
                if (name.Length > 2 && IsOutletName(name))
                    outlets?.Add(name);
                continue;
            }
            if (!meta.Authors.Contains(name, StringComparer.OrdinalIgnoreCase))
                meta.Authors.Add(name);
        }
    }

    /// <summary>"GRACE HOLLOWAY Associated Press" → "Grace Holloway" (the outlet goes to <paramref name="outlets"/>).</summary>
    private static string SplitCapsName(string name, List<string>? outlets)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int caps = 0;
        while (caps < words.Length && words[caps].Length > 1 && words[caps].Any(char.IsLetter) && !words[caps].Any(char.IsLower))
            caps++;
        if (caps >= 2)
        {
            if (caps < words.Length)
                outlets?.Add(string.Join(' ', words[caps..]));
            return string.Join(' ', words[..caps].Select(w => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant())));
        }
        return name;
    }

    private static bool IsOutletName(string name)
    {
        var words = name.Split(' ');
        return Lexicons.OrgHeads.Contains(words[^1]) || Lexicons.KnownOrganizations.Contains(name)
               || words.Length > 1 && words[0] is "The" or "Le" or "La" or "Les" or "Der" or "Die" or "Das" or "El" or "Il" or "Lo" or "Los" or "Las"
               || words.Any(w => Entities.EntityRules.StrongOrgWords.Contains(w))
               || words.Length == 1 && name.All(c => char.IsUpper(c) || c == '.');
    }

    /// <summary>A line that is only a person's name ("Claire Donnelly").</summary>
    private static bool IsPersonLine(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 4 && Lexicons.FirstNames.Contains(words[0]) && words.All(w => char.IsUpper(w[0]) && w.Any(char.IsLower))
               && !BlockShape.EndsSentence(text) && !IsOutletName(text);
    }

    private static string? Masthead(List<Block> blocks)
    {
        var first = blocks.FirstOrDefault();
        if (first is null || first.Role != BlockRole.Body)
            return null;
        string text = first.Text;
        if (BlockShape.Words(text) <= 6 && !BlockShape.EndsSentence(text) && !BlockShape.IsNavigation(text) && !text.Contains(':')
            && text.Count(char.IsUpper) >= 1 && !BlockShape.IsDateLine(text))
            return text.Any(char.IsLower) ? text : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant());
        return null;
    }

    private static string? FindPublisher(ArticleDocument document, string? masthead)
    {
        if (document.Hint(HintKeys.SiteName) is { } site)
            return site;
        if (SiteFromTitle(document.Hint(HintKeys.Title)) is { } fromTitle)
            return fromTitle;
        bool mastheadUsable = masthead is not null && document.Blocks.Count > 0 && document.Blocks[0].Role != BlockRole.Title;
        if (mastheadUsable && BlockShape.Words(masthead!) >= 2)
            return masthead;
        foreach (var b in document.Blocks.Where(b => b.Role == BlockRole.Boilerplate))
        {
            var m = SupportPromo().Match(b.Text);
            if (m.Success && BlockShape.Words(m.Groups["name"].Value) <= 5 && char.IsUpper(m.Groups["name"].Value[0]))
                return Clean(m.Groups["name"].Value);
        }
        if (mastheadUsable)
            return masthead;
        foreach (var b in document.Blocks)
        {
            var m = FirstAppearedOn().Match(b.Text);
            if (b.Role == BlockRole.Boilerplate && m.Success && !RepublishedHere().IsMatch(b.Text))
                return Clean(m.Groups["name"].Value);
        }
        foreach (var b in document.Blocks.Where(b => b.Role == BlockRole.Boilerplate))
        {
            var m = CopyrightHolder().Match(b.Text);
            if (m.Success && Clean(m.Groups["name"].Value) is { } holder)
                return holder;
        }
        if (document.Hint(HintKeys.Url) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
        return null;
    }

    private static string? FindOriginalSource(ArticleDocument document, string? publisher, List<string> labels)
    {
        // JSON-LD isBasedOn often holds the original's URL: a name from the text is better, the host name a last resort.
        string? hinted = document.Hint(HintKeys.OriginalSource);
        if (hinted is not null && !hinted.Contains("://"))
            return hinted;
        bool Other(string? name) => name is not null && (publisher is null || !SameOutlet(name, publisher));
        foreach (var b in document.Blocks)
        {
            if (b.Role == BlockRole.Body && FromSource().Match(b.Text) is { Success: true } from)
            {
                b.Role = BlockRole.SourceMarker;
                return Clean(from.Groups["name"].Value);
            }
        }
        foreach (var b in document.Blocks)
        {
            foreach (Match m in OriginallyPublished().Matches(b.Text))
                if (Clean(m.Groups["name"].Value) is { } name && Other(name))
                    return name;
            var fa = FirstAppearedOn().Match(b.Text);
            if (fa.Success && Clean(fa.Groups["name"].Value) is { } n2 && Other(n2) && (RepublishedHere().IsMatch(b.Text) || publisher is not null))
                return n2;
        }
        foreach (var b in document.Blocks.Take(40))
        {
            var wire = WireDateline().Match(b.Text);
            if (wire.Success && b.Role == BlockRole.Body)
                return wire.Groups["wire"].Value switch { "AP" => "Associated Press", var w => w };
        }
        foreach (var label in labels)
            if (Clean(label) is { } name && Other(name) && BlockShape.Words(name) <= 5)
                return name;
        foreach (var b in document.Blocks.Where(b => b.Role == BlockRole.Boilerplate))
        {
            var bio = BioOutlet().Match(b.Text);
            if (bio.Success && Clean(bio.Groups["name"].Value) is { } name && Other(name))
                return name;
        }
        // A wire copyright inside the page ("© AFP", "Copyright 2024 The Associated Press") names the source.
        foreach (var b in document.Blocks)
        {
            var m = CopyrightHolder().Match(b.Text);
            if (m.Success && Clean(m.Groups["name"].Value) is { } holder && Other(holder) && BlockShape.Words(b.Text) <= 12)
                return holder;
        }
        if (hinted is not null && Uri.TryCreate(hinted, UriKind.Absolute, out var uri))
            return uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
        return null;
    }

    private static bool SameOutlet(string a, string b)
    {
        string ka = TextNormalizer.Key(a).Replace("the ", ""), kb = TextNormalizer.Key(b).Replace("the ", "");
        return ka.Length > 0 && kb.Length > 0 && (ka.Contains(kb) || kb.Contains(ka));
    }

    private static string? Clean(string name)
    {
        name = MdLinkText().Replace(name, "$1");
        name = Regex.Replace(name, @"\s+(?:website|web site|site|homepage)$", "", RegexOptions.IgnoreCase);
        name = name.Trim().Trim('*', '_').TrimEnd('.', ':', ',', ';', '!').Trim();
        return name.Length is > 1 and < 80 ? name : null;
    }

    [GeneratedRegex(@"\s+[|–—·•]\s+|\s+-\s+|\s+::\s+")]
    private static partial Regex TitleSeparator();
    /// <summary>A dateline that opens the first paragraph: "Harbor City, March 14, 2025 -".</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L} .'’-]{1,40},\s+(?:\p{L}+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4})\s*[-–—]")]
    private static partial Regex DatelineDate();
    [GeneratedRegex(@"^(?:staff|staff reports?|admin|editor|editors|editorial board|guest|guest author|news desk|newsroom|redaktion|la rédaction|(?:staff|senior|contributing|special|guest)?\s*(?:writers?|reporters?|correspondents?|editors?|contributors?|columnists?))$", RegexOptions.IgnoreCase)]
    private static partial Regex StaffLabel();
    [GeneratedRegex(@"\s*(?:,|\band\b|&|\bund\b|\bet\b|\bavec\b|\bmit\b|\bwith\b)\s*")]
    private static partial Regex AuthorSplit();
    [GeneratedRegex(@"\s*[|(].*$|\s+(?:for|of|at)\s+[A-Z].*$|\s+(?:on|-|–|—|am|le)\s+.*$")]
    private static partial Regex AuthorTail();
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MdLinkText();
    [GeneratedRegex(@"\s*(?:[-–—|·,]|\bon\b|\bupdated\b|\bpublished\b)\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)).*$", RegexOptions.IgnoreCase)]
    private static partial Regex BylineDate();
    [GeneratedRegex(@"(?:first|originally) (?:appeared|published|posted) (?:on|in|at|by) (?:the )?(?<name>[^.,;:()]+?)(?:\s*[.,;:(]|\s+on\s|\s+and\s|\s+at\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex FirstAppearedOn();
    [GeneratedRegex(@"republished here|with permission|is republished|reprinted", RegexOptions.IgnoreCase)]
    private static partial Regex RepublishedHere();
    [GeneratedRegex(@"^(?:help )?support (?<name>[^!.:]+?)\s*(?:[-–—:!]\s*.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SupportPromo();
    [GeneratedRegex(@"^(?i:from|via|source|quelle|reprinted from|excerpted from)\s*:?\s+(?<name>\p{Lu}[\w.&'’ ]{1,60}?)\s*:$")]
    private static partial Regex FromSource();
    [GeneratedRegex(@"(?:originally (?:published|appeared|ran) (?:by|in|on|at)|(?:is |was )?republished (?:here )?from|first (?:published|appeared) (?:by|in)|reprinted from|cross-?posted from|(?:produced|published|written) (?:by|for|in partnership with)|original source of this article is) (?:the )?(?<name>\p{Lu}[^.,;:()]+?)(?:\s*[.,;:(]|\s+(?:on|and|under|with|at|is)\s|$)")]
    private static partial Regex OriginallyPublished();
    [GeneratedRegex(@"^\p{Lu}[\p{L} ./,'’-]{1,40}?\s*(?:,\s*[\p{L}., ]{2,30})?\s*\((?<wire>AP|Reuters|AFP|dpa|UPI|Bloomberg|[\p{L} ]{2,40}?(?:Nachrichtenagentur|Press|News|Agency|Agence))\)\s*[—–-]")]
    private static partial Regex WireDateline();
    [GeneratedRegex(@"\((?:[\p{Lu}][\w.’'&-]*\s?){1,5}\)\s*$")]
    private static partial Regex TrailingCredit();
    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3}),\s+(?:[\p{L}.'’ -]{2,60},\s+)?\p{Lu}[\p{L}.'’ &-]{2,60}$")]
    private static partial Regex AuthorAffiliation();
    [GeneratedRegex(@"\s(?:by|from)\s+(?<name>\p{Lu}[\p{L}.'’ ]{2,40})$")]
    private static partial Regex DateLineSource();
    [GeneratedRegex(@"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?<name>\p{Lu}[\p{L}.&'’ ]{1,50}?)(?:[.,;|]|\s+all rights|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CopyrightHolder();
    [GeneratedRegex(@"(?:covers|reports on|writes about) [\p{L} ,&-]{2,60}? for (?<name>\p{Lu}[\p{L}.&'’ ]{1,40}?)\.|^(?<name>\p{Lu}[\p{L}.&'’ ]{1,40}?) (?:is part of|maintains editorial)")]
    private static partial Regex BioOutlet();
}

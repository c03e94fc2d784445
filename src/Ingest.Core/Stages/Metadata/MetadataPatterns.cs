using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Metadata;

/// <summary>
/// The patterns the header, publisher and metadata stages read lines with: data, not logic (trafilatura keeps its
/// in <c>xpaths.py</c> and <c>metadata.py</c>). Each names the line form it matches with a made-up example.
/// </summary>
internal static partial class MetadataPatterns
{
    /// <summary>Separators of title parts: "Headline | Site", "Headline - Site", "Headline :: Site".</summary>
    [GeneratedRegex(@"\s+[|–—·•]\s+|\s+-\s+|\s+::\s+")]
    public static partial Regex TitleSeparator();

    /// <summary>A dateline that opens the first paragraph: "Harbor City, March 14, 2025 -".</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L} .'’-]{1,40},\s+(?:\p{L}+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4})\s*[-–—]")]
    public static partial Regex DatelineDate();

    /// <summary>Byline labels that name no person: "Staff", "Editorial Board", "Contributing Writer", "Redaktion".</summary>
    [GeneratedRegex(@"^(?:staff|staff reports?|admin|editor|editors|editorial board|guest|guest author|news desk|newsroom|redaktion|la rédaction|(?:staff|senior|contributing|special|guest)?\s*(?:writers?|reporters?|correspondents?|editors?|contributors?|columnists?))$", RegexOptions.IgnoreCase)]
    public static partial Regex StaffLabel();

    /// <summary>An outlet's staff as a byline name: "Coastal Wire staff", "Harbor Gazette Staff Writer".</summary>
    [GeneratedRegex(@"^(?<outlet>\p{Lu}[\p{L}.&'’ ]{1,60}?)\s+(?i:staff(?:\s+(?:writers?|reporters?|reports?))?)$")]
    public static partial Regex OutletStaff();

    /// <summary>Separators between author names: "A, B and C", "A; B" (trafilatura's author field), "A und B", "A et B", "A with B".</summary>
    [GeneratedRegex(@"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\bavec\b|\bmit\b|\bwith\b)\s*")]
    public static partial Regex AuthorSplit();

    /// <summary>What follows a name in a byline: "| Outlet", "(Outlet)", "for Outlet", "on Monday", "- 3 min read".</summary>
    [GeneratedRegex(@"\s*[|(].*$|\s+(?:for|of|at)\s+[A-Z].*$|\s+(?:on|-|–|—|am|le)\s+.*$")]
    public static partial Regex AuthorTail();

    /// <summary>A Markdown link, whose text is kept: "[Jane Doe](https://…)".</summary>
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    public static partial Regex MdLinkText();

    /// <summary>A date glued to a byline: "Jane Doe - March 3, 2025", "Jane Doe, updated 03/04/2025".</summary>
    [GeneratedRegex(@"\s*(?:[-–—|·,]|\bon\b|\bupdated\b|\bpublished\b)\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)).*$", RegexOptions.IgnoreCase)]
    public static partial Regex BylineDate();

    /// <summary>"This post first appeared on Harbor Gazette." → the outlet.</summary>
    [GeneratedRegex(@"(?:first|originally) (?:appeared|published|posted) (?:on|in|at|by) (?:the )?(?<name>[^.,;:()]+?)(?:\s*[.,;:(]|\s+on\s|\s+and\s|\s+at\s|$)", RegexOptions.IgnoreCase)]
    public static partial Regex FirstAppearedOn();

    /// <summary>Words that make a "first appeared" note a republication here: "republished with permission".</summary>
    [GeneratedRegex(@"republished here|with permission|is republished|reprinted", RegexOptions.IgnoreCase)]
    public static partial Regex RepublishedHere();

    /// <summary>A support promo that names the site: "Support Harbor Gazette - Go Ad-Free!".</summary>
    [GeneratedRegex(@"^(?:help )?support (?<name>[^!.:]+?)\s*(?:[-–—:!]\s*.*)?$", RegexOptions.IgnoreCase)]
    public static partial Regex SupportPromo();

    /// <summary>A marker line that introduces a republished section: "From Harbor Wire:", "Via: Lake Post:".</summary>
    [GeneratedRegex(@"^(?i:from|via|source|quelle|reprinted from|excerpted from)\s*:?\s+(?<name>\p{Lu}[\w.&'’ ]{1,60}?)\s*:$")]
    public static partial Regex FromSource();

    /// <summary>"originally published by Harbor Gazette", "republished from Lake Post", "produced by …" → the outlet.</summary>
    [GeneratedRegex(@"(?:originally (?:published|appeared|ran) (?:by|in|on|at)|(?:is |was )?republished (?:here )?from|first (?:published|appeared) (?:by|in)|reprinted from|cross-?posted from|(?:produced|published|written) (?:by|for|in partnership with)|original source of this article is) (?:the )?(?<name>\p{Lu}[^.,;:()]+?)(?:\s*[.,;:(]|\s+(?:on|and|under|with|at|is)\s|$)")]
    public static partial Regex OriginallyPublished();

    /// <summary>
    /// A wire or partner dateline: "HARBOR CITY (AP) —", "Lakeside, Ore. (Harbor News) -", "ELLIS (Coastal Wire) —": the
    /// place, then the outlet in parentheses (one to five capitalised words, no digits or hyphens, so "(R-Texas)" and
    /// "(Jan. 5)" are not outlets), then a dash.
    /// </summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L} ./,'’-]{1,40}?\s*(?:,\s*[\p{L}., ]{2,30})?\s*\((?<wire>AP|Reuters|AFP|dpa|UPI|Bloomberg|[\p{L} ]{2,40}?(?:Nachrichtenagentur|Press|News|Agency|Agence)|\p{Lu}[\p{L}.&'’]*(?: (?:of |for |the |and |&)?\p{Lu}[\p{L}.&'’]*){0,4})\)\s*[—–-]")]
    public static partial Regex WireDateline();

    /// <summary>An author line with affiliation: "Jane Doe, Professor of History, Lakeside University".</summary>
    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3}),\s+(?:[\p{L}.'’ -]{2,60},\s+)?\p{Lu}[\p{L}.'’ &-]{2,60}$")]
    public static partial Regex AuthorAffiliation();

    /// <summary>A date line that ends with its source: "March 3, 2025 by Harbor Wire".</summary>
    [GeneratedRegex(@"\s(?:by|from)\s+(?<name>\p{Lu}[\p{L}.'’ ]{2,40})$")]
    public static partial Regex DateLineSource();

    /// <summary>A copyright notice's holder: "© 2025 Harbor Wire. All rights reserved."</summary>
    [GeneratedRegex(@"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?<name>\p{Lu}[\p{L}.&'’ ]{1,50}?)(?:[.,;|]|\s+all rights|$)", RegexOptions.IgnoreCase)]
    public static partial Regex CopyrightHolder();

    /// <summary>
    /// An author bio that names an outlet: "Jane Doe covers courts for Harbor Gazette.", "Lake Post is part of …". Not the
    /// article itself: "This article is part of our series …", "The story is part of …" name no outlet.
    /// </summary>
    [GeneratedRegex(@"(?:covers|reports on|writes about) [\p{L} ,&-]{2,60}? for (?<name>\p{Lu}[\p{L}.&'’ ]{1,40}?)\.|^(?!(?i:this|that|these|those|our|my|your|its|it)\s)(?!(?i:the|a|an)\s+(?i:article|story|post|piece|report|series|project|coverage|content|newsletter|podcast|interview|essay|column|episode)\b)(?<name>\p{Lu}[\p{L}.&'’ ]{1,40}?) (?:is part of|maintains editorial)")]
    public static partial Regex BioOutlet();

    /// <summary>A site word after an outlet name: "Harbor Gazette website".</summary>
    [GeneratedRegex(@"\s+(?:website|web site|site|homepage)$", RegexOptions.IgnoreCase)]
    public static partial Regex SiteWord();
}

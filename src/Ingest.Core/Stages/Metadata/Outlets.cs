using System.Globalization;
using Ingest.Core.Document;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages.Metadata;

/// <summary>Outlet and site names: comparing them, cleaning them, and taking them off headlines.</summary>
internal static class Outlets
{
    /// <summary>Articles that start an outlet name in English, French, German, Spanish and Italian ("The", "Le", "Die", "El").</summary>
    private static readonly HashSet<string> LeadingArticles = ["The", "Le", "La", "Les", "Der", "Die", "Das", "El", "Il", "Lo", "Los", "Las"];

    /// <summary>Whether two names denote one outlet: one's key contains the other's, ignoring "the".</summary>
    public static bool Same(string a, string b)
    {
        string ka = TextNormalizer.Key(a).Replace("the ", ""), kb = TextNormalizer.Key(b).Replace("the ", "");
        return ka.Length > 0 && kb.Length > 0 && (ka.Contains(kb) || kb.Contains(ka));
    }

    /// <summary>An outlet name without link markup, a trailing "website" and punctuation; null when too short or long.</summary>
    public static string? Clean(string name)
    {
        name = MdLinkText().Replace(name, "$1");
        name = SiteWord().Replace(name, "");
        name = name.Trim().Trim('*', '_').TrimEnd('.', ':', ',', ';', '!').Trim();
        return name.Length is > 1 and < 80 ? name : null;
    }

    /// <summary>Whether a byline name is an outlet ("The Harbor Gazette", "Lakeside Press", "AP") rather than a person.</summary>
    public static bool IsOutletName(string name)
    {
        var words = name.Split(' ');
        return Lexicons.OrgHeads.Contains(words[^1]) || Lexicons.KnownOrganizations.Contains(name)
               || words.Length > 1 && LeadingArticles.Contains(words[0])
               || words.Any(w => Entities.EntityRules.StrongOrgWords.Contains(w))
               || words.Length == 1 && name.All(c => char.IsUpper(c) || c == '.');
    }

    /// <summary>Removes a site name glued to a headline ("Headline | Site", "Headline - Site").</summary>
    /// <param name="title">The normalized hinted title.</param>
    /// <param name="siteName">The site name hint, or null.</param>
    public static string CleanTitle(string title, string? siteName)
    {
        var parts = TitleSeparator().Split(title).Select(p => p.Trim()).ToList();
        if (parts.Count < 2)
            return title.Trim();
        string site = siteName ?? "";
        // Drop the parts that are the site name; without a known site name, only a short last part ("… | Site").
        var kept = parts.Where(p => site.Length == 0 || !Same(p, site)).ToList();
        if (kept.Count == parts.Count && site.Length == 0 && BlockShape.Words(parts[^1]) <= 4 && BlockShape.IsNameLabel(parts[^1]))
            kept.RemoveAt(kept.Count - 1);
        if (kept.Count == 0 || kept.Count == parts.Count)
            return title.Trim();
        // Rejoin what is left with the separators the title had.
        int start = title.IndexOf(kept[0], StringComparison.Ordinal);
        int end = title.LastIndexOf(kept[^1], StringComparison.Ordinal) + kept[^1].Length;
        return start >= 0 && end > start ? title[start..end].Trim() : string.Join(" - ", kept);
    }

    /// <summary>The site name glued to a hinted title ("Headline | Harbor Gazette" → "Harbor Gazette"), or null.</summary>
    public static string? SiteFromTitle(string? hinted)
    {
        if (hinted is null)
            return null;
        var parts = TitleSeparator().Split(hinted);
        if (parts.Length < 2)
            return null;
        string last = parts[^1].Trim();
        return BlockShape.Words(last) <= 5 && last.Length < hinted.Length / 2 ? last : null;
    }

    /// <summary>Title case for a name written in capitals ("HARBOR GAZETTE" → "Harbor Gazette").</summary>
    public static string TitleCase(string text) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLowerInvariant());
}

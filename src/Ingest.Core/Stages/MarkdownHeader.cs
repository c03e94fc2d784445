using System.Text.RegularExpressions;
using Ingest.Core.Document;

namespace Ingest.Core.Stages;

/// <summary>
/// Reads the metadata header a Markdown file may start with: YAML front matter (<c>---</c> … <c>---</c>, as Hugo and
/// Jekyll write it) or a reader-service header (<c>Title:</c>, <c>URL Source:</c>, <c>Published Time:</c>,
/// <c>Markdown Content:</c>). Values become hints; the header itself is not article text.
/// </summary>
internal static partial class MarkdownHeader
{
    /// <summary>Adds hints from the header and returns the offset where the Markdown body starts (0 when there is no header).</summary>
    public static int Read(ArticleDocument document, string text)
    {
        var fm = FrontMatter().Match(text);
        if (fm.Success)
        {
            foreach (Match kv in KeyValue().Matches(fm.Groups["yaml"].Value))
                Apply(document, kv.Groups["k"].Value.ToLowerInvariant(), Unquote(kv.Groups["v"].Value));
            return fm.Length;
        }
        var reader = ReaderHeader().Match(text);
        if (reader.Success)
        {
            foreach (Match kv in KeyValue().Matches(reader.Groups["head"].Value))
                Apply(document, kv.Groups["k"].Value.ToLowerInvariant(), kv.Groups["v"].Value.Trim());
            return reader.Length;
        }
        return 0;
    }

    private static void Apply(ArticleDocument document, string key, string value)
    {
        if (value.StartsWith('[') && value.EndsWith(']'))
            value = value.Trim('[', ']').Split(',')[0].Trim().Trim('"', '\'');
        switch (key)
        {
            case "title":
                document.AddHint(HintKeys.Title, value); break;
            case "description" or "summary" or "subtitle" or "dek":
                document.AddHint(HintKeys.Subtitle, value); break;
            case "date" or "published" or "published time" or "publishdate" or "pubdate":
                document.AddHint(HintKeys.Published, value); break;
            case "author" or "authors" or "byline":
                document.AddHint(HintKeys.Author, value);
                if (value.Split(' ') is { Length: > 1 } words && Lexicons.OrgHeads.Contains(words[^1]))
                    document.AddHint(HintKeys.SiteName, value);
                break;
            case "url source" or "url":
                document.AddHint(HintKeys.Url, value); break;
            case "canonical_url" or "canonical" or "canonicalurl":
                document.AddHint(HintKeys.CanonicalUrl, value); break;
            case "site" or "site_name" or "publisher":
                document.AddHint(HintKeys.SiteName, value); break;
            case "lang" or "language":
                document.AddHint(HintKeys.Language, value); break;
        }
    }

    private static string Unquote(string v)
    {
        v = v.Trim();
        return v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\'') ? v[1..^1] : v;
    }

    [GeneratedRegex(@"\A\uFEFF?---\r?\n(?<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();
    [GeneratedRegex(@"\A(?<head>(?:(?:Title|URL Source|Published Time|Description):[^\n]*\r?\n\s*)+)Markdown Content:[ \t]*(?:\r?\n|\z)")]
    private static partial Regex ReaderHeader();
    [GeneratedRegex(@"^(?<k>[A-Za-z][\w ]*?)\s*:\s*(?<v>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex KeyValue();
}

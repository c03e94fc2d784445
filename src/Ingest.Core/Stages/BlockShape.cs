using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>Shape tests on a block's text that several stages share: prose, headline, navigation, label, date line.</summary>
internal static partial class BlockShape
{
    /// <summary>Prose has at least this many words and ends a sentence, or is long.</summary>
    internal const int ProseMinWords = 8;
    /// <summary>A block this long is prose whatever its last character.</summary>
    internal const int LongProseWords = 25;
    /// <summary>Headlines have at most this many words.</summary>
    internal const int MaxHeadlineWords = 30;

    public static int Words(string text) => BoilerplateStage.WordCount(text);

    public static bool EndsSentence(string text) => BoilerplateStage.EndsSentence(text);

    /// <summary>Running text: enough words and a finished sentence, or long.</summary>
    public static bool IsProse(string text)
    {
        int w = Words(text);
        return w >= LongProseWords || (w >= ProseMinWords && EndsSentence(text));
    }

    /// <summary>A navigation bar: three or more short items separated by | · › » or wide gaps.</summary>
    public static bool IsNavigation(string text)
    {
        var parts = NavSeparator().Split(text).Where(p => p.Trim().Length > 0).ToList();
        return parts.Count >= 3 && parts.All(p => Words(p) <= 4);
    }

    /// <summary>A section label or masthead fragment: one to three words, or all capitals.</summary>
    public static bool IsLabel(string text)
    {
        int w = Words(text);
        if (w == 0)
            return true;
        bool allCaps = text.Any(char.IsLetter) && !text.Any(char.IsLower);
        return w <= 2 && !EndsSentence(text) || allCaps && w <= 5;
    }

    /// <summary>A headline: 2-30 words, not navigation, not a label, not a byline, no final colon.</summary>
    public static bool IsHeadline(string text)
    {
        int w = Words(text);
        if (w < 2 || w > MaxHeadlineWords || text.EndsWith(':') || IsNavigation(text) || text.Contains("://"))
            return false;
        bool allCaps = text.Any(char.IsLetter) && !text.Any(char.IsLower);
        return !(allCaps && w <= 5) && !Byline().IsMatch(text);
    }

    /// <summary>All words capitalised and at most four of them ("The Harbor Gazette"): an outlet or name label.</summary>
    public static bool IsNameLabel(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 4 && words.All(w => char.IsUpper(w[0]) || w is "of" or "the" or "and" or "&" or "for")
               && !EndsSentence(text) && !text.Contains(':');
    }

    /// <summary>A byline: "By Jane Doe", "BY: Jane Doe - date", "Posted by Jane Doe on date", "Von …", "Par …".</summary>
    public static Match BylineMatch(string text) => Byline().Match(text);

    /// <summary>A date line: a short block whose words are mostly a date ("Updated: Jul. 14, 2023 09:12AM EST").</summary>
    public static bool IsDateLine(string text)
    {
        if (Words(text) > 14 || DateParser.Find(text) is null)
            return false;
        string rest = DateWords().Replace(text, " ");
        return Words(rest) <= 4;
    }

    /// <summary>A credit in parentheses that ends a line ("… on Sunday. (Jane Doe/Harbor Gazette)"); unsuccessful when there is none.</summary>
    public static Match TrailingCredit(string text) => TrailingCreditPattern().Match(text);

    [GeneratedRegex(@"\((?:[\p{Lu}][\w.’'&-]*\s?){1,5}\)\s*$")]
    private static partial Regex TrailingCreditPattern();
    [GeneratedRegex(@"\s*(?:\||·|•|›|»|\s{2,})\s*")]
    private static partial Regex NavSeparator();
    [GeneratedRegex(@"^(?:(?:posted|written|published|words|text|reporting|story|article|column|report|analysis|reported)\s+)?(?:by|von|par|por|door)\s*:?\s+(?<names>\p{Lu}.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Byline();
    [GeneratedRegex(@"(?i)\b(?:\d{1,4}(?:st|nd|rd|th|er)?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|a\.m|p\.m|gmt|utc|est|edt|pst|pdt|cet|cest|bst|et|pt|updated|published|posted|last|on|at|date|dated|min|read|uhr|le|am|um|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|mai|juni|juli|oktober|dezember|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|publié|mis|à|jour)\b\.?|[\d:/.,·\-–—|()+]+")]
    private static partial Regex DateWords();
}

using Ingest.Core.Document;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages.Metadata;

/// <summary>Author names from bylines and hints: no "By", no roles, outlets, dates or day names, no staff labels, each once.</summary>
internal static class Authors
{
    /// <summary>A byline names at most this many words per author.</summary>
    internal const int MaxNameWords = 5;

    /// <summary>
    /// Adds the author names in <paramref name="names"/> to <paramref name="authors"/> (case-insensitively distinct);
    /// outlets named beside them ("Jane Doe, Harbor Gazette", "JANE DOE Harbor Wire") go to <paramref name="outlets"/>.
    /// </summary>
    public static void Add(List<string> authors, string names, List<string>? outlets = null)
    {
        names = MdLinkText().Replace(names, "$1").Trim('*', '_', ' ');
        var dated = BylineDate().Match(names);
        if (dated.Success)
            names = names[..dated.Index];
        var parts = AuthorSplit().Split(names).Select(raw => TextNormalizer.Normalize(raw).Trim(' ', ',', '.', ';', '*', '_')).ToList();
        // "Grace Liu, ProPublica, and Ben Carter": beside full names, a one-word part is the affiliation, not an author.
        bool fullNames = parts.Any(p => p.Contains(' '));
        foreach (var part in parts)
        {
            string name = part;
            if (fullNames && name.Length > 2 && !name.Contains(' ') && char.IsUpper(name[0]) && name.Any(char.IsLower))
            {
                outlets?.Add(name);
                continue;
            }
            var tail = AuthorTail().Match(name);
            if (tail.Success)
            {
                string rest = tail.Value.Trim(' ', ',', '|', '(', ')', '-', '–', '—');
                if (rest.Length > 2 && outlets is not null && DateParser.Find(rest) is null && char.IsUpper(rest[0]))
                    outlets.Add(rest);
                name = name[..tail.Index].Trim();
            }
            name = SplitCapsName(name, outlets);
            name = Repeated(WithoutDayName(name));
            if (StaffLabel().IsMatch(name))
                continue;
            // "Coastal Wire staff", "Harbor Gazette Staff Writer": the outlet's staff, not a person.
            if (OutletStaff().Match(name) is { Success: true } staff)
            {
                outlets?.Add(staff.Groups["outlet"].Value);
                continue;
            }
            if (name.Length < 3 || name.Split(' ').Length > MaxNameWords || !char.IsUpper(name[0]) || Outlets.IsOutletName(name))
            {
                if (name.Length > 2 && Outlets.IsOutletName(name))
                    outlets?.Add(name);
                continue;
            }
            if (!authors.Contains(name, StringComparer.OrdinalIgnoreCase))
                authors.Add(name);
        }
    }

    private static readonly Lazy<System.Collections.Frozen.FrozenSet<string>> DayNames =
        Lexicons.List("weekday_names.txt", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// "Jane Doe Monday" → "Jane Doe": a day name (weekday_names.txt) after at least two words ends the name, with what
    /// follows it (scraped bylines glue the day of publication to the name), also when glued to the last word
    /// ("Jane DoeMonday"). Full day names only: abbreviations are surnames too often.
    /// </summary>
    internal static string WithoutDayName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 2; i < words.Length; i++)
        {
            string word = words[i].TrimEnd(',', '.', ';');
            if (DayNames.Value.Contains(word))
                return string.Join(' ', words[..i]);
        }
        // Glued by the page's markup: "Jane DoeMonday" (a lower-case letter, then a capitalised day name at the end).
        if (words.Length >= 2 && words[^1] is { Length: > 6 } last)
        {
            for (int cut = 2; cut < last.Length - 5; cut++)
            {
                if (char.IsUpper(last[cut]) && char.IsLower(last[cut - 1]) && DayNames.Value.Contains(last[cut..].TrimEnd(',', '.', ';')))
                    return string.Join(' ', words[..^1]) + " " + last[..cut];
            }
        }
        return name;
    }

    /// <summary>"Jane Doe Jane Doe" → "Jane Doe": a name written twice in a row (a scraper joined the byline and the author link).</summary>
    internal static string Repeated(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length % 2 != 0)
            return name;
        int half = words.Length / 2;
        for (int i = 0; i < half; i++)
        {
            if (!string.Equals(words[i], words[half + i], StringComparison.OrdinalIgnoreCase))
                return name;
        }
        return string.Join(' ', words[..half]);
    }

    /// <summary>"JANE DOE Harbor Wire" → "Jane Doe" (the outlet goes to <paramref name="outlets"/>).</summary>
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
            return string.Join(' ', words[..caps].Select(Outlets.TitleCase));
        }
        return name;
    }

    /// <summary>A line that is only a person's name ("Jane Doe"): two to four capitalised words, a known given name first.</summary>
    public static bool IsPersonLine(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 4 && Lexicons.FirstNames.Contains(words[0]) && words.All(w => char.IsUpper(w[0]) && w.Any(char.IsLower))
               && !BlockShape.EndsSentence(text) && !Outlets.IsOutletName(text);
    }
}

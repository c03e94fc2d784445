using Ingest.Core.Document;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages.Metadata;

/// <summary>Author names from bylines and hints: no "By", no roles, outlets or dates, no staff labels, each once.</summary>
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

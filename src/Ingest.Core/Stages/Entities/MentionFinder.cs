using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Entities;

/// <summary>A capitalised span in a paragraph that may name an entity.</summary>
/// <param name="Text">Surface text with a possessive 's removed.</param>
/// <param name="Paragraph">Body paragraph index.</param>
/// <param name="Start">Offset in the paragraph.</param>
/// <param name="SentenceInitial">True when the span starts a sentence (or follows an opening quote mark).</param>
/// <param name="Before">Up to three words before the span, lower-cased, for context cues ("in", "Sen.").</param>
/// <param name="After">The word after the span, for context cues.</param>
internal sealed record Mention(string Text, int Paragraph, int Start, bool SentenceInitial, string[] Before, string After)
{
    public string[] Tokens => Text.Split(' ');
}

/// <summary>The body paragraphs of a document, their capitalised spans and the words they write in lower case.</summary>
internal sealed record BodyWords(List<string> Paragraphs, List<Mention> Mentions, HashSet<string> LowerCase);

/// <summary>Finds capitalised spans: runs of capitalised words, with "of", "for", "the", "and", "de", "von" … inside.</summary>
internal static partial class MentionFinder
{
    /// <summary>Words that are capitalised but never start or form a name on their own.</summary>
    internal static FrozenSet<string> Stop => EntityRules.StopWords;

    /// <summary>
    /// The body's capitalised spans and its lower-case vocabulary: the tokens layer, computed once per document by the
    /// tokens stage and read by the quote and entity stages.
    /// </summary>
    /// <param name="paragraphs">The body paragraphs in order.</param>
    public static BodyWords ForParagraphs(List<string> paragraphs) => new(paragraphs, Find(paragraphs), LowerCaseWords(paragraphs));

    // Allocated once: Trim(params char[]) would build this array for every word.
    private static readonly char[] WordPunctuation = ['.', ',', ';', ':', '"', '“', '”', '(', ')', '!', '?', '‘', '’', '\''];
    private static readonly char[] NameEnd = ['.', ','];

    /// <summary>Words the body writes in lower case (trimmed of punctuation): a capitalised form of one is a common word.</summary>
    private static HashSet<string> LowerCaseWords(List<string> paragraphs)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paragraphs)
            foreach (var w in p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string t = w.Trim(WordPunctuation);
                if (t.Length > 0 && char.IsLower(t[0]))
                    set.Add(t);
            }
        return set;
    }

    public static List<Mention> Find(IReadOnlyList<string> paragraphs)
    {
        var found = FindRaw(paragraphs);
        // Keep a possessive that belongs to the name ("Harbor Joe's"): the name never appears without it and is used as a noun.
        var bare = found.Where(m => !m.Possessive).Select(m => m.Mention.Text).ToHashSet(StringComparer.Ordinal);
        var nounUse = found.Where(m => m.Possessive && IsNounUse(m.Mention.After)).Select(m => m.Mention.Text).ToHashSet(StringComparer.Ordinal);
        return found.Select(m => m.Possessive && !bare.Contains(m.Mention.Text) && nounUse.Contains(m.Mention.Text)
                ? m.Mention with { Text = m.Mention.Text + m.Suffix } : m.Mention).ToList();
    }

    private static List<(Mention Mention, bool Possessive, string Suffix)> FindRaw(IReadOnlyList<string> paragraphs)
    {
        var result = new List<(Mention Mention, bool Possessive, string Suffix)>();
        for (int p = 0; p < paragraphs.Count; p++)
        {
            string text = paragraphs[p];
            var tokens = Tokens(text);
            int i = 0;
            while (i < tokens.Count)
            {
                var t = tokens[i];
                if (!IsCapWord(t.Value))
                {
                    i++;
                    continue;
                }
                int j = i;
                while (j + 1 < tokens.Count && !EndsSpan(text, tokens[j], tokens[j + 1]) && Adjacent(text, tokens[j], tokens[j + 1]))
                {
                    if (IsCapWord(tokens[j + 1].Value))
                    {
                        j++;
                        continue;
                    }
                    // Connectors inside names: "Center for the Coastal Future", "Department of Parks and Harbor Works".
                    int k = j + 1;
                    while (k < tokens.Count && k - j <= 2 && Lexicons.NameConnectors.Contains(tokens[k].Value) && Adjacent(text, tokens[k - 1], tokens[k]))
                        k++;
                    if (k < tokens.Count && k > j + 1 && Adjacent(text, tokens[k - 1], tokens[k]) && IsCapWord(tokens[k].Value)
                        && (tokens[j + 1].Value != "and" || k == j + 2 && LooksOrgAnd(tokens, j))
                        && !(tokens[j + 1].Value == "of" && IsAllCaps(tokens[k].Value) && Enumerable.Range(i, j - i + 1).Any(x => Lexicons.FirstNames.Contains(tokens[x].Value))))
                    {
                        j = k;
                        continue;
                    }
                    break;
                }
                int s = tokens[i].Index, e = tokens[j].Index + tokens[j].Length;
                string span = text[s..e];
                bool initial = IsSentenceInitial(text, s);
                var before = BeforeWords(tokens, i);
                string after = j + 1 < tokens.Count ? tokens[j + 1].Value : "";
                string suffix = span.EndsWith("'s", StringComparison.Ordinal) ? "'s" : span.EndsWith("’s", StringComparison.Ordinal) ? "’s" : "";
                foreach (var m in Trim(span, p, s, initial, before, after))
                    result.Add((m, suffix.Length > 0 && span.EndsWith(m.Text + suffix, StringComparison.Ordinal), suffix));
                i = j + 1;
            }
        }
        return result;
    }

    /// <summary>A possessive name used as a noun: a word like "said" or "has" follows it, or nothing does.</summary>
    private static bool IsNounUse(string after) => after.Length == 0 || EntityRules.PossessiveNounFollowers.Contains(after);

    private static bool LooksOrgAnd(List<Token> tokens, int j) =>
        // "Jane and John Doe Foundation", "Department of Parks and Harbor Works": keep "and" inside an organisation name.
        Enumerable.Range(j + 2, Math.Min(4, tokens.Count - j - 2)).Any(k => Lexicons.OrgHeads.Contains(tokens[k].Value.TrimEnd(NameEnd)))
        || Enumerable.Range(Math.Max(0, j - 3), Math.Min(4, j + 1)).Any(k => EntityRules.OrgAndHeads.Contains(tokens[k].Value));

    private static IEnumerable<Mention> Trim(string span, int p, int start, bool initial, string[] before, string after)
    {
        // "Harbor City-Pine Island", "R-Harborland": capitalised parts joined by a hyphen name two things (or a party and a state).
        int hy = span.IndexOf('-');
        if (hy > 0 && hy < span.Length - 1 && char.IsUpper(span[hy + 1]) && !span[..hy].Contains(' '))
        {
            string left = span[..hy], right = span[(hy + 1)..];
            if (left.Length >= 3 && char.IsUpper(left[0]))
                foreach (var m in Trim(left, p, start, initial, before, "-"))
                    yield return m;
            foreach (var m in Trim(right, p, start + hy + 1, false, [], after))
                yield return m;
            yield break;
        }
        var words = span.Split(' ').ToList();
        int offset = start;
        // Drop leading stop words ("The", "But") and trailing connectors; an abbreviated title before a name stays
        // ("Mr. Quill": the typer reads the title, so a surname alone is still a person).
        while (words.Count > 0 && (Stop.Contains(words[0]) && !(words.Count > 1 && Lexicons.IsTitleAbbreviation(words[0])) || Lexicons.NameConnectors.Contains(words[0])))
        {
            offset += words[0].Length + 1;
            words.RemoveAt(0);
            initial = false;
        }
        while (words.Count > 0 && Lexicons.NameConnectors.Contains(words[^1]))
            words.RemoveAt(words.Count - 1);
        if (words.Count == 0)
            yield break;
        if (words[^1].EndsWith('.') && !IsAbbreviation(words[^1]))
            words[^1] = words[^1].TrimEnd('.');
        string text = string.Join(' ', words);
        text = StripPossessive(text);
        if (text.Length < 2 || Stop.Contains(text))
            yield break;
        yield return new Mention(text, p, offset, initial, before, after);
    }

    internal static string StripPossessive(string text)
    {
        if (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("’s", StringComparison.Ordinal))
            return text[..^2];
        if (text.EndsWith("s'", StringComparison.Ordinal) || text.EndsWith("s’", StringComparison.Ordinal))
            return text[..^1];
        return text;
    }

    /// <summary>A span ends after a possessive, before punctuation, and at a full stop that is not an abbreviation's.</summary>
    private static bool EndsSpan(string text, Token token, Token? next = null)
    {
        string w = token.Value;
        // A possessive ends a name, except inside an organisation's ("Harbor People's Party").
        if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))
        {
            // …unless the name before it is an organisation already ("Harbor University's Roe School": two).
            if (next is null || EntityRules.StrongOrgWords.Contains(w[..^2]) || Lexicons.OrgHeads.Contains(w[..^2]))
                return true;
            return !(Lexicons.OrgHeads.Contains(next.Value.Value) || EntityRules.StrongOrgWords.Contains(next.Value.Value) || NextIsOrgWord(text, next.Value));
        }
        int end = token.Index + token.Length;
        if (end < text.Length && text[end] is ',' or ';' or ':' or ')' or '”' or '"' or '!' or '?' or '(' or '/')
            return true;
        return w.EndsWith('.') && !IsAbbreviation(w);
    }

    /// <summary>"St. Quill's Medical Center": an organisation word one capitalised word after the possessive.</summary>
    private static bool NextIsOrgWord(string text, Token next)
    {
        int after = next.Index + next.Length;
        if (after + 1 >= text.Length || text[after] != ' ' || !char.IsUpper(next.Value[0]))
            return false;
        int end = after + 1;
        while (end < text.Length && char.IsLetter(text[end]))
            end++;
        string word = text[(after + 1)..end];
        return EntityRules.StrongOrgWords.Contains(word) || Lexicons.OrgHeads.Contains(word);
    }

    /// <summary>"U.S.", "St.", "Dr.", "Prof.", "J." – a full stop that does not end the sentence (title_abbreviations.txt for titles).</summary>
    internal static bool IsAbbreviation(string w) =>
        w.Count(c => c == '.') >= 2 || w.Length <= 4 && w.EndsWith('.') && char.IsUpper(w[0]) && Lexicons.Titles.Contains(w.TrimEnd('.'))
        || w.Length == 2 && char.IsUpper(w[0]) || EntityRules.Abbreviations.Contains(w) || Lexicons.IsTitleAbbreviation(w);

    private static bool Adjacent(string text, Token a, Token b)
    {
        int gapStart = a.Index + a.Length;
        return b.Index - gapStart == 1 && text[gapStart] == ' ';
    }

    internal static bool IsCapWord(string w) => w.Length >= 2 && char.IsUpper(w[0]);

    private static bool IsAllCaps(string w) => w.Length >= 2 && w.All(c => char.IsUpper(c) || c == '.' || c == '&');

    private static bool IsSentenceInitial(string text, int s)
    {
        int i = s - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] is '“' or '"' or '‘' or '\'' or '(' or '„' or '«' or '—' or '–'))
            i--;
        return i < 0 || text[i] is '.' or '!' or '?' or ':' or '…';
    }

    private static string[] BeforeWords(List<Token> tokens, int i)
    {
        var list = new List<string>();
        for (int k = Math.Max(0, i - 3); k < i; k++)
            list.Add(tokens[k].Value);
        return [.. list];
    }

    /// <summary>One token of a paragraph: its offset, length and text (taken once; <c>Match.Value</c> allocates on every read).</summary>
    private readonly record struct Token(int Index, int Length, string Value);

    /// <summary>The tokens of <paramref name="text"/> (<see cref="Tokenize"/>), without a <c>Match</c> object per token.</summary>
    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        foreach (var m in Tokenize().EnumerateMatches(text))
            tokens.Add(new Token(m.Index, m.Length, text.Substring(m.Index, m.Length)));
        return tokens;
    }

    [GeneratedRegex(@"[\p{L}\p{M}][\p{L}\p{M}\p{Nd}'’\.\-&]*[\p{L}\p{M}\.’']|[\p{L}]|\d+|&")]
    private static partial Regex Tokenize();
}

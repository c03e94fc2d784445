using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ingest.Eval;

/// <summary>Text helpers shared by the scorers; they mirror <c>shared/corpus/score.py</c> (norm, tokens, quote_match, speaker_ok, ent_key).</summary>
public static partial class Text
{
    private static readonly Dictionary<char, string> QuoteMap = new()
    {
        ['\u201c'] = "\"", ['\u201d'] = "\"", ['\u201e'] = "\"", ['\u201f'] = "\"", ['\u00ab'] = "\"", ['\u00bb'] = "\"",
        ['\u2039'] = "'", ['\u203a'] = "'", ['\u2018'] = "'", ['\u2019'] = "'", ['\u201a'] = "'", ['\u201b'] = "'",
        ['\u2013'] = "-", ['\u2014'] = "-", ['\u2012'] = "-", ['\u2212'] = "-", ['\u00a0'] = " ", ['\u2026'] = "...",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();

    /// <summary>NFKC, curly quotes and dashes folded, whitespace collapsed, case folded.</summary>
    public static string Norm(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        var n = s.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(n.Length);
        foreach (var c in n) sb.Append(QuoteMap.TryGetValue(c, out var r) ? r : c.ToString());
        return Spaces().Replace(sb.ToString(), " ").Trim().ToLowerInvariant();
    }

    /// <summary>A hash of <paramref name="s"/> that is the same in every process and on every machine (XxHash64 of its UTF-8).</summary>
    public static ulong StableHash(string s) => System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(s));

    /// <summary>The word tokens (<c>\w+</c>) of the normalised text.</summary>
    public static List<string> Tokens(string? s) => Word().Matches(Norm(s)).Select(m => m.Value).ToList();

    /// <summary>Overlap of two quotations' word multisets as a share of the longer one (score.py quote_match).</summary>
    public static double QuoteMatch(string gold, string pred)
    {
        var a = Tokens(gold);
        var b = Tokens(pred);
        if (a.Count == 0 || b.Count == 0) return 0;
        var counts = new Dictionary<string, int>();
        foreach (var t in a) counts[t] = counts.GetValueOrDefault(t) + 1;
        var common = 0;
        foreach (var t in b)
            if (counts.GetValueOrDefault(t) > 0) { counts[t]--; common++; }
        return (double)common / Math.Max(a.Count, b.Count);
    }

    /// <summary>score.py speaker_ok: persons need every gold token and the same last token; others agree on a head noun.</summary>
    public static bool SpeakerOk(string? gold, string goldKind, string? pred)
    {
        if (string.IsNullOrWhiteSpace(gold)) return string.IsNullOrWhiteSpace(pred);
        if (string.IsNullOrWhiteSpace(pred)) return false;
        if (Norm(gold) == Norm(pred)) return true;
        var gt = Tokens(gold);
        var pt = Tokens(pred);
        if (gt.Count == 0 || pt.Count == 0) return false;
        if (goldKind == "person") return gt.All(pt.Contains) && pt.Contains(gt[^1]);
        return pt.Contains(gt[^1]) || gt.Contains(pt[^1]);
    }

    /// <summary>Entity key: word tokens joined by spaces, a leading "the" dropped (score.py ent_key).</summary>
    public static string EntKey(string? name)
    {
        var t = Tokens(name);
        if (t.Count > 0 && t[0] == "the") t.RemoveAt(0);
        return string.Join(' ', t);
    }

    /// <summary>Last word of <see cref="EntKey"/>, for the head-match variant.</summary>
    public static string Head(string key)
    {
        var i = key.LastIndexOf(' ');
        return i < 0 ? key : key[(i + 1)..];
    }

    /// <summary>Precision, recall, F1 the way score.py computes them (empty gold and prediction count as perfect).</summary>
    public static (double P, double R, double F) Prf(int tp, int pred, int gold)
    {
        var p = pred > 0 ? (double)tp / pred : gold == 0 ? 1.0 : 0.0;
        var r = gold > 0 ? (double)tp / gold : 1.0;
        var f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        return (p, r, f);
    }

    public static string F3(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>Joins PTB-style tokens back into running text.</summary>
public static class TokenJoiner
{
    private static readonly HashSet<string> NoSpaceBefore = new(StringComparer.Ordinal)
    {
        ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "'", "’", "n't", "n’t", "n`t", "'re", "’re", "'ll", "’ll",
        "'ve", "’ve", "'d", "’d", "'m", "’m", "...", "…", "..", "….", "”", "»",
    };

    private static readonly HashSet<string> NoSpaceAfter = new(StringComparer.Ordinal) { "(", "[", "{", "$", "#", "“", "«", "‘" };

    /// <summary>How a token attaches to its neighbours.</summary>
    public enum Glue { Normal, Open, Close }

    /// <summary>Classifies a token by its text and PTB tag (<c>``</c> opening quote, <c>''</c> closing quote, <c>POS</c> possessive).</summary>
    public static Glue Classify(string word, string? ptbTag)
    {
        if (ptbTag == "``" || NoSpaceAfter.Contains(word)) return Glue.Open;
        if (ptbTag == "''" || ptbTag == "POS" || NoSpaceBefore.Contains(word)) return Glue.Close;
        if (word.Length > 1 && (word[0] == '\'' || word[0] == '’') && char.IsLetter(word[1]) && word.Length <= 3) return Glue.Close;
        return Glue.Normal;
    }

    /// <summary>Joins tokens: no space before closing punctuation/quotes/clitics, none after opening ones,
    /// none around a hyphen tagged HYPH, none before a token marked Glued (inside a <c>&lt;w&gt;</c> word).</summary>
    public static string Join(IReadOnlyList<(string Word, string? Tag, bool Glued)> tokens)
    {
        var sb = new StringBuilder();
        var prevOpen = true;
        var prevHyph = false;
        foreach (var (word, tag, glued) in tokens)
        {
            var g = Classify(word, tag);
            var hyph = tag == "HYPH";
            var space = sb.Length > 0 && !prevOpen && g != Glue.Close && !glued && !hyph && !prevHyph;
            if (space) sb.Append(' ');
            sb.Append(word);
            prevOpen = g == Glue.Open;
            prevHyph = hyph;
        }
        return sb.ToString();
    }

    /// <summary>Joins plain words (no tags) with the same rules.</summary>
    public static string Join(IEnumerable<string> words) => Join(words.Select(w => (w, (string?)null, false)).ToList());
}

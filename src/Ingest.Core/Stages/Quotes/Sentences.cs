using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Quotes;

/// <summary>Sentence and word splitting for attribution: a sentence ends at . ! ? before a capital, an opening mark or the end.</summary>
internal static partial class Sentences
{
    /// <summary>The words of <paramref name="s"/>, split at spaces, punctuation kept.</summary>
    public static List<string> Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The text up to and including the first sentence end (all of it when there is none), trimmed.</summary>
    public static string FirstSentence(string tail)
    {
        var m = SentenceEnd().Match(tail);
        return (m.Success ? tail[..(m.Index + 1)] : tail).Trim();
    }

    /// <summary>The text after the last sentence end (all of it when there is none), trimmed.</summary>
    public static string LastSentence(string head)
    {
        var ms = SentenceEnd().Matches(head);
        return (ms.Count > 0 ? head[(ms[^1].Index + 1)..] : head).Trim();
    }

    [GeneratedRegex(@"[.!?](?=\s+[A-Z“""‘'(]|\s*$)")]
    public static partial Regex SentenceEnd();
}

using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Quotes;

/// <summary>One turn of a Q&amp;A interview or transcript: the label as written and the words spoken.</summary>
/// <param name="Paragraph">Body paragraph index.</param>
/// <param name="Label">Speaker label ("Q", "A", "KERRY", "Jane Doe").</param>
/// <param name="Text">What the turn says, without the label.</param>
/// <param name="Quoted">The paragraph opens with a quote mark before the label (a transcript quoted turn by turn:
/// <c>"JONES: …</c>); the turn then replaces the quotation the marks make.</param>
internal sealed record InterviewTurn(int Paragraph, string Label, string Text, bool Quoted = false);

/// <summary>
/// Finds interview turns: paragraphs that open with a speaker label and a colon ("Q:", "A:", "KERRY:", "Jane Doe:"),
/// or with a quote mark and then the label (a transcript quoted turn by turn).
/// A page is an interview when at least <see cref="MinTurns"/> paragraphs carry labels and at least two labels alternate,
/// so a single "Note:" or "Update:" line does not make one.
/// </summary>
internal static partial class InterviewTurns
{
    /// <summary>Labelled paragraphs needed before the page counts as an interview.</summary>
    internal const int MinTurns = 4;

    /// <summary>Distinct labels, and changes of speaker from one turn to the next, needed for an interview.</summary>
    private const int MinAlternations = 2;

    public static List<InterviewTurn> Find(IReadOnlyList<string> paragraphs)
    {
        var turns = new List<InterviewTurn>();
        for (int p = 0; p < paragraphs.Count; p++)
        {
            var m = Label().Match(paragraphs[p]);
            if (m.Success && !QuoteRules.InterviewNonSpeakers.Contains(m.Groups["label"].Value) && m.Groups["text"].Value.Length > 0)
                turns.Add(new InterviewTurn(p, m.Groups["label"].Value, QuotedText(m), m.Groups["mark"].Success));
        }
        var labels = turns.Select(t => t.Label.ToUpperInvariant()).Distinct().ToList();
        bool alternates = labels.Count >= MinAlternations && turns.Zip(turns.Skip(1)).Count(x => !string.Equals(x.First.Label, x.Second.Label, StringComparison.OrdinalIgnoreCase)) >= MinAlternations;
        return turns.Count >= MinTurns && alternates ? turns : [];
    }

    /// <summary>The words of a turn; a quoted turn loses the closing mark that ends its paragraph.</summary>
    private static string QuotedText(Match m)
    {
        string text = m.Groups["text"].Value.Trim();
        return m.Groups["mark"].Success ? text.TrimEnd('"', '”') : text;
    }

    /// <summary>Whether the label stands for the interviewer ("Q", "Question", "Interviewer").</summary>
    public static bool IsQuestioner(string label) =>
        QuoteRules.QuestionerLabels.Contains(label.ToUpperInvariant());

    /// <summary>Whether the label stands for the interviewee ("A", "Answer").</summary>
    public static bool IsAnswerer(string label) => QuoteRules.AnswererLabels.Contains(label.ToUpperInvariant());

    [GeneratedRegex(@"^(?<mark>[""“])?(?:\*\*)?(?<label>Q|A|Question|Answer|Interviewer|[\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){0,2})(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?<text>.+)$")]
    private static partial Regex Label();
}

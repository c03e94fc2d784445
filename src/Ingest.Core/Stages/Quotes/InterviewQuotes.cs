using Ingest.Core.Document;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Q&amp;A interviews and transcripts: each labelled turn (<see cref="InterviewTurns"/>) is a quote of its speaker.
/// "Q" turns go to the interviewer (the byline's first author when there is one), "A" turns to the interviewee, the
/// person the article names most; name labels ("JANE DOE") resolve to the full name met in the article.
/// </summary>
internal static class InterviewQuotes
{
    /// <summary>Adds a unit for each turn whose paragraph has no quotation yet, then sorts the units by paragraph.</summary>
    public static void AddTo(List<QuoteUnit> units, List<string> paragraphs, IReadOnlyList<string> authors, AttributionContext ctx)
    {
        var turns = InterviewTurns.Find(paragraphs);
        if (turns.Count == 0)
            return;
        string? interviewee = ctx.Salience.MostMentionedPerson(authors);
        foreach (var turn in turns)
        {
            // A quoted transcript's marks run on from turn to turn: each quoted turn is a quote of its own.
            if (turn.Quoted)
                units.RemoveAll(u => u.Paragraph == turn.Paragraph);
            if (units.Any(u => u.Paragraph == turn.Paragraph))
                continue;
            SpeakerPhrase? speaker;
            if (InterviewTurns.IsQuestioner(turn.Label))
                speaker = authors.Count > 0 ? new SpeakerPhrase(authors[0], SpeakerKinds.Person)
                    : new SpeakerPhrase("the interviewer", SpeakerKinds.Unknown);
            else if (InterviewTurns.IsAnswerer(turn.Label))
                speaker = interviewee is not null ? new SpeakerPhrase(interviewee, SpeakerKinds.Person) : null;
            else
            {
                string label = turn.Label.Any(char.IsLower) ? turn.Label : System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(turn.Label.ToLowerInvariant());
                speaker = new SpeakerPhrase(ctx.Salience.PersonName(label) ?? label, SpeakerKinds.Person);
            }
            var unit = new QuoteUnit { Paragraph = turn.Paragraph, Offset = 0, Speaker = speaker, Cue = "interview" };
            unit.Parts.Add(turn.Text);
            units.Add(unit);
        }
        units.Sort((a, b) => a.Paragraph.CompareTo(b.Paragraph));
    }
}

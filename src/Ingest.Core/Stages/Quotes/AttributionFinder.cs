using System.Text.RegularExpressions;
using Ingest.Core.Document;
using static Ingest.Core.Stages.Quotes.ClauseSubject;
using static Ingest.Core.Stages.Quotes.CueWords;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Finds the attribution of a quotation span in its paragraph and returns the speaker phrase as written with its
/// cue: after the closing mark (“…,” said X / “…,” X said / “…” — X) or, failing that, before the opening mark
/// (X said: “…” / according to X / X, who …, said “…”). Speakers are not resolved here (see <see cref="SpeakerResolver"/>).
/// </summary>
internal static partial class AttributionFinder
{
    /// <summary>A cue after the quotation is looked for among this many words of the sentence that follows it.</summary>
    private const int MaxCueWordsAfter = 22;

    /// <summary>A name right before a participle cue ("Ada Roe saying") is looked for among this many words.</summary>
    private const int MaxNameWordsBeforeParticiple = 3;

    /// <summary>The subject right before a cue is at most this many words long (back to a comma or conjunction).</summary>
    private const int MaxSubjectWordsBeforeCue = 14;

    /// <summary>The attribution of span <paramref name="k"/>: after the closing mark, else before the opening mark.</summary>
    public static (SpeakerPhrase Speaker, string Cue)? FindAttribution(string text, List<QuoteSpan> spans, int k)
    {
        var span = spans[k];
        int tailStart = Math.Min(span.Close + 1, text.Length);
        int tailEnd = k + 1 < spans.Count ? spans[k + 1].Open : text.Length;
        string tail = text[tailStart..Math.Max(tailStart, tailEnd)];
        if (!LeadsIntoNext(text, spans, k, tail) && AfterAttribution(tail) is { } after)
            return after;
        int headStart = k > 0 ? Math.Min(spans[k - 1].Close + 1, span.Open) : 0;
        string head = text[headStart..span.Open];
        return BeforeAttribution(head);
    }

    /// <summary>
    /// Whether the words after a quotation that closed its sentence (“A.”) run straight into the next quotation (She says
    /// it is “B.” / She added: “B.”): they are the next quotation's attribution, not this one's. A dash and a name
    /// (“A.” ― Ada Roe “B.”) still attribute the quotation before them.
    /// </summary>
    private static bool LeadsIntoNext(string text, List<QuoteSpan> spans, int k, string tail)
    {
        if (k + 1 >= spans.Count || DashAttribution().IsMatch(tail))
            return false;
        string inner = spans[k].Inner(text).TrimEnd();
        string t = tail.TrimEnd();
        return inner.Length > 0 && inner[^1] is '.' or '!' or '?' && t.Length > 0
               && (char.IsLetterOrDigit(t[^1]) || t[^1] == ':' || t[^1] == ',' && EndsWithCue(t));
    }

    /// <summary>"After the match, the coach said,": words that end with a cue verb and a comma lead into a quotation.</summary>
    private static bool EndsWithCue(string t)
    {
        var words = Words(t.TrimEnd(','));
        return words.Count > 1 && IsCue(words, words.Count - 1, out int length) && length == 1;
    }

    public static (SpeakerPhrase Speaker, string Cue)? AfterAttribution(string tail)
    {
        string clause = FirstSentence(tail);
        if (!DashAttribution().IsMatch(clause))
            clause = clause.TrimStart(',', ' ', ';');
        var dash = DashAttribution().Match(clause);
        if (dash.Success && SpeakerParser.Parse(dash.Groups["spk"].Value) is { } ds)
            return (ds, "—");
        var words = Words(clause);
        if (words.Count == 0)
            return null;
        for (int i = 0; i < Math.Min(words.Count, MaxCueWordsAfter); i++)
        {
            if (!IsCue(words, i, out int cueLength))
                continue;
            string cue = string.Join(' ', words.Skip(i).Take(cueLength)).TrimEnd('.', ',', ':', ';');
            if (i == 0)
            {
                // “…,” said X, president of Y.
                string spk = string.Join(' ', words.Skip(cueLength).TakeWhile(w => !EndsPhrase(w)).Concat(
                    words.Skip(cueLength).SkipWhile(w => !EndsPhrase(w)).Take(1)));
                if (SpeakerParser.Parse(spk) is { } s)
                    return (s, cue);
                return null;
            }
            // "“…” at a rally in Pine Ridge last month, according to Ada Roe.": the speaker follows "according to"; the
            // words before it are an adverbial, not a subject.
            if (cue == "according to")
                return AccordingTo().Match(string.Join(' ', words.Skip(i))) is { Success: true } acc && SpeakerParser.Parse(acc.Groups["spk"].Value) is { } accs
                    ? (accs, cue) : null;
            string subject = string.Join(' ', words.Take(i));
            // "After the match, the coach said": a leading adverbial is no subject.
            if (StripLead(subject) is { Length: > 0 } stripped && stripped.Length < subject.Length)
                subject = stripped;
            // "X, president of Y, said": the name before the apposition.
            if (subject.Contains(','))
            {
                int firstComma = subject.IndexOf(',');
                string headPart = subject[..firstComma];
                if (SpeakerParser.Parse(headPart) is { } hp)
                {
                    // "the city manager, Alan Voss, said": a role first, then the name in apposition names the speaker.
                    int secondComma = subject.IndexOf(',', firstComma + 1);
                    if (hp.RoleNoun is not null && secondComma > firstComma
                        && SpeakerParser.Parse(subject[(firstComma + 1)..secondComma]) is { Kind: SpeakerKinds.Person, RoleNoun: null, IsPronoun: false } named)
                        return (named, cue);
                    return (hp, cue);
                }
                // "“…” to cut costs, she said": the quotation runs on into the sentence; the subject follows its last comma.
                string lastPart = subject[(subject.LastIndexOf(',') + 1)..];
                if (BoilerplateStage.WordCount(lastPart) <= MaxSubjectWordsBeforeCue && SpeakerParser.Parse(lastPart) is { } lp)
                    return (lp, cue);
            }
            if (SpeakerParser.Parse(subject) is { } sp)
                return (sp, cue);
            return null;
        }
        return null;
    }

    /// <summary>
    /// The attribution in the clause that leads into a quotation. <paramref name="allowMidClause"/> (used when looking
    /// back for a pronoun's antecedent) turns off the rule that a colon alone introduces the subject's words.
    /// </summary>
    public static (SpeakerPhrase Speaker, string Cue)? BeforeAttribution(string head, bool allowMidClause = false)
    {
        // The clause that leads into the quote: from the last sentence end.
        string clause = LastSentence(head);
        bool colon = clause.TrimEnd().EndsWith(':');
        var acc = AccordingTo().Match(clause);
        if (acc.Success && SpeakerParser.Parse(acc.Groups["spk"].Value) is { } a)
            return (a, "according to");
        var words = Words(clause);
        for (int i = words.Count - 1; i >= 0; i--)
        {
            if (!IsCue(words, i, out int cueLength))
                continue;
            string cue = string.Join(' ', words.Skip(i).Take(cueLength)).TrimEnd('.', ',', ':', ';');
            var before = words.Take(i).ToList();
            // Participles ("saying", "adding") take the clause subject: the first noun phrase of the sentence, unless a
            // name stands right before the participle ("footage of Ada Roe saying").
            if (cue.EndsWith("ing", StringComparison.Ordinal) && before.Count > 1 && SpeakerParser.IsCap(before[^1]) && char.IsLetter(before[^1][^1])
                && SpeakerParser.Parse(string.Join(' ', before.Skip(Math.Max(0, before.Count - MaxNameWordsBeforeParticiple)).SkipWhile(w => !SpeakerParser.IsCap(w) || w.EndsWith(',')))) is { Kind: SpeakerKinds.Person } named)
                return (named, cue);
            if (cue.EndsWith("ing", StringComparison.Ordinal) || before.Count == 0)
            {
                if (SubjectOf(before) is { } subj)
                    return (subj, cue);
                continue;
            }
            // "X, R-Harborland, who said …": a relative clause's antecedent is the phrase before its comma.
            if (before.Count >= 2 && before[^1] is "who" && before[^2].EndsWith(','))
                before.RemoveAt(before.Count - 1);
            // "X, a regional director with Y, said", "Senator X, Republican of Iowa, said": the first comma segment
            // (after any leading "After the match,") that names a speaker; affiliation tags ("R-Texas") are skipped.
            if (before[^1].EndsWith(',') && AppositionHead(before) is { } hp)
                return (hp, cue);
            // "… in an interview with the network he blasted": a pronoun right before the cue is its subject.
            if (Lexicons.EnglishHeShe.Contains(before[^1]) && SpeakerParser.Parse(before[^1]) is { } pronoun)
                return (pronoun, cue);
            // The subject sits right before the cue, after the last comma or conjunction.
            int from = before.Count - 1;
            while (from > 0 && before.Count - from < MaxSubjectWordsBeforeCue && !before[from - 1].EndsWith(',') && !QuoteRules.SubjectBoundaries.Contains(before[from - 1]))
                from--;
            string subject = string.Join(' ', before.Skip(from));
            if (SpeakerParser.Parse(subject) is { } s)
                return (s, cue);
            if (SubjectOf(before) is { } subj2)
                return (subj2, cue);
        }
        // "X, who chairs the board, was blunter at a hearing in May: “…”" – a colon introduces the subject's words.
        if (colon && !allowMidClause && SubjectOf(words) is { } colonSubject)
            return (colonSubject, ":");
        return null;
    }

    /// <summary>Comma segments of an apposition tried as speakers, at most.</summary>
    private const int MaxAppositionSegments = 4;

    /// <summary>
    /// The speaker of words that end in an apposition ("X, a director with Y,"): the first comma segment, after a leading
    /// adverbial, that parses as a speaker, skipping affiliation tags ("R-Texas", "(D-Ohio)", "Republican of Iowa").
    /// A segment that is a clause ("the bill has one co-sponsor") parses as nothing, so the name after it is found.
    /// </summary>
    private static SpeakerPhrase? AppositionHead(List<string> before)
    {
        var words = Words(StripLead(string.Join(' ', before)));
        var segments = new List<string>();
        var current = new List<string>();
        foreach (var w in words)
        {
            current.Add(w);
            if (w.EndsWith(','))
            {
                segments.Add(string.Join(' ', current).TrimEnd(','));
                current.Clear();
            }
        }
        foreach (var seg in segments.Take(MaxAppositionSegments))
        {
            if (IsAffiliation(seg))
                continue;
            if (SpeakerParser.Parse(StripLead(seg)) is { } hp)
                return hp;
            // only a clause may be passed over to reach a later name; a phrase that is no speaker ends the search
            if (!Words(seg).Any(QuoteRules.ClauseVerbs.Contains))
                return null;
        }
        return null;
    }

    /// <summary>"R-Texas", "(D-Ohio)", "Republican of Iowa", "a Democrat from Pine County": a party affiliation, no speaker.</summary>
    private static bool IsAffiliation(string segment)
    {
        if (PartyStateTag().IsMatch(segment))
            return true;
        var w = Words(segment);
        int k = w.Count > 0 && QuoteRules.Determiners.Contains(w[0]) ? 1 : 0;
        return k < w.Count && QuoteRules.PartyAffiliations.Contains(w[k]) && (w.Count == k + 1 || w[k + 1] is "of" or "from");
    }

    [GeneratedRegex(@"^\(?[A-Z]{1,3}-[A-Z][\w.]*\)?$")]
    private static partial Regex PartyStateTag();

    /// <summary>The subject of the last sentence of a paragraph that ends with a colon ("Moreover, this official said, …:").</summary>
    public static SpeakerPhrase? IntroSpeaker(string paragraph)
    {
        var before = BeforeAttribution(paragraph.TrimEnd().TrimEnd(':'));
        if (before is { } b)
            return b.Item1;
        // "this official said, the sanctions need time …:" – the cue sits mid-sentence.
        var m = MidSentenceCue().Match(LastSentence(paragraph));
        return m.Success ? SpeakerParser.Parse(m.Groups["spk"].Value) : null;
    }

    /// <summary>A word that ends the speaker phrase after a cue: a comma, or a full stop that is not a title's ("Sen.") or an initial's ("G.K.").</summary>
    private static bool EndsPhrase(string w) => w.EndsWith(',') || w.EndsWith('.') && !Lexicons.IsTitleAbbreviation(w) && !IsInitials(w);

    /// <summary>A character of a name phrase up to punctuation: no full stop, except an abbreviated title's ("Sen. Ada Park").</summary>
    private static string NameChar(string excluded) =>
        @"(?:[^" + excluded + @"]|(?<=\b" + QuoteRules.Alternation("title_abbreviations.txt") + @")\.)";

    private static readonly Lazy<Regex> _dashAttribution = new(() => new Regex(@"^[\s,]*(?:—|–|―|--|-)\s*(?<spk>[A-Z]" + NameChar(",.;()") + "{2,80})"));

    /// <summary>"“…” — Sen. Ada Park, of Harbor": the speaker after a dash, up to punctuation.</summary>
    private static Regex DashAttribution() => _dashAttribution.Value;
    private static readonly Lazy<Regex> _accordingTo = new(() => new Regex(@"\b(?:according to|in the words of) (?<spk>(?:"
        + QuoteRules.Alternation("articles.txt") + @" )?" + NameChar(@",.;:“”""") + @"{2,80}?)(?=[,.;:]|$| who | in | on )", RegexOptions.IgnoreCase));

    /// <summary>"according to Jane Doe", "in the words of the mayor": the speaker phrase up to punctuation or a post-modifier.</summary>
    private static Regex AccordingTo() => _accordingTo.Value;
    private static readonly Lazy<Regex> _midSentenceCue = new(() => new Regex(@"(?:^|,\s*)(?<spk>" + QuoteRules.Alternation("determiners.txt") + @"\s+[\w\s-]{2,50}?)\s+"
        + QuoteRules.Alternation("mid_sentence_cue_verbs.txt") + ","));

    /// <summary>"…, this official said, …": an unnamed speaker and a cue verb (mid_sentence_cue_verbs.txt) between commas.</summary>
    private static Regex MidSentenceCue() => _midSentenceCue.Value;
}

using System.Text;
using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Quotes;


namespace Ingest.Core.Stages;

/// <summary>
/// quotes: finds direct quotations in the body and attributes them. Quote marks are paired by type
/// (<see cref="QuoteSpans"/>); scare quotes, titles and nicknames are rejected; a quotation split by its
/// attribution (“A,” she said, “B.”) is one quote; an unclosed quotation continues into a paragraph that
/// opens with a mark; a paragraph that is only a quotation continues the previous paragraph's quote or is
/// given to the current speaker. Attribution reads cue verbs (the SFU Gender Gap Tracker list plus others)
/// in every order: “…,” said X / “…,” X said / X said: “…” / according to X / “…” — X.
/// Speakers are mentions here; the entity stage makes them canonical.
/// </summary>
public sealed partial class QuoteStage : IPipelineStage
{
    /// <summary>Quotations shorter than this many words need an attribution right beside them, or they are scare quotes.</summary>
    internal const int MinUnattributedWords = 5;

    /// <inheritdoc />
    public string Name => "quotes";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Body, Layers.Tokens, Layers.Metadata };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Quotes };

    private sealed class Unit
    {
        public readonly List<string> Parts = [];
        public int Paragraph;
        public int Offset;
        public SpeakerPhrase? Speaker;
        public string? Cue;
        public bool RunsOn;
        public bool Attributed => Speaker is not null;
        public int Words => Parts.Sum(p => BoilerplateStage.WordCount(p));
    }

    /// <summary>Per-document state of attribution: who speaks now, and the salience list for pronouns.</summary>
    private sealed class Context(Entities.BodyWords body)
    {
        public readonly List<string> Paragraphs = body.Paragraphs;
        public readonly Salience Salience = new(body);
        public SpeakerPhrase? Current;
        public readonly Dictionary<string, SpeakerPhrase> Roles = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        _ = document.Quotes; // the layer exists even when the article quotes nobody
        var body = Entities.MentionFinder.ForDocument(document);
        var paragraphs = body.Paragraphs;
        var units = new List<Unit>();
        Unit? open = null;               // an unclosed quotation running on into the next paragraph
        var ctx = new Context(body);

        for (int p = 0; p < paragraphs.Count; p++)
        {
            string text = paragraphs[p];
            var spans = QuoteSpans.Find(text);
            if (open is not null)
            {
                if (spans.Count > 0 && text.AsSpan(0, spans[0].Open).Trim().IsEmpty)
                {
                    AddPart(open, spans[0].Inner(text));
                    open.RunsOn = !spans[0].Closed;
                    if (!spans[0].Closed)
                        continue;
                    ApplyAttribution(open, text, spans, 0, p, ctx);
                    spans.RemoveAt(0);
                    open = null;
                }
                else
                {
                    open = null;
                }
            }

            Unit? previous = null;
            for (int k = 0; k < spans.Count; k++)
            {
                var span = spans[k];
                string inner = span.Inner(text).Trim();
                if (inner.Length == 0)
                    continue;
                bool merge = previous is not null && GapIsAttributionOnly(text, spans[k - 1], span);
                if (!merge && IsScareOrTitle(text, span, inner))
                    continue;
                Unit unit;
                if (merge)
                {
                    unit = previous!;
                    AddPart(unit, inner);
                }
                else
                {
                    unit = new Unit { Paragraph = p, Offset = span.Open };
                    AddPart(unit, inner);
                    // A paragraph that is only a quotation continues the quote that closed the previous paragraph.
                    if (k == 0 && spans.Count == 1 && IsWholeParagraph(text, span) && units.Count > 0 && units[^1].Paragraph == p - 1
                        && units[^1].Attributed && EndsWithQuote(paragraphs[p - 1]) && FindAttribution(text, spans, k) is null)
                    {
                        units[^1].Parts.Add(inner);
                        previous = units[^1];
                        continue;
                    }
                    units.Add(unit);
                }
                previous = unit;
                if (!span.Closed)
                {
                    unit.RunsOn = true;
                    open = unit;
                }
                ApplyAttribution(unit, text, spans, k, p, ctx);
                if (!unit.Attributed && IsWholeParagraph(text, span))
                {
                    // Floating quotation: the subject introduced by a colon at the end of the last paragraph, or the current speaker.
                    if (p > 0 && paragraphs[p - 1].TrimEnd().EndsWith(':') && IntroSpeaker(paragraphs[p - 1]) is { } intro)
                        Resolve(unit, intro, "said", p, span.Open, ctx);
                    else if (p > 0 && QuoteSpans.Find(paragraphs[p - 1]).Count == 0
                             && PriorSubject(paragraphs[p - 1] + " ", '?', ctx) is { Kind: SpeakerKinds.Person } reported)
                    {
                        // "Rhodes said she was never told." then a paragraph that is only a quotation: Rhodes speaks.
                        Resolve(unit, reported, "said", p, span.Open, ctx);
                        unit.Cue = null;
                    }
                    else if (ctx.Current is not null)
                    {
                        unit.Speaker = ctx.Current;
                        unit.Cue = null;
                    }
                }
            }
        }

        AddInterviewTurns(document, paragraphs, units, ctx);

        foreach (var unit in units)
        {
            if (!unit.Attributed && unit.Words < MinUnattributedWords)
                continue;
            // Parts keep the punctuation inside their marks; a trailing comma before the attribution is dropped.
            string text = string.Join(' ', unit.Parts).TrimEnd();
            if (text.EndsWith(','))
                text = text[..^1];
            document.Quotes.Add(new Quote
            {
                Text = text,
                SpeakerMention = unit.Speaker?.Mention,
                SpeakerKind = unit.Speaker?.Kind ?? SpeakerKinds.Unknown,
                Cue = unit.Cue,
                Paragraph = unit.Paragraph,
            });
        }
    }

    /// <summary>
    /// Q&amp;A interviews and transcripts: each labelled turn is a quote of its speaker. "Q" turns go to the interviewer
    /// (the byline's author when there is one), "A" turns to the interviewee, the person the article names most;
    /// name labels ("KERRY") resolve to the full name met in the article.
    /// </summary>
    private static void AddInterviewTurns(ArticleDocument document, List<string> paragraphs, List<Unit> units, Context ctx)
    {
        var turns = InterviewTurns.Find(paragraphs);
        if (turns.Count == 0)
            return;
        string? interviewee = ctx.Salience.MostMentionedPerson(document.Metadata.Authors);
        foreach (var turn in turns)
        {
            if (units.Any(u => u.Paragraph == turn.Paragraph))
                continue;
            SpeakerPhrase? speaker;
            if (InterviewTurns.IsQuestioner(turn.Label))
                speaker = document.Metadata.Authors.Count > 0 ? new SpeakerPhrase(document.Metadata.Authors[0], SpeakerKinds.Person)
                    : new SpeakerPhrase("the interviewer", SpeakerKinds.Unknown);
            else if (InterviewTurns.IsAnswerer(turn.Label))
                speaker = interviewee is not null ? new SpeakerPhrase(interviewee, SpeakerKinds.Person) : null;
            else
            {
                string label = turn.Label.Any(char.IsLower) ? turn.Label : System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(turn.Label.ToLowerInvariant());
                speaker = new SpeakerPhrase(ctx.Salience.PersonName(label) ?? label, SpeakerKinds.Person);
            }
            var unit = new Unit { Paragraph = turn.Paragraph, Offset = 0, Speaker = speaker, Cue = "interview" };
            unit.Parts.Add(turn.Text);
            units.Add(unit);
        }
        units.Sort((a, b) => a.Paragraph.CompareTo(b.Paragraph));
    }

    private static void AddPart(Unit unit, string inner)
    {
        inner = inner.Trim();
        if (inner.Length > 0)
            unit.Parts.Add(inner);
    }

    private static void ApplyAttribution(Unit unit, string text, List<QuoteSpan> spans, int k, int p, Context ctx)
    {
        if (unit.Attributed)
            return;
        if (FindAttribution(text, spans, k) is not { } found)
            return;
        Resolve(unit, found.Speaker, found.Cue, p, spans[k].Open, ctx);
    }

    /// <summary>
    /// Resolves a speaker phrase against the article: pronouns to the subject of the sentence before the quote or the
    /// nearest person of fitting gender, surnames to full names, "the company" and unnamed spokespeople to the nearest
    /// organisation, "this official" to the earlier official.
    /// </summary>
    private static void Resolve(Unit unit, SpeakerPhrase speaker, string cue, int p, int offset, Context ctx)
    {
        if (speaker.IsPronoun)
        {
            if (speaker.Mention is "it")
            {
                // "it said": the organisation speaking now, or the nearest one.
                var org = ctx.Current is { Kind: SpeakerKinds.Organization } ? ctx.Current
                    : ctx.Salience.NearestOrganization(p, offset + 1) is { } near ? new SpeakerPhrase(near.Name, SpeakerKinds.Organization) : null;
                if (org is null)
                    return;
                speaker = org;
            }
            else if (speaker.Mention is "they" or "we" or "ils" or "elles")
            {
                if (ctx.Current is null)
                    return;
                speaker = ctx.Current;
            }
            else
            {
                char gender = speaker.Mention is "he" or "er" or "il" ? 'M' : speaker.Mention is "she" or "sie" or "elle" ? 'F' : '?';
                var resolved = PriorSubject(ctx.Paragraphs[p][..Math.Min(offset, ctx.Paragraphs[p].Length)], gender, ctx);
                if (resolved is null && ctx.Salience.NearestPerson(p, offset, gender) is { } near)
                    resolved = new SpeakerPhrase(near.Name, SpeakerKinds.Person);
                resolved ??= ctx.Current;
                if (resolved is null)
                    return;
                speaker = resolved;
            }
        }
        else if (speaker.RoleNoun is "spokesperson-again" && ctx.Current is { Kind: SpeakerKinds.Organization } speaking)
        {
            speaker = speaking;   // "the spokesperson said" again: the organisation already speaking
        }
        else if (speaker.RoleNoun is "spokesperson" or "spokesperson-again")
        {
            var org = ctx.Salience.NearestOrganization(p, offset + 1, speaker.Mention.Length > 0 ? speaker.Mention : null);
            speaker = org is not null ? new SpeakerPhrase(org.Name, SpeakerKinds.Organization)
                : speaker.Mention.Length > 0 ? speaker with { RoleNoun = null } : new SpeakerPhrase("a spokesperson", SpeakerKinds.Anonymous);
        }
        else if (speaker.Kind == SpeakerKinds.Organization && speaker.Mention.Length > 0 && char.IsLower(speaker.Mention[0]))
        {
            // "the company", "the hospital": the nearest organisation.
            if (ctx.Salience.NearestOrganization(p, offset + 1) is { } org)
                speaker = new SpeakerPhrase(org.Name, SpeakerKinds.Organization);
        }
        else if (speaker.Kind == SpeakerKinds.Person && speaker.RoleNoun is null && ctx.Salience.PersonName(speaker.Mention) is { } full)
        {
            speaker = speaker with { Mention = full };
        }
        else if (speaker.RoleNoun is { } title && speaker.Kind == SpeakerKinds.Person
                 && ctx.Salience.NearestTitled(p, offset, SpeakerParser.Capitalize(title)) is { } titled)
        {
            speaker = new SpeakerPhrase(titled.Name, SpeakerKinds.Person);
        }
        else if (speaker.RoleNoun is { } role)
        {
            if (ctx.Roles.TryGetValue(role, out var earlier))
                speaker = earlier;
            else if (speaker.Kind == SpeakerKinds.Anonymous && ctx.Current is { Kind: SpeakerKinds.Anonymous })
                speaker = ctx.Current;
            else if (speaker.Kind == SpeakerKinds.Anonymous && !role.EndsWith('s'))
                speaker = speaker with { Mention = "a " + Regex.Replace(speaker.Mention, @"^(?:this|that|the)\s+", "", RegexOptions.IgnoreCase) };
        }
        unit.Speaker = speaker;
        unit.Cue = cue;
        ctx.Current = speaker;
        if (speaker.Kind == SpeakerKinds.Anonymous)
        {
            string[] w = speaker.Mention.Split(' ');
            if (SpeakerParser.HeadNoun(w) is { } head)
                ctx.Roles[head] = speaker;
        }
    }

    /// <summary>The named subject of the last attribution before the quote in its paragraph ("Emily Sauer, …, said her group …").</summary>
    private static SpeakerPhrase? PriorSubject(string before, char gender, Context ctx)
    {
        string t = before.TrimEnd().TrimEnd('“', '"', '‘', '\'', '„', '«').TrimEnd();
        if (t.Length == 0)
            return null;
        var sentences = SentenceEnd().Split(t);
        for (int i = sentences.Length - 1; i >= 0; i--)
        {
            var found = BeforeAttribution(sentences[i].TrimEnd('.', ' ') + " ", allowMidClause: true);
            if (found is { } f && !f.Speaker.IsPronoun)
            {
                var s = f.Speaker;
                if (s.Kind == SpeakerKinds.Person && ctx.Salience.PersonName(s.Mention) is { } full)
                    s = s with { Mention = full };
                char g = s.Kind == SpeakerKinds.Person ? ctx.Salience.GenderOf(s.Mention) : '?';
                if (gender == '?' || g == '?' || g == gender)
                    return s;
            }
        }
        return null;
    }

    /// <summary>The attribution of span <paramref name="k"/>: after the closing mark, else before the opening mark.</summary>
    private static (SpeakerPhrase Speaker, string Cue)? FindAttribution(string text, List<QuoteSpan> spans, int k)
    {
        var span = spans[k];
        int tailStart = Math.Min(span.Close + 1, text.Length);
        int tailEnd = k + 1 < spans.Count ? spans[k + 1].Open : text.Length;
        string tail = text[tailStart..Math.Max(tailStart, tailEnd)];
        if (AfterAttribution(tail) is { } after)
            return after;
        int headStart = k > 0 ? Math.Min(spans[k - 1].Close + 1, span.Open) : 0;
        string head = text[headStart..span.Open];
        return BeforeAttribution(head);
    }

    private static (SpeakerPhrase Speaker, string Cue)? AfterAttribution(string tail)
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
        for (int i = 0; i < Math.Min(words.Count, 22); i++)
        {
            if (!IsCue(words, i, out int cueLength))
                continue;
            string cue = string.Join(' ', words.Skip(i).Take(cueLength)).TrimEnd('.', ',', ':', ';');
            if (i == 0)
            {
                // “…,” said X, president of Y.
                string spk = string.Join(' ', words.Skip(cueLength).TakeWhile(w => !w.EndsWith(',') && !w.EndsWith('.')).Concat(
                    words.Skip(cueLength).SkipWhile(w => !w.EndsWith(',') && !w.EndsWith('.')).Take(1)));
                if (SpeakerParser.Parse(spk) is { } s)
                    return (s, cue);
                return null;
            }
            string subject = string.Join(' ', words.Take(i));
            // "X, president of Y, said": the name before the apposition.
            if (subject.Contains(','))
            {
                string headPart = subject[..subject.IndexOf(',')];
                if (SpeakerParser.Parse(headPart) is { } hp)
                    return (hp, cue);
            }
            if (SpeakerParser.Parse(subject) is { } sp)
                return (sp, cue);
            return null;
        }
        return null;
    }

    private static (SpeakerPhrase Speaker, string Cue)? BeforeAttribution(string head, bool allowMidClause = false)
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
            // Participles ("saying", "adding") take the clause subject: the first noun phrase of the sentence.
            if (cue.EndsWith("ing") || before.Count == 0)
            {
                if (SubjectOf(before) is { } subj)
                    return (subj, cue);
                continue;
            }
            // "X, a regional director with Y, said": the name before the apposition (after any leading "After the match,").
            if (before[^1].EndsWith(','))
            {
                before = Words(StripLead(string.Join(' ', before)));
                int comma = before.FindIndex(w => w.EndsWith(','));
                string headPart = string.Join(' ', before.Take(comma + 1)).TrimEnd(',');
                if (SpeakerParser.Parse(StripLead(headPart)) is { } hp)
                    return (hp, cue);
            }
            // The subject sits right before the cue, after the last comma or conjunction.
            int from = before.Count - 1;
            while (from > 0 && before.Count - from < 14 && !before[from - 1].EndsWith(',') && before[from - 1] is not ("and" or "but" or "that" or "as" or "because" or "while" or "when"))
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

    /// <summary>Drops a leading adverbial ("In March,", "Meanwhile,") so the subject comes first.</summary>
    private static string StripLead(string s) => Regex.Replace(s, @"^(?:in|on|at|after|before|during|since|meanwhile|but|and|so|still|yet|however|moreover)\b[^,]*,\s*", "", RegexOptions.IgnoreCase);

    /// <summary>The first noun phrase of a clause that can be a speaker (skipping a leading subordinate word).</summary>
    private static SpeakerPhrase? SubjectOf(List<string> words)
    {
        string joined = string.Join(' ', words);
        string stripped = StripLead(joined);
        if (stripped.Length > 0 && stripped.Length < joined.Length && SubjectOfCore(Words(stripped)) is { } s)
            return s;
        return SubjectOfCore(words);
    }

    private static SpeakerPhrase? SubjectOfCore(List<string> words)
    {
        // The subject ends at the first comma: "Ray Castañeda, who chairs …" → "Ray Castañeda".
        int comma = words.FindIndex(w => w.EndsWith(','));
        if (comma >= 1 && !(comma == 0))
        {
            var head = words.Take(comma + 1).ToList();
            head[^1] = head[^1].TrimEnd(',');
            if (!(head[0] is "After" or "When" or "While" or "As" or "Before" or "Since" or "In" or "Then" or "But" or "And"))
                words = head;
        }
        int start = 0;
        if (start < words.Count && words[0] is "After" or "When" or "While" or "As" or "Before" or "Since" or "In" or "Then" or "But" or "And")
            start++;
        for (int len = Math.Min(8, words.Count - start); len >= 1; len--)
        {
            var slice = words.Skip(start).Take(len).ToList();
            if (slice[^1].EndsWith(','))
                continue;
            string last = slice[^1];
            if (!SpeakerParser.IsCap(last) && !Lexicons.AnonymousHeads.Contains(last.ToLowerInvariant())
                && !Lexicons.OrgHeads.Contains(SpeakerParser.Capitalize(last)) && !Lexicons.Titles.Contains(last) && !(len == 1 && last is "he" or "she" or "He" or "She"))
                continue;
            if (SpeakerParser.Parse(string.Join(' ', slice)) is { } s)
                return s;
        }
        return null;
    }


    /// <summary>The subject of the last sentence of a paragraph that ends with a colon ("Moreover, this official said, …:").</summary>
    private static SpeakerPhrase? IntroSpeaker(string paragraph)
    {
        var before = BeforeAttribution(paragraph.TrimEnd().TrimEnd(':'));
        if (before is { } b)
            return b.Item1;
        // "this official said, the sanctions need time …:" – the cue sits mid-sentence.
        var m = MidSentenceCue().Match(LastSentence(paragraph));
        return m.Success ? SpeakerParser.Parse(m.Groups["spk"].Value) : null;
    }

    private static bool IsCue(List<string> words, int i, out int length)
    {
        length = 1;
        string w = words[i].Trim(',', '.', ':', ';').ToLowerInvariant();
        if (w is "according" && i + 1 < words.Count && words[i + 1].StartsWith("to"))
        {
            length = 2;
            return true;
        }
        if (w is "so" && (i == 0 || words[i - 1].EndsWith(',')) && i + 1 < words.Count && words[i + 1] is "der" or "die" or "das" or "ein" or "eine")
            return true;
        if (w is "called" or "calling" or "described" or "describing" or "labeled" or "labelled")
            return i + 1 < words.Count;
        return Lexicons.SpeechVerbs.Contains(w) && w is not ("so" or "post" or "posted" or "report" or "note" or "state") || w is "report" or "reported" && i > 0;
    }

    private static List<string> Words(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string FirstSentence(string tail)
    {
        var m = SentenceEnd().Match(tail);
        return (m.Success ? tail[..(m.Index + 1)] : tail).Trim();
    }

    private static string LastSentence(string head)
    {
        var ms = SentenceEnd().Matches(head);
        return (ms.Count > 0 ? head[(ms[^1].Index + 1)..] : head).Trim();
    }

    private static bool GapIsAttributionOnly(string text, QuoteSpan prev, QuoteSpan next)
    {
        string gap = text[Math.Min(prev.Close + 1, text.Length)..next.Open].Trim();
        if (gap.Length == 0 || gap is "," or ".")
            return true;
        if (BoilerplateStage.WordCount(gap) > 25)
            return false;
        // “A,” she said. “B.” / “A,” she said, “B.” — the gap is the attribution of the first part and nothing more.
        if (AfterAttribution(gap) is null)
            return false;
        return FirstSentence(gap).Length >= gap.TrimEnd().Length - 1;
    }

    private static bool IsWholeParagraph(string text, QuoteSpan span) =>
        text.AsSpan(0, span.Open).Trim().IsEmpty && (span.Close >= text.Length - 1 || text.AsSpan(span.Close + 1).Trim().Length <= 1);

    private static bool EndsWithQuote(string paragraph)
    {
        var spans = QuoteSpans.Find(paragraph);
        if (spans.Count == 0)
            return false;
        // The last quotation closes the paragraph, or only its attribution follows.
        string after = spans[^1].Close >= paragraph.Length ? "" : paragraph[(spans[^1].Close + 1)..];
        return BoilerplateStage.WordCount(after) <= 25;
    }

    /// <summary>Scare quotes, titles and nicknames: short quoted phrases that are not speech.</summary>
    private static bool IsScareOrTitle(string text, QuoteSpan span, string inner)
    {
        int words = BoilerplateStage.WordCount(inner);
        string before = text[..span.Open].TrimEnd();
        if (ScareLead().IsMatch(before) && words <= 8)
            return true;
        bool sentence = inner.TrimEnd().Length > 0 && ".!?…".Contains(inner.TrimEnd().TrimEnd('"', '’', '\'')[^1]);
        if (words <= 12 && !sentence && TitleCase(inner) && words >= 1 && !HasAdjacentCue(text, span))
            return true;
        if (words < MinUnattributedWords && !sentence && !HasAdjacentCue(text, span))
            return true;
        return false;
    }

    private static bool TitleCase(string inner)
    {
        var ws = inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int caps = ws.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        return ws.Length > 0 && caps >= Math.Max(1, ws.Length - ws.Count(w => w.Length <= 3 && char.IsLower(w[0])));
    }

    private static bool HasAdjacentCue(string text, QuoteSpan span)
    {
        int a = Math.Max(0, span.Open - 60);
        string before = text[a..span.Open];
        string after = span.Close + 1 < text.Length ? text[(span.Close + 1)..Math.Min(text.Length, span.Close + 60)] : "";
        var wb = Words(before);
        var wa = Words(after);
        for (int i = Math.Max(0, wb.Count - 4); i < wb.Count; i++)
            if (IsCue(wb, i, out _) || wb[i] is "called" or "calling" or "described")
                return true;
        for (int i = 0; i < Math.Min(wa.Count, 5); i++)
            if (IsCue(wa, i, out _))
                return true;
        return false;
    }

    [GeneratedRegex(@"(?:so-called|so called|dubbed|termed|described as|referred to as|known as|nicknamed|the word|the term|the phrase|titled|entitled|named|labeled|labelled|branded|what (?:he|she|they|it) calls?|sogenannte[nrms]?|genannte[nrms]?|dite|appelée?s?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ScareLead();
    [GeneratedRegex(@"^[\s,]*(?:—|–|--|-)\s*(?<spk>[A-Z][^,.;()]{2,80})")]
    private static partial Regex DashAttribution();
    [GeneratedRegex(@"\b(?:according to|in the words of) (?<spk>(?:the |a |an )?[^,.;:“”""]{2,80}?)(?=[,.;:]|$| who | in | on )", RegexOptions.IgnoreCase)]
    private static partial Regex AccordingTo();
    [GeneratedRegex(@"[.!?](?=\s+[A-Z“""‘'(]|\s*$)")]
    private static partial Regex SentenceEnd();
    [GeneratedRegex(@"(?:^|,\s*)(?<spk>(?:this|that|the|one|another|a|an)\s+[\w\s-]{2,50}?)\s+(?:said|says|added|argued|noted|wrote),")]
    private static partial Regex MidSentenceCue();
}

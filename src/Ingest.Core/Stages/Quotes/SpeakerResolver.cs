using Ingest.Core.Document;
using static Ingest.Core.Stages.Quotes.AttributionFinder;
using static Ingest.Core.Stages.Quotes.Sentences;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Resolves the speaker phrase of an attribution against the article (<see cref="AttributionContext"/>) and gives it
/// to the quotation: pronouns to the subject of the sentence before the quote or the nearest person of fitting gender
/// (<see cref="Salience"/>), surnames to full names, "the company" and unnamed spokespeople to the nearest
/// organisation, "this official" to the earlier official, "the president" to the article's President.
/// </summary>
internal static class SpeakerResolver
{
    /// <summary>Finds and resolves the attribution of span <paramref name="k"/> of paragraph <paramref name="p"/>, unless the unit has one.</summary>
    public static void ApplyAttribution(QuoteUnit unit, string text, List<QuoteSpan> spans, int k, int p, AttributionContext ctx)
    {
        if (unit.Attributed)
            return;
        var found = FindAttribution(text, spans, k);
        // A partial quotation after an earlier one in the same reported sentence (X called it “A” and “B”): the cue
        // and its subject stand before the earlier quotation.
        if (found is null && k > 0 && ScareQuotes.InReportedSpeech(text, spans[k]))
            found = BeforeAttribution(text[..spans[k].Open]);
        if (found is null)
            return;
        Resolve(unit, found.Value.Speaker, found.Value.Cue, p, spans[k].Open, ctx);
    }

    /// <summary>
    /// Resolves a speaker phrase against the article: pronouns to the subject of the sentence before the quote or the
    /// nearest person of fitting gender, surnames to full names, "the company" and unnamed spokespeople to the nearest
    /// organisation, "this official" to the earlier official.
    /// </summary>
    public static void Resolve(QuoteUnit unit, SpeakerPhrase speaker, string cue, int p, int offset, AttributionContext ctx)
    {
        if (speaker.IsPronoun)
        {
            char kind = Lexicons.PronounKind(speaker.Mention) ?? '?';
            SpeakerPhrase? resolved;
            // The learnt ranker decides where the rules are unsure: "it" and "they", and he/she/I when no attribution
            // subject before the quote names the person (the salience list or the current speaker would).
            bool unsure = true;
            if (kind == 'N')
            {
                // "it said": the organisation speaking now, or the nearest one.
                resolved = ctx.Current is { Kind: SpeakerKinds.Organization } ? ctx.Current
                    : ctx.Salience.NearestOrganization(p, offset + 1) is { } near ? new SpeakerPhrase(near.Name, SpeakerKinds.Organization) : null;
            }
            else if (kind == 'P')
            {
                resolved = ctx.Current;
            }
            else
            {
                char gender = kind is 'M' or 'F' ? kind : '?';
                resolved = PriorSubject(ctx.Paragraphs[p][..Math.Min(offset, ctx.Paragraphs[p].Length)], gender, ctx);
                unsure = resolved is null;
                if (resolved is null && ctx.Salience.NearestPerson(p, offset, gender) is { } near)
                    resolved = new SpeakerPhrase(near.Name, SpeakerKinds.Person);
                resolved ??= ctx.Current;
            }
            if (unsure)
                resolved = Rank(unit, resolved, kind, p, offset, ctx);
            if (resolved is null)
                return;
            speaker = resolved;
        }
        else if (speaker.RoleNoun is "spokesperson-again" && ctx.Current is { Kind: SpeakerKinds.Organization } speaking)
        {
            speaker = speaking;   // "the spokesperson said" again: the organisation already speaking
        }
        else if (speaker.RoleNoun is "spokesperson" or "spokesperson-again" && SpokenFor(speaker.Mention, ctx) is { } principal)
        {
            speaker = principal;   // "a spokesman for Sen. Ada Roe": the person the spokesman speaks for
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
            if (ctx.Salience.NearestOrganization(p, offset + 1, nominal: true) is { } org)
                speaker = new SpeakerPhrase(org.Name, SpeakerKinds.Organization);
            else if (!speaker.Mention.Contains(' ') || !QuoteRules.Determiners.Contains(speaker.Mention.Split(' ')[0]))
                speaker = speaker with { Mention = "the " + speaker.Mention };   // unresolved: "the company", as written
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
                speaker = speaker with { Mention = "a " + QuoteRules.DefiniteLead.Replace(speaker.Mention, "") };
        }
        unit.Speaker = speaker;
        unit.Cue = cue;
        ctx.Current = speaker;
        ctx.Spoken.Add(speaker.Mention);
        if (speaker.Kind == SpeakerKinds.Anonymous)
        {
            string[] w = speaker.Mention.Split(' ');
            if (SpeakerParser.HeadNoun(w) is { } head)
                ctx.Roles[head] = speaker;
        }
    }

    /// <summary>
    /// The person a spokesperson speaks for ("a spokesman for Sen. Ada Roe", "a spokeswoman for Roe" after "Ada Roe"), or
    /// null when <paramref name="mention"/> names an organisation or nobody: a title before the name, or a person the
    /// article names with a known gender, makes it a person.
    /// </summary>
    private static SpeakerPhrase? SpokenFor(string mention, AttributionContext ctx)
    {
        if (mention.Length == 0 || !SpeakerParser.IsCap(mention))
            return null;
        string[] words = mention.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (Lexicons.OrgHeads.Contains(words[^1].TrimEnd('.')) || Lexicons.KnownOrganizations.Contains(mention))
            return null;
        string name = SpeakerParser.PersonName(words);
        if (name.Length == 0)
            return null;
        // a person the article names with a known given name or honorific, not a capitalised pair seen once before "said"
        if (ctx.Salience.PersonName(name) is { } full && ctx.Salience.GenderOf(full) != '?')
            return new SpeakerPhrase(full, SpeakerKinds.Person);
        return Lexicons.Titles.Contains(words[0].TrimEnd('.')) && words.Length > 1 ? new SpeakerPhrase(name, SpeakerKinds.Person) : null;
    }

    /// <summary>
    /// The learnt ranker's choice among the candidates (<see cref="SpeakerCandidates"/>) for a pronoun speaker
    /// of anaphor class <paramref name="anaphor"/>, or the rules' choice <paramref name="rules"/> when there is no ranker,
    /// no candidate, or the rules chose someone outside the candidates. Gives the candidate set to the training trace.
    /// </summary>
    private static SpeakerPhrase? Rank(QuoteUnit unit, SpeakerPhrase? rules, char anaphor, int p, int offset, AttributionContext ctx)
    {
        if (ctx.Ranker is null && ctx.Trace is null)
            return rules;
        var set = SpeakerCandidates.For(ctx, p, offset, anaphor, rules?.Mention);
        ctx.Trace?.Invoke(unit, set);
        // The ranker chooses among what it sees: a rules' choice outside the candidates (an unnamed current speaker,
        // a person of the other gender) stays.
        if (ctx.Ranker is null || set.Candidates.Count == 0 || rules is not null && set.Candidates.All(c => c.Name != rules.Mention))
            return rules;
        var best = set.Candidates[ctx.Ranker.Choose(set)];
        if (rules is not null && best.Name == rules.Mention)
            return rules;
        return new SpeakerPhrase(best.Name, best.IsPerson ? SpeakerKinds.Person : SpeakerKinds.Organization);
    }

    /// <summary>The named subject of the last attribution before the quote in its paragraph ("Jane Doe, …, said her group …").</summary>
    public static SpeakerPhrase? PriorSubject(string before, char gender, AttributionContext ctx)
    {
        string t = before.TrimEnd().TrimEnd('“', '"', '‘', '\'', '„', '«').TrimEnd();
        if (t.Length == 0)
            return null;
        var sentences = Sentences.Split(t);
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
    }}

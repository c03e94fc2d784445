using System.Text.RegularExpressions;
using Ingest.Core.Document;

namespace Ingest.Core.Stages.Quotes;

/// <summary>A speaker as the attribution writes it, reduced to a mention and a kind.</summary>
/// <param name="Mention">Name, description or pronoun ("Jane Doe", "a senior administration official", "he").</param>
/// <param name="Kind">See <see cref="SpeakerKinds"/>; <see cref="SpeakerKinds.Unknown"/> for pronouns until resolved.</param>
/// <param name="IsPronoun">True for he/she/they/I/we, resolved later to an earlier speaker.</param>
/// <param name="RoleNoun">For "the president" / "this official": the role noun to resolve against earlier speakers.</param>
internal sealed record SpeakerPhrase(string Mention, string Kind, bool IsPronoun = false, string? RoleNoun = null);

/// <summary>Reduces the words of an attribution's subject to a <see cref="SpeakerPhrase"/>.</summary>
internal static class SpeakerParser
{
    /// <summary>Phrases longer than this many words are clauses, not speakers.</summary>
    private const int MaxPhraseWords = 16;

    /// <summary>A personal name taken off the end of a capitalised run has at most this many words (before any "Jr.").</summary>
    private const int MaxNameWords = 4;

    /// <summary>Parses <paramref name="phrase"/>, or returns null when it names no speaker.</summary>
    public static SpeakerPhrase? Parse(string phrase)
    {
        phrase = Cleanup(phrase);
        if (phrase.Length == 0)
            return null;
        var spokes = Spokesperson().Match(phrase);
        if (spokes.Success)
        {
            // An unnamed spokesperson speaks for the organisation (SCHEMA.md); the organisation may be named here or before.
            string org = spokes.Groups["org"].Success ? spokes.Groups["org"].Value : spokes.Groups["pre"].Success ? spokes.Groups["pre"].Value : "";
            bool again = QuoteRules.DefiniteLead.IsMatch(phrase) && org.Length == 0;
            return new SpeakerPhrase(StripDeterminer(org.Trim()), SpeakerKinds.Organization, RoleNoun: again ? "spokesperson-again" : "spokesperson");
        }
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A clause, not a noun phrase ("This is a leader who").
        if (words.Any(QuoteRules.ClauseVerbs.Contains))
            return null;
        if (words.Length == 1 && Lexicons.Pronouns.Contains(StripPossessive(words[0])))
        {
            // "he", and "He's" of "He's claiming that …"
            string pronoun = words[0].Length > 2 && !Lexicons.Pronouns.Contains(words[0]) ? StripPossessive(words[0]) : words[0];
            return new SpeakerPhrase(pronoun.ToLowerInvariant(), SpeakerKinds.Unknown, IsPronoun: true);
        }
        // "She then urges her husband": a clause with its own subject, not a noun phrase.
        if (words.Length > 1 && Lexicons.EnglishHeShe.Contains(StripPossessive(words[0])))
            return null;
        if (words.Length > MaxPhraseWords)
            return null;

        // "an aide to Gov. Ada Roe", "a lawyer for the Harbor Authority": an unnamed person described by whom they serve;
        // the name after the preposition is not the speaker.
        if (words.Length >= 4 && QuoteRules.Determiners.Contains(words[0].ToLowerInvariant()) && !QuoteRules.DefiniteDeterminers.Contains(words[0].ToLowerInvariant())
            && Lexicons.AnonymousHeads.Contains(words[1].ToLowerInvariant()) && words[2] is "to" or "for" or "of" or "with" or "at")
            return new SpeakerPhrase(FixArticle(words[0].ToLowerInvariant() + " " + string.Join(' ', words.Skip(1))), SpeakerKinds.Anonymous);
        // A capitalised name in the phrase: the last run of capitalised words (with connectors inside).
        var run = LastCapitalRun(words);
        string? head = HeadNoun(words);
        if (run is not null)
        {
            var runWords = run.Split(' ');
            bool org = Lexicons.OrgHeads.Contains(runWords[^1]) || Lexicons.KnownOrganizations.Contains(run)
                       || (head is not null && Lexicons.OrgHeads.Contains(Capitalize(head)) && !Lexicons.AnonymousHeads.Contains(head));
            // "a Harbor Authority memo": the organisation whose text it is
            if (org && head is not null && QuoteRules.DocumentSources.Contains(head) && Lexicons.OrgHeads.Contains(runWords[^1]))
                return new SpeakerPhrase(StripDeterminer(run), SpeakerKinds.Organization);
            if (org)
                return new SpeakerPhrase(StripDeterminer(phrase.StartsWith(run, StringComparison.Ordinal) ? run : OrgPhrase(words)), SpeakerKinds.Organization);
            string name = PersonName(runWords);
            if (name.Length > 0 && !Lexicons.Demonyms.Contains(name) && !IsAnonymousWithPlace(words, head))
                return new SpeakerPhrase(name, SpeakerKinds.Person);
        }
        if (head is not null && words[0].Equals("the", StringComparison.OrdinalIgnoreCase) && Lexicons.Titles.Contains(head))
            return new SpeakerPhrase(phrase, SpeakerKinds.Person, RoleNoun: head);
        if (head is not null && Lexicons.AnonymousHeads.Contains(head) && !Lexicons.OrgHeads.Contains(Capitalize(head)))
        {
            string det = words[0].ToLowerInvariant();
            if (QuoteRules.DefiniteDeterminers.Contains(det))
                return new SpeakerPhrase(phrase, SpeakerKinds.Anonymous, RoleNoun: head);
            string desc = QuoteRules.Determiners.Contains(words[0]) ? "a " + string.Join(' ', words.Skip(1)) : phrase;
            if (QuoteRules.PluralDeterminers.Contains(det))
                desc = phrase;
            return new SpeakerPhrase(FixArticle(desc), SpeakerKinds.Anonymous);
        }
        if (head is not null && Lexicons.OrgHeads.Contains(Capitalize(head)))
            return new SpeakerPhrase(StripDeterminer(phrase), SpeakerKinds.Organization);
        // "the report", "a Homeland Security memo", "her book": a text cited as the source, kept as written.
        if (head is not null && QuoteRules.DocumentSources.Contains(head) && (QuoteRules.Determiners.Contains(words[0]) || IsPossessive(words[0])))
            return new SpeakerPhrase(phrase, SpeakerKinds.Anonymous);
        if (head is not null && words[0].Equals("the", StringComparison.OrdinalIgnoreCase) && Lexicons.Titles.Contains(head))
            return new SpeakerPhrase(phrase, SpeakerKinds.Person, RoleNoun: head);
        return null;
    }

    private static bool IsPlace(string name) =>
        Lexicons.Countries.ContainsKey(name) || Lexicons.Cities.ContainsKey(name) || Lexicons.UsStates.Contains(name);

    private static bool IsAnonymousWithPlace(string[] words, string? head) =>
        head is not null && Lexicons.AnonymousHeads.Contains(head) && QuoteRules.Determiners.Contains(words[0]);

    private static string Cleanup(string phrase)
    {
        phrase = Regex.Replace(phrase, @"^[\s,;:—–-]+|[\s,;:—–-]+$", "");
        phrase = LeadingFiller().Replace(phrase, "");
        phrase = TrailingTime().Replace(phrase, "");
        phrase = TrailingFiller().Replace(phrase, "");
        return StripSentenceStop(phrase.Trim());
    }

    /// <summary>
    /// "a spokesman for Ada Roe." → "a spokesman for Ada Roe": the full stop of the sentence the phrase ends is no part
    /// of it, unless it is an abbreviation's ("Inc.", "Jr.", "Sen.") or an initial's ("J.").
    /// </summary>
    internal static string StripSentenceStop(string phrase)
    {
        if (!phrase.EndsWith('.'))
            return phrase;
        int space = phrase.LastIndexOf(' ');
        string last = phrase[(space + 1)..];
        if (Entities.EntityRules.Abbreviations.Contains(last) || QuoteRules.NameSuffixes.Contains(last) || Lexicons.IsTitleAbbreviation(last)
            || Sentences.IsInitials(last) || last.Length <= 2)
            return phrase;
        return phrase[..^1];
    }

    /// <summary>The last run of capitalised words, allowing lower-case connectors ("of", "de") inside.</summary>
    internal static string? LastCapitalRun(string[] words)
    {
        int end = -1;
        for (int i = words.Length - 1; i >= 0; i--)
        {
            if (IsCap(words[i]))
            {
                end = i;
                break;
            }
        }
        if (end < 0)
            return null;
        int start = end;
        while (start > 0 && (IsCap(words[start - 1]) || (Lexicons.NameConnectors.Contains(words[start - 1]) && start > 1 && IsCap(words[start - 2]))))
            start--;
        // Skip a sentence-initial capital that is just a determiner.
        while (start <= end && QuoteRules.Determiners.Contains(words[start]))
            start++;
        return start > end ? null : string.Join(' ', words[start..(end + 1)]);
    }

    /// <summary>Takes the personal name off the end of a capitalised run: titles, offices and organisations before it are dropped.</summary>
    internal static string PersonName(string[] run)
    {
        int end = run.Length - 1;
        while (end >= 0 && QuoteRules.NameSuffixes.Contains(run[end]))
            end--;
        if (end < 0)
            return "";
        int start = end;
        for (int i = end - 1; i >= 0 && end - i < MaxNameWords; i--)
        {
            string w = run[i].TrimEnd('.');
            if (Lexicons.Titles.Contains(w) || Lexicons.NameConnectors.Contains(run[i]) && !Lexicons.NameParticles.Contains(run[i]) || Lexicons.OrgHeads.Contains(w))
                break;
            if (!IsCap(run[i]) && !Lexicons.NameParticles.Contains(run[i]))
                break;
            start = i;
            if (Lexicons.FirstNames.Contains(w))
                break;
        }
        var name = run[start..(end + 1)];
        // "Representative Ada Roe of New York": the place after "of"/"from" is where the speaker is from.
        if (start >= 2 && run[start - 1] is "of" or "from" && IsPlace(string.Join(' ', name).TrimEnd(',', '.')))
            return PersonName(run[..(start - 1)]);
        if (name.Length == 1 && Lexicons.Titles.Contains(name[0].TrimEnd('.')) && run.Length > 1)
            return "";
        // Sentence adverbs and openers are not names ("However", "Writing", "After").
        if (name.Length == 1 && (Entities.MentionFinder.Stop.Contains(name[0]) || name[0].EndsWith("ly", StringComparison.Ordinal) || name[0].EndsWith("ing", StringComparison.Ordinal)))
            return "";
        return StripPossessive(string.Join(' ', name).TrimEnd(',', '.'));
    }

    private static bool IsPossessive(string word) =>
        StripPossessive(word).Length < word.Length || QuoteRules.PossessiveDeterminers.Contains(word);

    /// <summary>"Ada Roe's" → "Ada Roe": the owner of a nominal cue ("Roe's claim that …") is the speaker.</summary>
    internal static string StripPossessive(string name) =>
        name.EndsWith("'s", StringComparison.Ordinal) || name.EndsWith("’s", StringComparison.Ordinal) ? name[..^2]
        : name.EndsWith("s'", StringComparison.Ordinal) || name.EndsWith("s’", StringComparison.Ordinal) ? name[..^1] : name;

    private static string OrgPhrase(string[] words)
    {
        int start = 0;
        while (start < words.Length && QuoteRules.Determiners.Contains(words[start]))
            start++;
        return string.Join(' ', words[start..]);
    }

    private static string StripDeterminer(string s) =>
        Lexicons.LeadingArticle.Replace(s, "");

    private static string FixArticle(string desc) =>
        Regex.Replace(desc, @"^a (?=[aeiouAEIOU])", "an ");

    /// <summary>The head noun of a noun phrase: the last word before a post-modifier ("of", "for", "at", "who", ",").</summary>
    internal static string? HeadNoun(string[] words)
    {
        int end = words.Length;
        for (int i = 1; i < words.Length; i++)
        {
            if (QuoteRules.PostModifiers.Contains(words[i]))
            {
                end = i;
                break;
            }
            if (words[i - 1].EndsWith(','))
            {
                end = i;
                break;
            }
        }
        return end == 0 ? null : words[end - 1].TrimEnd(',', '.').ToLowerInvariant();
    }

    internal static bool IsCap(string w) =>
        w.Length > 0 && char.IsUpper(w[0]);

    internal static string Capitalize(string w) => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..];

    private static readonly Lazy<Regex> _spokesperson = new(() => new Regex("^(?:" + QuoteRules.Alternation("determiners.txt") + @"\s+)?(?:(?<pre>\p{Lu}[\w.&'’-]*(?:\s\p{Lu}[\w.&'’-]*){0,3})\s+)?"
        + QuoteRules.Alternation("spokesperson_nouns.txt") + @"(?:\s+(?:for|of|at|with)\s+(?<org>.+))?$", RegexOptions.IgnoreCase));
    private static readonly Lazy<Regex> _leadingFiller = new(() => new Regex("^" + QuoteRules.Alternation("leading_fillers.txt") + @"\s+", RegexOptions.IgnoreCase));
    private static readonly Lazy<Regex> _trailingFiller = new(() => new Regex(@"\s+" + QuoteRules.Alternation("trailing_fillers.txt") + "$", RegexOptions.IgnoreCase));

    /// <summary>"a Harbor City spokesperson", "the spokeswoman for the Harbor City Council": groups pre and org name the organisation.</summary>
    private static Regex Spokesperson() => _spokesperson.Value;
    private static Regex LeadingFiller() => _leadingFiller.Value;
    private static Regex TrailingFiller() => _trailingFiller.Value;

    /// <summary>
    /// A time adverbial at the end of a speaker phrase: "on Monday", "last Tuesday night", "on Jan. 5, 2025", "in March",
    /// "Monday", "yesterday" (speaker_time_words.txt). Only after at least one word, so a phrase is never emptied by it; a
    /// month name ("May", also a given name) only with a preposition before it.
    /// </summary>
    private static Regex TrailingTime() => _trailingTime.Value;

    private static readonly Lazy<Regex> _trailingTime = new(() => new Regex(
        @"(?<=\S)\s+(?:(?:on|in|last|this|next|early|late|earlier|later)\s+)+" + QuoteRules.Alternation("speaker_time_words.txt")
        + @"\.?(?:\s+(?:morning|afternoon|evening|night|\d{1,2}(?:st|nd|rd|th)?))?(?:,?\s+\d{4})?\.?$"
        + @"|(?<=\S)\s+(?:" + string.Join('|', Lexicons.Lines("speaker_time_words.txt").Where(w => !DateParser.IsMonthName(w)).Select(Regex.Escape))
        + @")(?:\s+(?:morning|afternoon|evening|night))?\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
}

using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages.Quotes;

/// <summary>A person or organisation mentioned in the body, at a position, for resolving pronouns and role nouns.</summary>
/// <param name="Paragraph">Body paragraph index.</param>
/// <param name="Offset">Character offset in the paragraph.</param>
/// <param name="Name">Fullest name known for the referent so far ("Jane Doe" for a later "Doe").</param>
/// <param name="IsPerson">Person (true) or organisation (false).</param>
/// <param name="Gender">'M', 'F' or '?' for persons; '?' for organisations.</param>
/// <param name="IsSubject">Whether the mention starts its sentence or stands before a cue verb (a grammatical subject, roughly).</param>
/// <param name="IsOther">A capitalised name that is neither a known person nor a known organisation nor a place.</param>
internal sealed record Referent(int Paragraph, int Offset, string Name, bool IsPerson, char Gender, bool IsSubject = false, bool IsOther = false);

/// <summary>
/// The people and organisations of an article in reading order, with surnames linked to full names and a gender
/// from the given name (SSA data) or an honorific: the salience list that resolves "he said", "she added",
/// "the company said" and "a spokesperson said" to the nearest fitting referent before the quote.
/// </summary>
internal sealed class Salience
{
    /// <summary>A person name starting at a given name has at most this many words.</summary>
    private const int MaxNameWords = 4;

    /// <summary>Pronouns look back this many paragraphs for a person, …</summary>
    private const int PersonLookBack = 6;

    /// <summary>… "the company" and spokespeople this many for an organisation.</summary>
    private const int OrganizationLookBack = 10;

    /// <summary>Cost of a referent that is not a grammatical subject (each paragraph back costs 1).</summary>
    private const double NonSubjectCost = 1.5;

    /// <summary>Cost of a referent of unknown gender for a gendered pronoun.</summary>
    private const double UnknownGenderCost = 0.75;

    /// <summary>Cost per referent passed on the way back: ties go to the nearest.</summary>
    private const double RankCost = 0.01;

    private readonly List<Referent> _referents = [];
    private readonly HashSet<(int Paragraph, int Offset)> _cueSubjects = [];
    private readonly Dictionary<string, (string Name, char Gender)> _persons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _titles = new(StringComparer.Ordinal);

    public Salience(BodyWords body)
    {
        var lower = body.LowerCase;
        foreach (var m in body.Mentions)
        {
            var tokens = m.Tokens;
            bool subject = m.SentenceInitial || IsCueWord(m.After);
            if (IsCueWord(m.After))
                _cueSubjects.Add((m.Paragraph, m.Start));
            if (IsOrganization(tokens, m.Text))
            {
                _referents.Add(new Referent(m.Paragraph, m.Start, m.Text, false, '?', subject));
                continue;
            }
            if (IsPlace(tokens, m.Text) && !_persons.ContainsKey(m.Text))
                continue;
            int first = Array.FindIndex(tokens, t => Lexicons.GivenNames.ContainsKey(t)
                && !(QuoteRules.WordLikeGivenNames.Contains(t) || lower.Contains(t.ToLowerInvariant())));
            if (first >= 0 && first < tokens.Length - 1 && tokens.Length - first <= MaxNameWords && !Lexicons.OrgHeads.Contains(tokens[^1]))
            {
                string name = string.Join(' ', tokens[first..]);
                char gender = Lexicons.GivenNames[tokens[first]];
                if (first > 0 && HonorificGender(tokens[first - 1]) is { } g)
                    gender = g;
                AddPerson(name, tokens[^1], gender, first > 0 ? tokens[..first] : [], m, subject);
            }
            else if (_persons.TryGetValue(tokens[^1], out var known))
            {
                _referents.Add(new Referent(m.Paragraph, m.Start, known.Name, true, known.Gender, subject));
                if (tokens.Length > 1 && HonorificGender(tokens[0]) is { } hg && known.Gender == '?')
                    _persons[known.Name] = _persons[tokens[^1]] = (known.Name, hg);
            }
            else if (tokens.Length is 2 or 3 && tokens.All(IsNameWord)
                     && (IsCueWord(m.After) || (EntityRules.AppositionFollowers.Contains(m.After) || m.After is "" or "the") || m.Before.Length > 0 && Lexicons.AnonymousHeads.Contains(m.Before[^1])))
            {
                // An unlisted given name in subject position ("Zephra Doe, who has run a café, said …").
                AddPerson(m.Text, tokens[^1], '?', [], m, true);
            }
            else if (tokens.Length >= 2 && tokens.Length <= 3 && tokens.All(t => t.Length > 1 && char.IsUpper(t[0]) && t.Skip(1).Any(char.IsLower))
                     && Lexicons.Titles.Contains(tokens[0].TrimEnd('.')) && !Lexicons.OrgHeads.Contains(tokens[^1]))
            {
                // "Cllr Roe", "Mr Doe": a titled surname.
                char gender = HonorificGender(tokens[0]) ?? '?';
                AddPerson(string.Join(' ', tokens[1..]), tokens[^1], gender, tokens[..1], m, subject);
            }
            else if (!IsPlace(tokens, m.Text) && !MentionFinder.Stop.Contains(m.Text))
            {
                _referents.Add(new Referent(m.Paragraph, m.Start, m.Text, false, '?', subject, IsOther: true));
            }
        }
    }

    /// <summary>Every person and organisation mention in reading order (the candidates of <see cref="SpeakerCandidates"/>).</summary>
    public IReadOnlyList<Referent> Referents => _referents;

    /// <summary>Whether the mention of <paramref name="r"/> stands right before a cue verb ("Jane Doe told …").</summary>
    public bool IsCueSubject(Referent r) => _cueSubjects.Contains((r.Paragraph, r.Offset));

    /// <summary>Whether the article gives the person <paramref name="name"/> a title ("Sen.", "President").</summary>
    public bool HasTitle(string name) => _titles.ContainsKey(name);

    private void AddPerson(string name, string surname, char gender, string[] titleTokens, Mention m, bool subject)
    {
        if (_persons.TryGetValue(surname, out var existing) && existing.Name.Length > name.Length)
            name = existing.Name;
        if (gender == '?' && existing.Gender != '\0' && existing.Name == name)
            gender = existing.Gender;
        _persons[name] = (name, gender);
        _persons[surname] = (name, gender);
        foreach (var t in titleTokens)
            if (Lexicons.Titles.Contains(t.TrimEnd('.')))
            {
                if (!_titles.TryGetValue(name, out var set))
                    _titles[name] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.Add(t.TrimEnd('.'));
            }
        _referents.Add(new Referent(m.Paragraph, m.Start, name, true, gender, subject));
    }

    private static bool IsNameWord(string t) => t.Length > 1 && char.IsUpper(t[0]) && t.Skip(1).All(c => char.IsLower(c) || c is '\'' or '’' or '-')
                                                && !MentionFinder.Stop.Contains(t) && !Lexicons.OrgHeads.Contains(t) && !Lexicons.Titles.Contains(t);

    private static bool IsCueWord(string w) => Lexicons.SpeechVerbs.Contains(w.ToLowerInvariant().Trim(CommaOrStop));

    // Allocated once: Trim(params char[]) would build this array for every word.
    private static readonly char[] CommaOrStop = [',', '.'];

    private static bool IsPlace(string[] tokens, string text) =>
        !(tokens.Length is 2 or 3 && Lexicons.FirstNames.Contains(tokens[0]) && EntityRules.SurnameLikeSuffixes.Contains(tokens[^1])) &&
        (Lexicons.Countries.ContainsKey(text) || Lexicons.Cities.ContainsKey(text) || Lexicons.UsStates.Contains(text)
        || tokens.Length > 1 && (EntityRules.PlaceSuffixes.Contains(tokens[^1]) || QuoteRules.SaliencePlaceEndings.Contains(tokens[^1])));

    /// <summary>The person mentioned most often, other than <paramref name="exclude"/> (the article's authors), or null.</summary>
    public string? MostMentionedPerson(IEnumerable<string> exclude)
    {
        var skip = new HashSet<string>(exclude, StringComparer.OrdinalIgnoreCase);
        return _referents.Where(r => r.IsPerson && !skip.Contains(r.Name)).GroupBy(r => r.Name)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(r => r.Paragraph)).Select(g => g.Key).FirstOrDefault();
    }

    /// <summary>The nearest person with title <paramref name="title"/> ("the president" → the article's President).</summary>
    public Referent? NearestTitled(int paragraph, int offset, string title)
    {
        for (int i = _referents.Count - 1; i >= 0; i--)
        {
            var r = _referents[i];
            if (r.Paragraph > paragraph || r.Paragraph == paragraph && r.Offset >= offset || !r.IsPerson)
                continue;
            if (_titles.TryGetValue(r.Name, out var set) && set.Contains(title))
                return r;
        }
        return null;
    }

    /// <summary>The full name a surname or name refers to, or null.</summary>
    public string? PersonName(string nameOrSurname) =>
        _persons.TryGetValue(nameOrSurname, out var p) ? p.Name
        : _persons.TryGetValue(nameOrSurname.Split(' ')[^1], out var q) && nameOrSurname.Split(' ').Length == 1 ? q.Name : null;

    /// <summary>The gender of a known person ('M', 'F', '?').</summary>
    public char GenderOf(string name) => _persons.TryGetValue(name, out var p) ? p.Gender : '?';

    /// <summary>The nearest person before (paragraph, offset) whose gender fits the pronoun, looking back at most <paramref name="maxParagraphs"/>.</summary>
    public Referent? NearestPerson(int paragraph, int offset, char gender, int maxParagraphs = PersonLookBack)
    {
        // Recency with a preference for subjects (a light centering model): each paragraph back costs 1, not being a subject 1.5.
        Referent? best = null;
        double bestScore = double.MaxValue;
        int rank = 0;
        for (int i = _referents.Count - 1; i >= 0; i--)
        {
            var r = _referents[i];
            if (r.Paragraph > paragraph || r.Paragraph == paragraph && r.Offset >= offset || !r.IsPerson)
                continue;
            if (r.Paragraph < paragraph - maxParagraphs)
                break;
            rank++;
            if (gender != '?' && r.Gender != '?' && r.Gender != gender)
                continue;
            double score = (paragraph - r.Paragraph) + (r.IsSubject ? 0 : NonSubjectCost) + (r.Gender == '?' && gender != '?' ? UnknownGenderCost : 0) + rank * RankCost;
            if (score < bestScore)
            {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The nearest organisation before (paragraph, offset), optionally one whose name contains <paramref name="hint"/>.</summary>
    /// <remarks>
    /// A name no organisation word marks ("Brightwater Logistics") counts only as a sentence subject of the paragraph
    /// before; with <paramref name="nominal"/> ("the company said") also a name of two or more words that is a sentence
    /// subject further back.
    /// </remarks>
    public Referent? NearestOrganization(int paragraph, int offset, string? hint = null, int maxParagraphs = OrganizationLookBack, bool nominal = false)
    {
        Referent? other = null;
        Referent? farOther = null;
        for (int i = _referents.Count - 1; i >= 0; i--)
        {
            var r = _referents[i];
            if (r.Paragraph > paragraph || r.Paragraph == paragraph && r.Offset >= offset || r.IsPerson)
                continue;
            if (r.Paragraph < paragraph - maxParagraphs)
                break;
            if (hint is not null && !OrgMatches(r.Name, hint))
                continue;
            if (!r.IsOther)
                return other is not null && other.Paragraph >= r.Paragraph + 1 ? other : r;
            if (hint is null && other is null && r.Paragraph >= paragraph - 1 && r.IsSubject)
                other = r;
            if (nominal && hint is null && farOther is null && r.IsSubject && r.Name.Contains(' '))
                farOther = r;
        }
        return other ?? farOther;
    }

    /// <summary>Whether an organisation name fits a short form: a word of it ("Harborview") or its initials ("HCC" for "Harbor City Council").</summary>
    internal static bool OrgMatches(string name, string hint)
    {
        var words = name.Split(' ');
        if (words.Contains(hint, StringComparer.OrdinalIgnoreCase) || name.Contains(hint, StringComparison.Ordinal))
            return true;
        if (hint.Length >= 2 && hint.All(char.IsUpper))
        {
            string initials = new(words.SelectMany(w => w.Split('-')).Where(w => w.Length > 0 && char.IsUpper(w[0]) && w != "U.S.").Select(w => w[0]).ToArray());
            return initials.EndsWith(hint, StringComparison.Ordinal) || initials.StartsWith(hint, StringComparison.Ordinal);
        }
        return false;
    }

    private static bool IsOrganization(string[] tokens, string text) =>
        tokens.Length > 1 && EntityRules.HasOrganizationWord(tokens) || EntityRules.SingleWordOrgs.Contains(text)
        || Lexicons.KnownOrganizations.Contains(text) || tokens.Length == 1 && EntityRules.IsAcronym(text) && !Lexicons.Countries.ContainsKey(text);

    private static char? HonorificGender(string t) => QuoteRules.HonorificGender(t.TrimEnd('.'));
}

using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages.Quotes;

/// <summary>A person or organisation mentioned in the body, at a position, for resolving pronouns and role nouns.</summary>
/// <param name="Paragraph">Body paragraph index.</param>
/// <param name="Offset">Character offset in the paragraph.</param>
/// <param name="Name">Fullest name known for the referent so far ("Marta Kowalczyk" for a later "Kowalczyk").</param>
/// <param name="IsPerson">Person (true) or organisation (false).</param>
/// <param name="Gender">'M', 'F' or '?' for persons; '?' for organisations.</param>
internal sealed record Referent(int Paragraph, int Offset, string Name, bool IsPerson, char Gender);

/// <summary>
/// The people and organisations of an article in reading order, with surnames linked to full names and a gender
/// from the given name (SSA data) or an honorific: the salience list that resolves "he said", "she added",
/// "the company said" and "a spokesperson said" to the nearest fitting referent before the quote.
/// </summary>
internal sealed class Salience
{
    private readonly List<Referent> _referents = [];
    private readonly Dictionary<string, (string Name, char Gender)> _persons = new(StringComparer.Ordinal);

    public Salience(IReadOnlyList<string> paragraphs)
    {
        foreach (var m in MentionFinder.Find(paragraphs))
        {
            var tokens = m.Tokens;
            if (IsOrganization(tokens, m.Text))
            {
                _referents.Add(new Referent(m.Paragraph, m.Start, m.Text, false, '?'));
                continue;
            }
            int first = Array.FindIndex(tokens, t => Lexicons.GivenNames.ContainsKey(t));
            if (first >= 0 && first < tokens.Length - 1 && tokens.Length - first <= 4 && !Lexicons.OrgHeads.Contains(tokens[^1]))
            {
                string name = string.Join(' ', tokens[first..]);
                char gender = Lexicons.GivenNames[tokens[first]];
                if (first > 0 && HonorificGender(tokens[first - 1]) is { } g)
                    gender = g;
                _persons[name] = (name, gender);
                _persons[tokens[^1]] = (name, gender);
                _referents.Add(new Referent(m.Paragraph, m.Start, name, true, gender));
            }
            else if (_persons.TryGetValue(tokens[^1], out var known))
            {
                _referents.Add(new Referent(m.Paragraph, m.Start, known.Name, true, known.Gender));
            }
            else if (tokens.Length >= 2 && tokens.Length <= 3 && tokens.All(t => t.Length > 1 && char.IsUpper(t[0]) && t.Skip(1).Any(char.IsLower))
                     && Lexicons.Titles.Contains(tokens[0].TrimEnd('.')) && !Lexicons.OrgHeads.Contains(tokens[^1]))
            {
                // "Cllr Hale", "Mr Pritchard": a titled surname.
                char gender = HonorificGender(tokens[0]) ?? '?';
                string name = string.Join(' ', tokens[1..]);
                _persons.TryAdd(tokens[^1], (name, gender));
                _referents.Add(new Referent(m.Paragraph, m.Start, name, true, gender));
            }
        }
    }

    /// <summary>The full name a surname or name refers to, or null.</summary>
    public string? PersonName(string nameOrSurname) =>
        _persons.TryGetValue(nameOrSurname, out var p) ? p.Name
        : _persons.TryGetValue(nameOrSurname.Split(' ')[^1], out var q) && nameOrSurname.Split(' ').Length == 1 ? q.Name : null;

    /// <summary>The gender of a known person ('M', 'F', '?').</summary>
    public char GenderOf(string name) => _persons.TryGetValue(name, out var p) ? p.Gender : '?';

    /// <summary>The nearest person before (paragraph, offset) whose gender fits the pronoun, looking back at most <paramref name="maxParagraphs"/>.</summary>
    public Referent? NearestPerson(int paragraph, int offset, char gender, int maxParagraphs = 6)
    {
        Referent? fallback = null;
        for (int i = _referents.Count - 1; i >= 0; i--)
        {
            var r = _referents[i];
            if (r.Paragraph > paragraph || r.Paragraph == paragraph && r.Offset >= offset || !r.IsPerson)
                continue;
            if (r.Paragraph < paragraph - maxParagraphs)
                break;
            if (gender == '?' || r.Gender == gender)
                return r;
            if (r.Gender == '?')
                fallback ??= r;
        }
        return fallback;
    }

    /// <summary>The nearest organisation before (paragraph, offset), optionally one whose name contains <paramref name="hint"/>.</summary>
    public Referent? NearestOrganization(int paragraph, int offset, string? hint = null, int maxParagraphs = 4)
    {
        for (int i = _referents.Count - 1; i >= 0; i--)
        {
            var r = _referents[i];
            if (r.Paragraph > paragraph || r.Paragraph == paragraph && r.Offset >= offset || r.IsPerson)
                continue;
            if (r.Paragraph < paragraph - maxParagraphs)
                break;
            if (hint is null || OrgMatches(r.Name, hint))
                return r;
        }
        return null;
    }

    /// <summary>Whether an organisation name fits a short form: a word of it ("Stonegate") or its initials ("HUD").</summary>
    internal static bool OrgMatches(string name, string hint)
    {
        var words = name.Split(' ');
        if (words.Contains(hint, StringComparer.Ordinal) || name.Contains(hint, StringComparison.Ordinal))
            return true;
        if (hint.Length >= 2 && hint.All(char.IsUpper))
        {
            string initials = new(words.Where(w => w.Length > 0 && char.IsUpper(w[0]) && w != "U.S.").Select(w => w[0]).ToArray());
            return initials.EndsWith(hint, StringComparison.Ordinal) || initials.StartsWith(hint, StringComparison.Ordinal);
        }
        return false;
    }

    private static bool IsOrganization(string[] tokens, string text) =>
        Lexicons.OrgHeads.Contains(tokens[^1]) || Lexicons.KnownOrganizations.Contains(text)
        || tokens.Length == 1 && text.Length is >= 2 and <= 6 && text.All(c => char.IsUpper(c) || c == '&') && !Lexicons.Countries.ContainsKey(text);

    private static char? HonorificGender(string t) => t.TrimEnd('.') switch
    {
        "Mr" or "Sir" or "Lord" or "King" or "Prince" or "Herr" or "Monsieur" or "M" => 'M',
        "Mrs" or "Ms" or "Miss" or "Dame" or "Lady" or "Queen" or "Princess" or "Frau" or "Madame" or "Mme" => 'F',
        _ => null,
    };
}

using System.Collections.Frozen;

namespace Ingest.Core.Stages;

/// <summary>
/// English verb inflection for the cue lexicons: a lemma's forms (3rd person -s, past -ed, participle, -ing) by the
/// regular spelling rules, or from irregular_verbs.tsv, and the reverse (a form's candidate lemmas).
/// </summary>
internal static class VerbForms
{
    private static readonly Lazy<FrozenDictionary<string, string[]>> _irregular = new(() =>
        Lexicons.Table("irregular_verbs.tsv").ToFrozenDictionary(f => f[0], f => f.Skip(1).SelectMany(x => x.Split(',')).ToArray(), StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, string>> _irregularLemma = new(() =>
        _irregular.Value.SelectMany(kv => kv.Value.Select(f => (Form: f, Lemma: kv.Key)))
            .GroupBy(x => x.Form, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().Lemma, StringComparer.Ordinal));

    /// <summary>
    /// The forms of a lower-case lemma: itself, -s ("vows", "urges", "cries", "pushes"), -ed ("vowed", "urged", "cried")
    /// and -ing ("vowing", "urging"); a one-syllable stem ending consonant-vowel-consonant doubles its consonant
    /// ("chatted", "chatting"), a longer one gives both spellings ("admitted", "visited"; an unused form does no harm).
    /// Irregular verbs give their listed past forms instead of -ed.
    /// </summary>
    public static IEnumerable<string> Inflect(string lemma)
    {
        lemma = lemma.Trim().ToLowerInvariant();
        if (lemma.Length == 0 || lemma.Contains(' '))
            yield break;
        yield return lemma;
        bool consonantY = lemma.Length > 2 && lemma[^1] == 'y' && !IsVowel(lemma[^2]);
        yield return consonantY ? lemma[..^1] + "ies"
            : lemma.EndsWith('s') || lemma.EndsWith('x') || lemma.EndsWith('z') || lemma.EndsWith("ch") || lemma.EndsWith("sh") || lemma.EndsWith('o') ? lemma + "es"
            : lemma + "s";
        bool doubles = DoublesFinal(lemma);
        if (_irregular.Value.TryGetValue(lemma, out var past))
            foreach (var f in past)
                yield return f;
        else if (!doubles)
            yield return consonantY ? lemma[..^1] + "ied" : lemma.EndsWith('e') ? lemma + "d" : lemma + "ed";
        if (!doubles)
            yield return lemma.EndsWith("ie") ? lemma[..^2] + "ying"
                : lemma.EndsWith('e') && !lemma.EndsWith("ee") && !lemma.EndsWith("ye") && !lemma.EndsWith("oe") && lemma.Length > 2 ? lemma[..^1] + "ing"
                : lemma + "ing";
        // "chat" → "chatted"; a longer stem may double or not ("admitted", "visited"), so both are given
        if (lemma.Length >= 3 && !IsVowel(lemma[^1]) && lemma[^1] is not ('w' or 'x' or 'y') && IsVowel(lemma[^2]) && !IsVowel(lemma[^3]))
        {
            if (!_irregular.Value.ContainsKey(lemma))
                yield return lemma + lemma[^1] + "ed";
            yield return lemma + lemma[^1] + "ing";
        }
    }

    /// <summary>
    /// Candidate lemmas of a lower-case word form, most likely first: an irregular form's lemma, else the form with -s,
    /// -ed or -ing undone in each spelling (so "noted" gives "note" and "not"); a form that is no inflection gives itself.
    /// The caller picks among them (tools/Ingest.Eval derive-cues by the forms a corpus attests).
    /// </summary>
    public static IReadOnlyList<string> Lemmas(string form)
    {
        var result = new List<string>();
        if (_irregularLemma.Value.TryGetValue(form, out var irregular))
            result.Add(irregular);
        void Add(string s)
        {
            if (s.Length >= 2 && !result.Contains(s))
                result.Add(s);
        }
        if (form.EndsWith("ied") && form.Length > 4) Add(form[..^3] + "y");
        if (form.EndsWith("ies") && form.Length > 4) Add(form[..^3] + "y");
        if (form.EndsWith("ying") && form.Length > 5) Add(form[..^4] + "ie");
        if (form.EndsWith("ed") && form.Length > 4)
        {
            Add(form[..^1]);
            if (!DoublesFinal(form[..^2])) Add(form[..^2]);
            if (form[^3] == form[^4]) Add(form[..^3]);
        }
        if (form.EndsWith("ing") && form.Length > 5)
        {
            Add(form[..^3] + "e");
            if (!DoublesFinal(form[..^3])) Add(form[..^3]);
            if (form[^4] == form[^5]) Add(form[..^4]);
        }
        if (form.EndsWith("es") && form.Length > 4) { Add(form[..^1]); Add(form[..^2]); }
        else if (form.EndsWith('s') && !form.EndsWith("ss") && form.Length > 3) Add(form[..^1]);
        if (result.Count == 0) result.Add(form);
        return result;
    }

    /// <summary>Whether the word is a form Inflect produces for some lemma other than the word itself (-s, -ed, -ing, irregular past).</summary>
    public static bool IsInflected(string form) =>
        _irregularLemma.Value.ContainsKey(form) && !_irregular.Value.ContainsKey(form) || form.EndsWith("ed") || form.EndsWith("ing") || form.EndsWith('s') && !form.EndsWith("ss");

    /// <summary>A one-syllable stem ending consonant-vowel-consonant ("stat", "not"): its -ed and -ing forms double the
    /// consonant, so "stated" and "noted" are not its forms.</summary>
    private static bool DoublesFinal(string stem) =>
        stem.Length >= 3 && !IsVowel(stem[^1]) && stem[^1] is not ('w' or 'x' or 'y') && IsVowel(stem[^2]) && !IsVowel(stem[^3])
        && stem.Count(IsVowel) == 1;

    /// <summary>The forms of <see cref="Inflect"/> without the bare and -s forms (which are often nouns: "comments",
    /// "answer"): the past forms and the -ing forms.</summary>
    public static IEnumerable<string> PastAndParticiples(string lemma) => Inflect(lemma).Skip(2);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}

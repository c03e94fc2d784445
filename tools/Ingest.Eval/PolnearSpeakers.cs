using Ingest.Core.Document;
using Ingest.Core.Stages;

namespace Ingest.Eval;

/// <summary>The speaker kinds the polnear command reports by.</summary>
public static class GoldKinds
{
    public const string Person = "person";
    public const string Organization = "organization";
    /// <summary>Unnamed sources and nominal ones ("officials", "a source", "the campaign", "her campaign").</summary>
    public const string Nominal = "anonymous/nominal";
    /// <summary>No Source span (<c>Attribution-no-source</c>).</summary>
    public const string None = "none";
}

/// <summary>
/// The gold speaker of a PolNeAR quote: the Source mention as written, its kind, and for pronouns and definite nominal
/// sources the antecedent the evaluation gives it (PolNeAR has no coreference, so this is an approximation, see
/// <see cref="PolnearSpeakers.Resolve"/>).
/// </summary>
/// <param name="Mention">The Source span's text, null when the attribution has none.</param>
/// <param name="Kind">One of <see cref="GoldKinds"/> (of the antecedent when there is one).</param>
/// <param name="Antecedent">The named Source a pronoun or "the newspaper" refers to, or null.</param>
/// <param name="IsPronoun">Whether the mention is a pronoun.</param>
public sealed record GoldSpeaker(string? Mention, string Kind, string? Antecedent, bool IsPronoun);

/// <summary>Gold speaker kinds, antecedents and the speaker-match rule of the polnear command.</summary>
public static class PolnearSpeakers
{
    private static readonly HashSet<string> Possessives = new(StringComparer.OrdinalIgnoreCase) { "his", "her", "their", "its", "our", "my", "your" };
    private static readonly HashSet<string> Leading = new(StringComparer.OrdinalIgnoreCase)
        { "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "some", "many", "several", "one", "two", "three", "another", "other", "both", "most", "all" };
    private static readonly HashSet<string> PostModifiers = new(StringComparer.OrdinalIgnoreCase)
        { "of", "for", "at", "with", "from", "in", "on", "who", "which", "that", "to", "familiar", "close", "involved", "said", "and" };

    /// <summary>
    /// The gold speaker of relation <paramref name="r"/>: kind by the Source's words — a pronoun takes its antecedent's kind;
    /// a phrase with a capitalised word (other than its first word when that is a determiner or possessive) is named:
    /// an organisation when its head is an organisation word (Lexicons.OrgHeads, "Times", "campaign") or an acronym, or
    /// a known organisation, else a person — unless its head is a lower-case noun that is not an organisation word
    /// ("a Clinton aide"), which is nominal; a phrase without one is nominal.
    /// Antecedent of a pronoun: the nearest earlier Source of the same file that is named and fits (he/she: a person whose
    /// given name's sex, when the mention has one and the list knows it, agrees; it: an organisation; they/we/I: any named one). Antecedent of a definite nominal
    /// organisation source ("the newspaper", "the campaign"): the nearest earlier named organisation Source.
    /// </summary>
    public static GoldSpeaker Resolve(PolnearArticle a, AnnRelation r)
    {
        if (r.Source is null) return new GoldSpeaker(null, GoldKinds.None, null, false);
        var mention = Clean(r.Source.TextOf(a.Text));
        var words = mention.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && Lexicons.PronounKind(words[0].ToLowerInvariant()) is { } pk)
        {
            var ante = Earlier(a, r.Source.Start).FirstOrDefault(m => Fits(m, pk, a.Text));
            return new GoldSpeaker(mention, ante is null ? GoldKinds.Nominal : KindOf(ante, a.Text), ante, true);
        }
        var kind = KindOf(mention, a.Text);
        if (kind == GoldKinds.Nominal && words.Length >= 2 && words[0].Equals("the", StringComparison.OrdinalIgnoreCase) && IsOrgWord(Head(words)))
        {
            var ante = Earlier(a, r.Source.Start).FirstOrDefault(m => KindOf(m, a.Text) == GoldKinds.Organization);
            return new GoldSpeaker(mention, kind, ante, false);
        }
        return new GoldSpeaker(mention, kind, null, false);
    }

    /// <summary>Named Source mentions before <paramref name="offset"/>, nearest first.</summary>
    private static IEnumerable<string> Earlier(PolnearArticle a, int offset) =>
        a.Ann.Relations.Where(x => x.Source is not null && x.Source.Start < offset).OrderByDescending(x => x.Source!.Start)
            .Select(x => Clean(x.Source!.TextOf(a.Text))).Where(m => KindOf(m, a.Text) != GoldKinds.Nominal && !IsPronoun(m));

    private static bool IsCommonWord(string w, string text) =>
        w.Length > 1 && !Lexicons.FirstNames.Contains(w) && w.Skip(1).All(char.IsLower)
        && System.Text.RegularExpressions.Regex.IsMatch(text, @"\b" + char.ToLowerInvariant(w[0]) + System.Text.RegularExpressions.Regex.Escape(w[1..]) + @"\b");

    private static bool IsPronoun(string m) => !m.Contains(' ') && Lexicons.PronounKind(m.ToLowerInvariant()) is not null;

    private static bool Fits(string named, char pronounKind, string text)
    {
        var kind = KindOf(named, text);
        if (pronounKind == 'N') return kind == GoldKinds.Organization;
        if (pronounKind is not ('M' or 'F')) return true;
        if (kind != GoldKinds.Person) return false;
        // a surname alone tells no sex; the given name of a full name does when the SSA list is sure of it
        var nameWords = NameWords(named);
        var first = nameWords.Count >= 2 ? nameWords[0] : null;
        return first is null || !Lexicons.GivenNames.TryGetValue(first, out var g) || g == '?' || g == pronounKind;
    }

    /// <summary>Kind of a non-pronoun mention (see <see cref="PolnearSpeakers.Resolve"/>).</summary>
    /// <param name="mention">The Source text.</param>
    /// <param name="text">The article: a capitalised first word that the article also writes in lower case ("Critics")
    /// is a common noun; without the text only determiners are.</param>
    public static string KindOf(string mention, string? text = null)
    {
        var words = Clean(mention).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return GoldKinds.Nominal;
        var head = Head(words);
        var named = words.Select((w, i) => (w, i)).Any(x => char.IsUpper(x.w[0]) && !IsPronoun(x.w)
            && !(x.i == 0 && (Leading.Contains(x.w) || text is not null && IsCommonWord(StripPossessive(x.w.Trim(',', '.')), text))));
        if (!named) return GoldKinds.Nominal;
        if (IsOrgWord(head) || Lexicons.KnownOrganizations.Contains(string.Join(' ', words.SkipWhile(w => Leading.Contains(w))))
            || (head.Length >= 2 && head.All(c => char.IsUpper(c) || c == '.') && !Lexicons.Titles.Contains(head.TrimEnd('.'))))
            return GoldKinds.Organization;
        if (char.IsLower(head[0])) return GoldKinds.Nominal;
        return GoldKinds.Person;
    }

    /// <summary>Organisation heads news writes in lower case after a name ("the Roe campaign"), besides Lexicons.OrgHeads.</summary>
    private static readonly HashSet<string> LowerOrgHeads = new(StringComparer.OrdinalIgnoreCase) { "campaign", "administration", "newspaper", "network" };

    private static bool IsOrgWord(string head) =>
        head.Length > 0 && (LowerOrgHeads.Contains(head) || Lexicons.OrgHeads.Contains(char.ToUpperInvariant(head[0]) + head[1..]));

    /// <summary>The head of a phrase: its last word before a post-modifier or comma, possessive 's dropped.</summary>
    public static string Head(IReadOnlyList<string> words)
    {
        var end = words.Count;
        for (var i = 1; i < words.Count; i++)
            if (PostModifiers.Contains(words[i]) || words[i - 1].EndsWith(',')) { end = i; break; }
        return StripPossessive(words[end - 1].Trim(',', '.', ';', ':'));
    }

    /// <summary>
    /// The name words of a named mention: its head phrase (up to a comma, a bracket or a post-modifier), the last run of
    /// capitalised words in it, leading titles dropped but the last word kept ("Sen. Jane Roe (D-Ohio)" → Jane, Roe;
    /// "the Roe campaign manager Ty Ames" → Ty, Ames; "Mr. King" → King).
    /// </summary>
    private static List<string> NameWords(string m)
    {
        var words = Clean(m).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var end = words.Count;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].StartsWith('(') || i > 0 && PostModifiers.Contains(words[i])) { end = i; break; }
            if (words[i].EndsWith(',')) { end = i + 1; break; }
        }
        var head = words.Take(end).Select(w => StripPossessive(w.Trim(',', '.', ';', ':'))).Where(w => w.Length > 0).ToList();
        var last = head.FindLastIndex(w => char.IsUpper(w[0]));
        if (last < 0) return [];
        var first = last;
        while (first > 0 && (char.IsUpper(head[first - 1][0]) || Lexicons.NameParticles.Contains(head[first - 1])) && !(head[first - 1].EndsWith("'s") || head[first - 1].EndsWith("’s")))
            first--;
        var run = head.GetRange(first, last - first + 1);
        while (run.Count > 1 && (Leading.Contains(run[0]) || Lexicons.Titles.Contains(run[0])))
            run.RemoveAt(0);
        return run;
    }

    private static string StripPossessive(string w) =>
        w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal) ? w[..^2] : w.TrimEnd('\'', '’');

    private static string Clean(string s) => string.Join(' ', s.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim(',', ' ', '—', '-');

    /// <summary>
    /// Whether the predicted speaker refers to the gold Source's entity. Tried against the mention and its antecedent:
    /// a named person matches when its surname (last name word) is a word of the prediction, or the prediction's last word
    /// is one of its words, unless both give different given names (two people of one surname); a named organisation when
    /// its head word is a word of the prediction or the other way round; anonymous and nominal sources when their head
    /// noun is in the prediction or the prediction's head is in the mention (score.py's rule for non-persons). An entity
    /// alias also matches: the prediction's entity (by name) has an alias whose words are the mention's name words.
    /// A source-less attribution matches only an empty prediction.
    /// </summary>
    public static bool Matches(GoldSpeaker gold, string? predicted, IReadOnlyList<EntityRecord>? entities = null)
    {
        if (gold.Mention is null) return string.IsNullOrWhiteSpace(predicted);
        if (string.IsNullOrWhiteSpace(predicted)) return false;
        var candidates = new List<string>();
        if (!gold.IsPronoun) candidates.Add(gold.Mention);
        if (gold.Antecedent is not null) candidates.Add(gold.Antecedent);
        var pt = Text.Tokens(predicted).Select(StripPossessive).ToList();
        var aliases = entities?.Where(e => Text.Norm(e.Name) == Text.Norm(predicted)).SelectMany(e => e.Aliases.Append(e.Name))
            .Select(x => string.Join(' ', Text.Tokens(x))).ToHashSet() ?? [];
        foreach (var c in candidates)
        {
            var kind = c == gold.Mention ? gold.Kind : KindOf(c);
            var nameWords = NameWords(c).Select(w => string.Join(' ', Text.Tokens(w))).Where(w => w.Length > 0).ToList();
            if (nameWords.Count > 0 && aliases.Contains(string.Join(' ', nameWords))) return true;
            if (kind == GoldKinds.Person)
            {
                if (nameWords.Count == 0) continue;
                var ok = pt.Contains(nameWords[^1]) || nameWords.Contains(pt[^1]);
                var givenConflict = nameWords.Count >= 2 && pt.Count >= 2 && nameWords[0] != pt[0]
                                    && IsGiven(nameWords[0]) && IsGiven(pt[0]) && nameWords[0].Length > 1 && pt[0].Length > 1;
                if (ok && !givenConflict) return true;
            }
            else
            {
                var gw = Text.Tokens(c).Select(StripPossessive).ToList();
                var words = Clean(c).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var head = string.Join(' ', Text.Tokens(Head(words)));
                if (head.Length > 0 && pt.Contains(head) || gw.Contains(pt[^1])) return true;
            }
        }
        return false;
    }

    private static bool IsGiven(string lower) =>
        Lexicons.FirstNames.Contains(char.ToUpperInvariant(lower[0]) + lower[1..]);
}

namespace Ingest.Core.Stages.Quotes;

/// <summary>One possible speaker of a quotation whose attribution names it only by a pronoun ("he said", "it said"), with the features the ranker (<see cref="SpeakerRanker"/>) weighs.</summary>
/// <param name="Name">The referent's fullest name in the article so far ("Jane Doe").</param>
/// <param name="IsPerson">Person (true) or organisation or other capitalised name (false).</param>
/// <param name="Features">Feature names, each with value 1 (see <see cref="SpeakerCandidates"/>).</param>
internal sealed record SpeakerCandidate(string Name, bool IsPerson, IReadOnlyList<string> Features);

/// <summary>The candidates for one quotation, nearest first, and the anaphor class they were generated for.</summary>
/// <param name="Anaphor">"he"/"she" ('M', 'F'), "they"/"we" ('P'), "I" ('S'), "it" ('N'), as <see cref="Lexicons.PronounKind"/> gives them.</param>
/// <param name="Candidates">Distinct referents before the quotation, nearest first.</param>
internal sealed record CandidateSet(char Anaphor, IReadOnlyList<SpeakerCandidate> Candidates);

/// <summary>
/// Generates speaker candidates for a pronoun speaker from the article's salience list (<see cref="Salience"/>):
/// the distinct people and organisations mentioned in the quotation's paragraph before it and in the
/// <see cref="LookBack"/> paragraphs before that, plus the previous quotation's speaker; people only for he, she and I,
/// organisations only for "it". Each candidate's features, all
/// conjoined with the anaphor class: paragraphs back (0, 1, 2, 3+), rank among the distinct candidates (1-5, 6+), whether
/// its nearest mention is a grammatical subject (sentence start or before a cue verb) and whether it is the subject of a
/// cue verb ("X told"), person or organisation or other
/// name, gender agreement with he/she (the SSA given-name lexicon or an honorific: agree, disagree, unknown), whether it is the
/// previous quotation's speaker or spoke earlier in the article, whether the nearest mention stands inside quotation
/// marks, whether the person has a title in the article, how often it is mentioned in the window (1, 2, 3+), in the
/// quotation's paragraph how far before it (in steps of 40 characters, up to 4), its words (1, 2, 3+), whether a one-word
/// name is also a word the article writes in lower case ("Bombs"), and whether it is the rules' choice
/// (<see cref="SpeakerResolver"/>).
/// </summary>
internal static class SpeakerCandidates
{
    /// <summary>Paragraphs looked back for candidates (besides the quotation's own).</summary>
    public const int LookBack = 6;

    /// <summary>At most this many candidates per quotation.</summary>
    public const int MaxCandidates = 12;

    /// <summary>The candidates for a quotation at (<paramref name="p"/>, <paramref name="offset"/>).</summary>
    /// <param name="ctx">The article's attribution state.</param>
    /// <param name="p">Body paragraph of the quotation.</param>
    /// <param name="offset">Where the quotation (or its attribution, whichever is earlier) starts in the paragraph.</param>
    /// <param name="anaphor">The anaphor class (see <see cref="CandidateSet.Anaphor"/>).</param>
    /// <param name="ruleChoice">The name the rules chose, or null.</param>
    public static CandidateSet For(AttributionContext ctx, int p, int offset, char anaphor, string? ruleChoice)
    {
        var byName = new Dictionary<string, (Referent Nearest, int Count, bool AnySubject)>(StringComparer.Ordinal);
        var order = new List<string>();
        var refs = ctx.Salience.Referents;
        for (int i = refs.Count - 1; i >= 0; i--)
        {
            var r = refs[i];
            if (r.Paragraph > p || r.Paragraph == p && r.Offset >= offset)
                continue;
            if (r.Paragraph < p - LookBack)
                break;
            if (!Fits(anaphor, r.IsPerson))
                continue;
            if (byName.TryGetValue(r.Name, out var seen))
                byName[r.Name] = (seen.Nearest, seen.Count + 1, seen.AnySubject || r.IsSubject);
            else
            {
                byName[r.Name] = (r, 1, r.IsSubject);
                order.Add(r.Name);
            }
        }
        string? current = ctx.Current is { IsPronoun: false } c ? c.Mention : null;
        if (current is not null && !byName.ContainsKey(current) && current.Length > 0 && Fits(anaphor, ctx.Current!.Kind == Document.SpeakerKinds.Person))
            order.Add(current);
        var list = new List<SpeakerCandidate>();
        string a = anaphor.ToString();
        for (int k = 0; k < order.Count && k < MaxCandidates; k++)
        {
            string name = order[k];
            var f = new List<string>();
            bool isPerson;
            if (byName.TryGetValue(name, out var info))
            {
                var r = info.Nearest;
                isPerson = r.IsPerson;
                int back = p - r.Paragraph;
                f.Add("back=" + Math.Min(back, 3));
                f.Add("subj=" + (r.IsSubject ? 1 : 0));
                if (ctx.Salience.IsCueSubject(r))
                    f.Add("cuesubj");
                f.Add("anysubj=" + (info.AnySubject ? 1 : 0));
                f.Add("type=" + (r.IsPerson ? "per" : r.IsOther ? "oth" : "org"));
                f.Add("count=" + Math.Min(info.Count, 3));
                if (anaphor is 'M' or 'F')
                    f.Add("gender=" + (!r.IsPerson ? "na" : r.Gender == '?' ? "unk" : r.Gender == anaphor ? "agree" : "disagree"));
                f.Add("inquote=" + (InsideQuote(ctx, r.Paragraph, r.Offset) ? 1 : 0));
                if (r.IsPerson && ctx.Salience.HasTitle(name))
                    f.Add("titled");
                if (back == 0)
                    f.Add("near=" + Math.Min((offset - r.Offset) / 40, 4));
                int words = name.Count(ch => ch == ' ') + 1;
                f.Add("words=" + Math.Min(words, 3));
                if (words == 1 && ctx.LowerCase.Contains(name.ToLowerInvariant()))
                    f.Add("common");
            }
            else
            {
                isPerson = ctx.Current!.Kind == Document.SpeakerKinds.Person;
                f.Add("unmentioned");
                f.Add("type=" + (isPerson ? "per" : "org"));
            }
            f.Add("rank=" + Math.Min(k + 1, 6));
            if (name == current)
                f.Add("current");
            if (ctx.Spoken.Contains(name))
                f.Add("spoke");
            if (ruleChoice is not null && name == ruleChoice)
                f.Add("rule");
            // Every feature twice: alone and conjoined with the anaphor class.
            var all = new List<string>(f.Count * 2);
            foreach (var x in f)
            {
                all.Add(x);
                all.Add(a + ":" + x);
            }
            list.Add(new SpeakerCandidate(name, isPerson, all));
        }
        return new CandidateSet(anaphor, list);
    }

    /// <summary>he, she and I stand for people, "it" for an organisation; "they" and "we" for either.</summary>
    private static bool Fits(char anaphor, bool isPerson) => anaphor switch
    {
        'M' or 'F' or 'S' => isPerson,
        'N' => !isPerson,
        _ => true,
    };

    /// <summary>Whether <paramref name="offset"/> of paragraph <paramref name="p"/> lies inside a pair of quotation marks.</summary>
    private static bool InsideQuote(AttributionContext ctx, int p, int offset)
    {
        foreach (var s in ctx.QuoteSpansOf(p))
            if (offset > s.Open && offset < s.Close)
                return true;
        return false;
    }
}

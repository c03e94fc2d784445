using System.Text;
using System.Text.RegularExpressions;
using Ingest.Core.Stages;

namespace Ingest.Eval;

/// <summary>
/// The <c>derive-cues</c> command: the cue verb lemmas of PolNeAR train's direct-quote attributions, written to
/// <c>src/Ingest.Core/Resources/Lexicons/cue_verbs_polnear.tsv</c> (lemma and count only, no article text).
/// </summary>
public static partial class PolnearCues
{
    /// <summary>
    /// Verbs of thinking, perceiving, wanting and the auxiliaries: PolNeAR marks beliefs and intentions as attributions
    /// too ("critics believe"), but they do not introduce a quotation.
    /// </summary>
    private static readonly HashSet<string> NonSpeech = new(StringComparer.Ordinal)
    {
        "be", "have", "do", "get", "go", "come", "make", "take", "give", "put", "set", "let", "keep", "seem", "appear", "become",
        "think", "believe", "know", "feel", "want", "hope", "fear", "expect", "see", "hear", "find", "show", "like", "love",
        "hate", "need", "plan", "try", "look", "watch", "read", "mean", "understand", "consider", "wish", "prefer", "seek",
        "intend", "decide", "learn", "realize", "remember", "forget", "doubt", "trust", "worry", "care", "support",
        "oppose", "back", "accord", "refer", "cite", "point", "use", "include", "follow", "lead", "leave", "stand", "hold", "call",
        "name", "describe", "label", "dub", "term", "will", "would", "could", "can", "may", "might", "shall", "should", "must",
        "also", "not", "later", "then", "again", "once", "further", "reportedly", "allegedly", "apparently", "publicly",
        // acts around a statement that Cue spans name ("released a statement", "in a video titled", "signed a letter")
        "adopt", "accept", "address", "apologize", "begin", "break", "characterize", "compare", "credit", "deliver", "discuss",
        "end", "entitle", "estimate", "express", "feature", "figure", "file", "fire", "focus", "forward", "fundraise", "hit",
        "hop", "invite", "issue", "launch", "list", "message", "open", "order", "play", "portray", "promote", "publish", "react",
        "release", "share", "sign", "thank", "title", "turn", "use", "vote", "word", "quote", "reference", "retweet", "post", "report",
    };

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();

    /// <summary>
    /// Derives the lemmas: for each train article (the file <see cref="PolnearArticle.List"/> picks), the Cue span of every
    /// attribution that owns a gold direct quote; each of its words that is an inflected form (-s, -ed, -ing, an irregular
    /// past) is lemmatised (<see cref="VerbForms.Lemmas"/>, the candidate whose forms the train texts use most); a lemma
    /// counts once per attribution; a word whose lemma's past and -ing forms the train texts never use is skipped. Kept: lemmas of at least <paramref name="minCount"/> attributions, attested inflected,
    /// not in <see cref="NonSpeech"/>. Deterministic (ordinal order).
    /// </summary>
    /// <returns>0, or 2 when the split folder is missing.</returns>
    public static int Derive(string root, string output, int minCount = 3)
    {
        var dir = Path.Combine(root, "train");
        if (!Directory.Exists(dir)) { Console.Error.WriteLine($"{dir}: not found"); return 2; }
        var articles = PolnearArticle.List(dir).Select(x => PolnearArticle.Load(x.Name, x.AnnPath, x.TextPath)).ToList();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in articles)
            foreach (Match m in Word().Matches(a.Text.ToLowerInvariant()))
                vocabulary[m.Value] = vocabulary.GetValueOrDefault(m.Value) + 1;
        var counts = Count(articles, vocabulary);
        var kept = counts.Where(kv => kv.Value >= minCount && !NonSpeech.Contains(kv.Key) && kv.Key.Length >= 3)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("# Cue verb lemmas of PolNeAR train's direct-quote attributions: lemma <TAB> number of attributions whose Cue span\n")
          .Append("# holds it. Derived by `ingest-eval derive-cues` (tools/Ingest.Eval/PolnearCues.cs): the Cue spans of attributions\n")
          .Append("# owning a quote-marked Content, inflected words lemmatised, kept at ").Append(minCount).Append("+ attributions, thinking/perceiving/\n")
          .Append("# wanting verbs and auxiliaries left out. Lemmas and counts only, no article text (PolNeAR: Newell, Margolin and\n")
          .Append("# Ruths 2018, LREC; internal evaluation and training use). Every form is added to Lexicons.SpeechVerbs.\n");
        foreach (var (lemma, n) in kept)
            sb.Append(lemma).Append('\t').Append(n).Append('\n');
        File.WriteAllText(output, sb.ToString());
        Console.WriteLine($"{kept.Count} lemmas ({counts.Count} seen) written to {output}");
        return 0;
    }

    /// <summary>Lemma → number of direct-quote attributions whose cue holds an inflected form of it.</summary>
    internal static Dictionary<string, int> Count(IEnumerable<PolnearArticle> articles, IReadOnlyDictionary<string, int> vocabulary)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in articles)
            foreach (var r in a.Quotes.Select(q => q.Relation).Distinct())
            {
                if (r.Cue is null) continue;
                var lemmas = Word().Matches(r.Cue.TextOf(a.Text).ToLowerInvariant()).Select(m => m.Value)
                    .Where(VerbForms.IsInflected).Select(w => Lemma(w, vocabulary)).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var l in lemmas)
                    counts[l] = counts.GetValueOrDefault(l) + 1;
            }
        return counts;
    }

    /// <summary>
    /// The candidate lemma whose forms the corpus uses most: the bare form and the -s form weigh 2, the other forms 1
    /// ("note", "notes" tell "noted" from "not"); on a tie the candidate without a final e, unless its stem needs one
    /// ("argu", "urg"). Null when the lemma's past (or irregular past) and -ing forms are not both in the corpus: words of a
    /// Cue span that only look inflected ("always", "this", "during") are no verbs.
    /// </summary>
    internal static string? Lemma(string form, IReadOnlyDictionary<string, int> vocabulary)
    {
        var best = VerbForms.Lemmas(form).Select((c, i) =>
        {
            var forms = VerbForms.Inflect(c).ToList();
            var score = forms.Where(f => f != form).Sum(f => vocabulary.ContainsKey(f) ? (f == forms[0] || f == forms[1] ? 2 : 1) : 0);
            var needsE = c.EndsWith('e') && c.Length > 2 && c[^2] is 'u' or 'v' or 'c' or 'g' or 'z' or 's';
            return (C: c, Forms: forms, S: score, Tie: c.EndsWith('e') && !needsE ? 1 : 0, I: i);
        }).OrderByDescending(x => x.S).ThenBy(x => x.Tie).ThenBy(x => x.I).First();
        var past = best.Forms.Skip(2).Where(f => !f.EndsWith("ing"));
        var ing = best.Forms.Where(f => f.EndsWith("ing"));
        return past.Any(vocabulary.ContainsKey) && ing.Any(vocabulary.ContainsKey) ? best.C : null;
    }
}

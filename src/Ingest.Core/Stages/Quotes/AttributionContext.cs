using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// Per-document state of attribution, read in paragraph order: the body paragraphs, the salience list for pronouns
/// and role nouns, who speaks now, and the unnamed speakers met so far by their head noun ("official" → "a senior official").
/// </summary>
/// <param name="body">The tokens layer.</param>
/// <param name="ranker">The learnt speaker ranker for pronoun and nominal speakers, or null for the rules alone.</param>
/// <param name="trace">Called with each candidate set and the rules' choice (training: <c>ingest-eval train-speakers</c>), or null.</param>
internal sealed class AttributionContext(BodyWords body, SpeakerRanker? ranker = null, Action<QuoteUnit, CandidateSet>? trace = null)
{
    public readonly List<string> Paragraphs = body.Paragraphs;
    public readonly Salience Salience = new(body);
    /// <summary>Words the body writes in lower case.</summary>
    public readonly HashSet<string> LowerCase = body.LowerCase;
    /// <summary>The speaker of the last attributed quotation.</summary>
    public SpeakerPhrase? Current;
    /// <summary>Unnamed speakers by head noun, case-insensitive.</summary>
    public readonly Dictionary<string, SpeakerPhrase> Roles = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Names of the speakers of the quotations attributed so far.</summary>
    public readonly HashSet<string> Spoken = new(StringComparer.Ordinal);
    /// <summary>The learnt ranker, or null.</summary>
    public readonly SpeakerRanker? Ranker = ranker;
    /// <summary>The training trace, or null.</summary>
    public readonly Action<QuoteUnit, CandidateSet>? Trace = trace;

    private readonly Dictionary<int, List<QuoteSpan>> _spans = [];

    /// <summary>The quote-mark spans of body paragraph <paramref name="p"/> (computed once).</summary>
    public List<QuoteSpan> QuoteSpansOf(int p)
    {
        if (!_spans.TryGetValue(p, out var s))
            _spans[p] = s = QuoteSpans.Find(Paragraphs[p]);
        return s;
    }
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Quotes;


namespace Ingest.Core.Stages;

/// <summary>
/// quotes: finds direct quotations in the body and attributes them. Quote marks are paired by type
/// (<see cref="QuoteSpans"/>); scare quotes, titles and nicknames are rejected (<see cref="ScareQuotes"/>); a quotation
/// split by its attribution (“A,” she said, “B.”) is one quote, unless the words between lead into the second part or
/// it has an attribution of its own (<see cref="QuoteContinuation"/>); short partial quotes inside a sentence with a cue
/// before them are quotes of that cue's subject; an unclosed quotation continues into a paragraph that
/// opens with a mark; a paragraph that is only a quotation continues the previous paragraph's quote or is
/// given to the current speaker (<see cref="QuoteCollector"/>). Attribution reads cue verbs (the SFU Gender Gap Tracker
/// list plus others) in every order: “…,” said X / “…,” X said / X said: “…” / according to X / “…” — X
/// (<see cref="AttributionFinder"/>); pronouns and role nouns resolve against the article (<see cref="SpeakerResolver"/>);
/// Q&amp;A turns are quotes of their speakers (<see cref="InterviewQuotes"/>).
/// Speakers are mentions here; the speakers stage links them to the entities.
/// </summary>
public sealed class QuoteStage : IPipelineStage
{
    /// <summary>Quotations shorter than this many words need an attribution right beside them, or they are scare quotes.</summary>
    internal const int MinUnattributedWords = 5;

    private readonly SpeakerRanker? _ranker;
    private readonly Action<QuoteUnit, CandidateSet>? _trace;

    /// <summary>A quote stage whose pronoun speakers the rules are unsure of are ranked by the shipped speaker ranker (<c>speakers.tsv</c>).</summary>
    public QuoteStage() : this(SpeakerRanker.Shipped) { }

    /// <summary>A quote stage with another ranker (null: the rules alone) and an optional training trace (<c>ingest-eval train-speakers</c>).</summary>
    internal QuoteStage(SpeakerRanker? ranker, Action<QuoteUnit, CandidateSet>? trace = null)
    {
        _ranker = ranker;
        _trace = trace;
    }

    /// <inheritdoc />
    public string Name => "quotes";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Body, Layers.Tokens, Layers.Metadata };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Quotes };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var quotes = new QuoteList();
        var body = document.Get(Layers.Tokens);
        var context = new AttributionContext(body, _ranker, _trace);
        var units = QuoteCollector.Collect(context);
        InterviewQuotes.AddTo(units, body.Paragraphs, document.Metadata.Authors, context);
        foreach (var unit in units)
            if (unit.ToQuote() is { } quote)
                quotes.Add(quote);
        document.Set(Layers.Quotes, quotes);
    }
}

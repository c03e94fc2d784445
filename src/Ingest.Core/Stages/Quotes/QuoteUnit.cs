using Ingest.Core.Document;

namespace Ingest.Core.Stages.Quotes;

/// <summary>
/// A quotation being assembled: the parts inside its marks (one per span; a quotation split by its attribution or
/// running on across paragraphs has several), the paragraph and offset where it opens, and its speaker and cue once found.
/// </summary>
internal sealed class QuoteUnit
{
    public readonly List<string> Parts = [];
    public int Paragraph;
    public int Offset;
    public SpeakerPhrase? Speaker;
    public string? Cue;
    /// <summary>The last part had no closing mark: the quotation may continue in the next paragraph.</summary>
    public bool RunsOn;
    public bool Attributed => Speaker is not null;
    public int Words => Parts.Sum(p => BoilerplateStage.WordCount(p));

    /// <summary>Adds the trimmed words of a span, unless they are empty.</summary>
    public void AddPart(string inner)
    {
        inner = inner.Trim();
        if (inner.Length > 0)
            Parts.Add(inner);
    }

    /// <summary>
    /// The finished quote, or null when it is unattributed and shorter than <see cref="QuoteStage.MinUnattributedWords"/>.
    /// Parts keep the punctuation inside their marks; a trailing comma before the attribution is dropped.
    /// </summary>
    public Quote? ToQuote()
    {
        if (!Attributed && Words < QuoteStage.MinUnattributedWords)
            return null;
        string text = string.Join(' ', Parts).TrimEnd();
        if (text.EndsWith(','))
            text = text[..^1];
        return new Quote
        {
            Text = text,
            SpeakerMention = Speaker?.Mention,
            SpeakerKind = Speaker?.Kind ?? SpeakerKinds.Unknown,
            Cue = Cue,
            Paragraph = Paragraph,
        };
    }
}

using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>The rows of one quotation (one per article) while a quote query reads them; becomes one <see cref="QuoteHit"/>.</summary>
/// <param name="key">The quote hash the rows share.</param>
internal sealed class QuoteGroup(string key)
{
    private readonly List<string> _articleIds = [];
    private string _text = "";
    private string? _speaker;
    private string _speakerKind = SpeakerKinds.Unknown;

    /// <summary>The quote hash.</summary>
    public string Key { get; } = key;

    /// <summary>The last row added (where a continuation token resumes).</summary>
    public TableEntity Last { get; private set; } = null!;

    /// <summary>Adds one row (<c>Text</c>, <c>Speaker</c>, <c>SpeakerKind</c>, <c>ArticleId</c>).</summary>
    public void Add(TableEntity row)
    {
        if (_articleIds.Count == 0)
        {
            _text = row.GetString("Text") ?? "";
            _speakerKind = row.GetString("SpeakerKind") ?? SpeakerKinds.Unknown;
        }
        // One article may attribute the quotation and another not: keep the first speaker found.
        if (_speaker is null && row.GetString("Speaker") is { } speaker)
        {
            _speaker = speaker;
            _speakerKind = row.GetString("SpeakerKind") ?? _speakerKind;
        }
        if (row.GetString("ArticleId") is { } id && !_articleIds.Contains(id))
            _articleIds.Add(id);
        Last = row;
    }

    /// <summary>Whether the quotation contains every word (<see cref="QuoteWords.Tokenize"/>); true for no words.</summary>
    public bool Matches(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return true;
        var have = QuoteWords.Tokenize(_text).ToHashSet(StringComparer.Ordinal);
        return words.All(have.Contains);
    }

    /// <summary>The hit: text, first speaker found, its kind, article ids in the order read.</summary>
    public QuoteHit ToHit() => new(_text, _speaker, _speakerKind, _articleIds);
}

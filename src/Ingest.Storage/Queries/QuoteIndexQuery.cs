using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>One table a quote query can read, with how its rows group into quotations.</summary>
/// <param name="table">The table read.</param>
/// <param name="kind">Query kind written into continuation tokens.</param>
internal abstract class QuoteIndexQuery(TableClient table, string kind)
{
    /// <summary>The table read.</summary>
    public TableClient Table { get; } = table;

    /// <summary>Query kind of the continuation tokens.</summary>
    public string Kind { get; } = kind;

    /// <summary>The OData filter of the rows after <paramref name="after"/>, or null for the whole table.</summary>
    public abstract string? Filter(string? speakerKey, ContinuationToken? after);

    /// <summary>The quote hash of a row; rows of one quotation are adjacent in key order.</summary>
    public abstract string GroupOf(TableEntity row);
}

/// <summary>Quotations of a speaker: the <c>q_</c>+quote hash+<c>_</c>+id rows of the speaker's <c>SpeakerIndex</c> partition.</summary>
/// <param name="speakerIndex">The speaker index table.</param>
internal sealed class SpeakerQuoteQuery(TableClient speakerIndex) : QuoteIndexQuery(speakerIndex, "qs")
{
    /// <inheritdoc />
    public override string Filter(string? speakerKey, ContinuationToken? after)
    {
        string start = after?.RowKey ?? ArticleIndex.SpeakerQuotePrefix;
        return TableClient.CreateQueryFilter(
            $"PartitionKey eq {speakerKey} and RowKey gt {start} and RowKey lt {ArticleIndex.SpeakerQuoteEnd}");
    }

    /// <inheritdoc />
    public override string GroupOf(TableEntity row) =>
        row.RowKey.Length > 2 && row.RowKey.IndexOf('_', 2) is var i and > 2 ? row.RowKey[2..i] : row.RowKey;
}

/// <summary>
/// Every quotation: the <c>QuoteIndex</c> table, partition = the quote hash's first two hex digits, row key = quote hash
/// + <c>_</c> + escaped article id, so key order is hash order and one quotation's rows are adjacent.
/// </summary>
/// <param name="quoteIndex">The quote index table.</param>
internal sealed class QuoteTextQuery(TableClient quoteIndex) : QuoteIndexQuery(quoteIndex, "qt")
{
    /// <inheritdoc />
    public override string? Filter(string? speakerKey, ContinuationToken? after) =>
        after is null
            ? null
            : TableClient.CreateQueryFilter(
                $"(PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey}) or PartitionKey gt {after.PartitionKey}");

    /// <inheritdoc />
    public override string GroupOf(TableEntity row) =>
        row.RowKey.IndexOf('_') is var i and > 0 ? row.RowKey[..i] : row.RowKey;
}

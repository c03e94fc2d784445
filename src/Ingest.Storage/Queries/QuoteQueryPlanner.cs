using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Plans and runs quote queries: with a speaker, that speaker's quote rows in <c>SpeakerIndex</c>; otherwise a scan of
/// <c>QuoteIndex</c>. Rows are grouped into one <see cref="QuoteHit"/> per quotation; <see cref="QuoteQuery.Text"/> words
/// are checked per quotation, and a page reads at most <see cref="StorageOptions.MaxScanRowsPerQuery"/> rows.
/// </summary>
/// <param name="tables">The tables.</param>
/// <param name="copies">Fingerprints of articles, to group each quotation's articles by story (<see cref="QuoteHit.Stories"/>).</param>
/// <param name="maxScanRows">Rows read per page at most (at least the page size).</param>
internal sealed class QuoteQueryPlanner(ArticleTables tables, CopyQuery copies, int maxScanRows)
{
    private static readonly string[] QuoteSelect = ["PartitionKey", "RowKey", "ArticleId", "Text", "Speaker", "SpeakerKind"];

    private readonly SpeakerQuoteQuery _bySpeaker = new(tables.SpeakerIndex);
    private readonly QuoteTextQuery _all = new(tables.QuoteIndex);

    /// <summary>One page of quotations matching <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (kind, speaker
    /// and words), or a given speaker or text normalizes to nothing (no key; no word).</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<QuoteHit>> QueryAsync(QuoteQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken)
    {
        QueryPaging.CheckPageSize(pageSize);
        string? speakerKey = QueryPaging.FilterKey(query.Speaker, "speaker");
        IReadOnlyList<string> words = query.Text is null ? [] : QuoteWords.Tokenize(query.Text).Distinct().Order(StringComparer.Ordinal).ToList();
        if (query.Text is not null && words.Count == 0)
            throw new QueryArgumentException("'text' has no word (letters or digits); leave it out to list every quotation.", "text");
        QuoteIndexQuery source = speakerKey is not null ? _bySpeaker : _all;
        string fingerprint = QueryPaging.Fingerprint(speakerKey, string.Join(' ', words));
        string? filter = source.Filter(speakerKey, ContinuationToken.Decode(continuationToken, source.Kind, fingerprint));

        int maxScan = Math.Max(pageSize, maxScanRows);
        var hits = new List<QuoteHit>();
        QuoteGroup? group = null;
        int scanned = 0;
        var rows = source.Table.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, QuoteSelect, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            string key = source.GroupOf(row);
            if (group is not null && key != group.Key)
            {
                if (group.Matches(words))
                    hits.Add(group.ToHit());
                if (hits.Count == pageSize || scanned >= maxScan)
                    return new Page<QuoteHit>(await ByStoryAsync(hits, cancellationToken).ConfigureAwait(false),
                        QueryPaging.Token(source.Kind, fingerprint, group.Last));
                group = null;
            }
            scanned++;
            group ??= new QuoteGroup(key);
            group.Add(row);
        }
        if (group is not null && group.Matches(words))
            hits.Add(group.ToHit());
        return new Page<QuoteHit>(await ByStoryAsync(hits, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>The hits with their articles grouped by story; only articles of hits with more than one are read.</summary>
    private async Task<IReadOnlyList<QuoteHit>> ByStoryAsync(List<QuoteHit> hits, CancellationToken cancellationToken)
    {
        var shared = hits.Where(h => h.ArticleIds.Count > 1).SelectMany(h => h.ArticleIds).ToList();
        var known = shared.Count == 0
            ? new Dictionary<string, Core.Copies.CopyCandidate>()
            : await copies.GetManyAsync(shared, cancellationToken).ConfigureAwait(false);
        return [.. hits.Select(h => h with { Stories = Core.Copies.StoryBuilder.GroupCopies(h.ArticleIds, known) })];
    }
}

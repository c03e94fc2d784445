using Azure.Data.Tables;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>
/// Plans and runs article list queries. The first given filter of entity, speaker, source, date drives the query (its
/// index is read in key order); <see cref="ArticleOrder.Newest"/> reads the inverted-date rows (with a date range or none); the other given filters are checked per row (date from the row, source and speaker by
/// point reads). No filter reads the article rows. With checks, a page reads at most
/// <see cref="StorageOptions.MaxScanRowsPerQuery"/> rows, so it may be short and still carry a continuation token.
/// </summary>
internal sealed class ArticleQueryPlanner
{
    private static readonly string[] SummarySelect = ["PartitionKey", "RowKey", .. ArticleIndex.SummaryColumns];

    private readonly ArticleIndexQuery[] _drivers;
    private readonly ArticleIndexQuery[] _checks;
    private readonly ArticleIndexQuery _all;
    private readonly int _maxScanRows;

    /// <summary>Creates the planner over the index tables.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="maxScanRows">Rows read per page when rows are checked against further filters.</param>
    public ArticleQueryPlanner(ArticleTables tables, int maxScanRows)
    {
        var entity = new EntityIndexQuery(tables.EntityIndex);
        var speaker = new SpeakerIndexQuery(tables.SpeakerIndex);
        var source = new SourceIndexQuery(tables.SourceIndex);
        var date = new DateIndexQuery(tables.DateIndex);
        _drivers = [entity, speaker, source, new NewestArticlesQuery(tables.DateIndex), date];
        // Cheapest check first: the date needs no read.
        _checks = [date, source, speaker, entity];
        _all = new AllArticlesQuery(tables.Articles);
        _maxScanRows = maxScanRows;
    }

    /// <summary>The index that drives a query with <paramref name="filter"/>.</summary>
    public ArticleIndexQuery Driver(ArticleFilter filter) => _drivers.FirstOrDefault(d => d.Applies(filter)) ?? _all;

    /// <summary>One page of articles matching every filter of <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (kind and
    /// filter), a given name filter normalizes to nothing, or newest-first order comes with a name filter.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<ArticleSummary>> QueryAsync(ArticleQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken)
    {
        QueryPaging.CheckPageSize(pageSize);
        var filter = ArticleFilter.Of(query);
        var driver = Driver(filter);
        string fingerprint = filter.Fingerprint;
        var after = ContinuationToken.Decode(continuationToken, driver.Kind, fingerprint);
        if (query.From is { } f && query.To is { } t && f > t)
            return new Page<ArticleSummary>([], null);
        string odata = driver.Filter(filter, after);
        var checks = _checks.Where(c => c != driver && c.Applies(filter)).ToList();
        int maxScan = Math.Max(pageSize, _maxScanRows);

        var items = new List<ArticleSummary>(Math.Min(pageSize, 64));
        TableEntity? last = null;
        int scanned = 0;
        int perPage = Math.Min(QueryPaging.MaxPageSize, checks.Count > 0 ? QueryPaging.MaxPageSize : pageSize + 1);
        var rows = driver.Table.QueryAsync<TableEntity>(odata, perPage, SummarySelect, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (items.Count == pageSize || scanned == maxScan)
                return new Page<ArticleSummary>(items, QueryPaging.Token(driver.Kind, fingerprint, last!));
            scanned++;
            last = row;
            var summary = ArticleIndex.ToSummary(row);
            if (await PassesAsync(checks, filter, summary, cancellationToken).ConfigureAwait(false))
                items.Add(summary);
        }
        return new Page<ArticleSummary>(items, null);
    }

    private static async Task<bool> PassesAsync(List<ArticleIndexQuery> checks, ArticleFilter filter, ArticleSummary summary,
        CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            if (!await check.MatchesAsync(filter, summary, cancellationToken).ConfigureAwait(false))
                return false;
        }
        return true;
    }
}

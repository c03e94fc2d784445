using Azure;
using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>
/// <see cref="ITemplateMemory"/> over Table storage. One row per publisher and line: PK = name key of the publisher,
/// RK = <see cref="TableKeys.TextHash"/> of the line; the row keeps the line, the ids of the latest articles that
/// contained it (at most <c>max(threshold, 10)</c>, oldest dropped first) and their count. One more row per publisher,
/// RK = <see cref="RecentRowKey"/>, keeps the ids of its <see cref="RecentArticles"/> latest observed articles. A line is a
/// template line while at least <see cref="StorageOptions.TemplateLineThreshold"/> of those recent articles contained it:
/// a line the publisher's articles stopped carrying is forgotten once that many newer articles came without it. At most
/// <see cref="StorageOptions.TemplateMaxLinesPerArticle"/> lines of an article are recorded.
/// </summary>
public sealed class TableTemplateMemory : ITemplateMemory
{
    private const int MinTrackedArticles = 10;
    private const int MaxLineChars = 4_000;
    private const int MaxAttempts = 5;
    private const int MaxParallel = 8;

    /// <summary>Row key of the publisher's list of recent articles (not a <see cref="TableKeys.TextHash"/>, which is hex).</summary>
    internal const string RecentRowKey = "~recent";

    /// <summary>
    /// How many of a publisher's latest articles count as recent: twice the articles a line row tracks, at least 20. A
    /// template line is in every article, so it stays; a line gone from the template drops out after this many articles.
    /// </summary>
    internal int RecentArticles => Math.Max(2 * TrackedArticles, 20);

    /// <summary>Attempts at the recent-articles row, which every article of the publisher writes.</summary>
    private const int MaxRecentAttempts = 12;

    private readonly TableClient _table;
    private readonly StorageOptions _options;
    private readonly ILogger<TableTemplateMemory> _logger;

    /// <summary>Creates the memory over the table named by <see cref="StorageOptions.TemplateLinesTable"/>.</summary>
    /// <param name="tableService">Table service client of the storage account.</param>
    /// <param name="options">Resource names and thresholds.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TableTemplateMemory(TableServiceClient tableService, IOptions<StorageOptions> options, ILogger<TableTemplateMemory> logger)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        _table = tableService.GetTableClient(new StorageNames(_options).TemplateLines);
    }

    private int Threshold => Math.Max(1, _options.TemplateLineThreshold);

    private int TrackedArticles => Math.Max(Threshold, MinTrackedArticles);

    /// <summary>
    /// Returns the lines that at least <see cref="StorageOptions.TemplateLineThreshold"/> of the <see cref="RecentArticles"/>
    /// latest articles of <paramref name="publisher"/> contained (when the memory has no recent list for the publisher,
    /// written before it kept one, all its tracked articles count).
    /// </summary>
    /// <param name="publisher">Publisher name (matched case-insensitively).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="publisher"/> is null.</exception>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task<IReadOnlySet<string>> GetTemplateLinesAsync(string publisher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        string key = TableKeys.NameKey(publisher);
        if (key.Length == 0)
            return lines;
        int threshold = Threshold;
        var recent = (await ReadRecentAsync(key, cancellationToken).ConfigureAwait(false))?.Ids.ToHashSet(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {key} and Articles ge {threshold}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, 1000, ["Line", "ArticleIds"], cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == RecentRowKey || row.GetString("Line") is not { } line)
                continue;
            if (recent is null || Ids(row).Count(recent.Contains) >= threshold)
                lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// Records that an article of <paramref name="publisher"/> contained <paramref name="lines"/>; idempotent per article and
    /// line. The article joins the publisher's recent articles (an article already among them keeps its place). All rows of a publisher share one partition, so the lines are read by queries of up to
    /// <see cref="MaxRowsPerQuery"/> row keys each and written in entity-group transactions of up to
    /// <see cref="TableBatches.MaxEntitiesPerBatch"/> rows (new rows inserted, others replaced if their ETag is unchanged): a
    /// typical article costs one query and one transaction instead of a read and a write per line. A transaction that loses
    /// a race with another article of the publisher (409, 412) is read and built again, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    /// <param name="publisher">Publisher name.</param>
    /// <param name="articleId">Article id.</param>
    /// <param name="lines">Normalized lines; duplicates, blank and very long lines are ignored, and only the first
    /// <see cref="StorageOptions.TemplateMaxLinesPerArticle"/> distinct lines are recorded.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is blank.</exception>
    /// <exception cref="RequestFailedException">The storage service failed.</exception>
    public async Task ObserveAsync(string publisher, string articleId, IEnumerable<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        ArgumentNullException.ThrowIfNull(lines);
        string key = TableKeys.NameKey(publisher);
        if (key.Length == 0)
            return;
        var selected = lines.Where(l => !string.IsNullOrWhiteSpace(l) && l.Length <= MaxLineChars)
            .Distinct(StringComparer.Ordinal).Take(Math.Max(0, _options.TemplateMaxLinesPerArticle))
            .DistinctBy(TableKeys.TextHash, StringComparer.Ordinal).ToList();
        string id = articleId.Replace(",", "%2C", StringComparison.Ordinal); // ids are kept comma-separated
        await AddRecentAsync(key, id, cancellationToken).ConfigureAwait(false);
        // Lines of at most 4,000 characters: 100 rows stay under the transaction's payload limit.
        await Parallel.ForEachAsync(selected.Chunk(TableBatches.MaxEntitiesPerBatch),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken },
            async (chunk, ct) => await ObserveChunkAsync(key, id, chunk, ct).ConfigureAwait(false)).ConfigureAwait(false);
        _logger.LogDebug("Template memory of {Publisher} observed {Lines} lines of {ArticleId}", publisher, selected.Count, articleId);
    }

    /// <summary>Row keys per query: with the partition key, Azure Table storage allows 15 comparisons in a filter.</summary>
    internal const int MaxRowsPerQuery = 14;

    private async Task ObserveChunkAsync(string publisherKey, string articleId, string[] lines, CancellationToken cancellationToken)
    {
        var rowKeys = lines.ToDictionary(l => TableKeys.TextHash(l), l => l, StringComparer.Ordinal);
        for (int attempt = 1; ; attempt++)
        {
            var existing = await ReadRowsAsync(publisherKey, rowKeys.Keys, cancellationToken).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>();
            foreach (var (rowKey, line) in rowKeys)
            {
                if (!existing.TryGetValue(rowKey, out var row))
                {
                    var created = new TableEntity(publisherKey, rowKey) { ["Line"] = line, ["ArticleIds"] = articleId, ["Articles"] = 1 };
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, created));
                    continue;
                }
                var ids = Ids(row);
                if (ids.Contains(articleId, StringComparer.Ordinal))
                    continue;
                ids.Add(articleId);
                if (ids.Count > TrackedArticles)
                    ids.RemoveRange(0, ids.Count - TrackedArticles); // the latest articles decide whether the line is recent
                row["ArticleIds"] = string.Join(',', ids);
                row["Articles"] = ids.Count;
                // Optimistic concurrency: another article of the same publisher may be updating this line.
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
            }
            if (actions.Count == 0)
                return;
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Lost a race with another writer (the whole transaction failed): read again.
            }
        }
    }

    private static List<string> Ids(TableEntity row) =>
        (row.GetString("ArticleIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The publisher's recent-articles row and its ids, oldest first, or null when it has none yet.</summary>
    private async Task<(TableEntity Row, List<string> Ids)?> ReadRecentAsync(string publisherKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(publisherKey, RecentRowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is { } row ? (row, Ids(row)) : null;
    }

    /// <summary>Appends <paramref name="articleId"/> to the publisher's recent articles, keeping the latest <see cref="RecentArticles"/>.</summary>
    private async Task AddRecentAsync(string publisherKey, string articleId, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var current = await ReadRecentAsync(publisherKey, cancellationToken).ConfigureAwait(false);
            var ids = current?.Ids ?? [];
            if (ids.Contains(articleId, StringComparer.Ordinal))
                return;
            ids.Add(articleId);
            if (ids.Count > RecentArticles)
                ids.RemoveRange(0, ids.Count - RecentArticles);
            try
            {
                if (current is { Row: var row })
                {
                    row["ArticleIds"] = string.Join(',', ids);
                    await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.AddEntityAsync(new TableEntity(publisherKey, RecentRowKey) { ["ArticleIds"] = string.Join(',', ids) },
                        cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxRecentAttempts)
            {
                // Another article of the publisher wrote the row first: read it again.
            }
        }
    }

    /// <summary>The rows of <paramref name="rowKeys"/> that exist in the publisher's partition, by row key.</summary>
    private async Task<Dictionary<string, TableEntity>> ReadRowsAsync(string publisherKey, IEnumerable<string> rowKeys,
        CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var keys in rowKeys.Chunk(MaxRowsPerQuery))
        {
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {publisherKey}") + " and (" +
                string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, MaxRowsPerQuery, cancellationToken: cancellationToken)
                               .ConfigureAwait(false))
                rows[row.RowKey] = row;
        }
        return rows;
    }
}

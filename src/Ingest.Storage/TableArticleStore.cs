using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>
/// <see cref="IArticleStore"/> over Azure Table storage, with the full record JSON in Blob storage.
/// <para>
/// Layout: the articles table has one row per article (PK = escaped article id, RK = <c>article</c>) with the small
/// searchable fields, content hash, pipeline version and the record blob name; the record itself (body, quotes,
/// entities, boilerplate) is <c>{id}.json</c> in the records container, with the list of its index rows. Index tables
/// (entity, speaker, source, date, quote text) are inter-partition secondary indexes whose rows carry the summary fields;
/// the entity-names table (PK = first character of the name key, RK = name key) holds display name, type and article count.
/// </para>
/// </summary>
public sealed class TableArticleStore : IArticleStore
{
    private const string QueryArticlesByEntity = "ae";
    private const string QueryArticlesBySpeaker = "as";
    private const string QueryArticlesBySource = "ao";
    private const string QueryArticlesByDate = "ad";
    private const string QueryArticlesAll = "aa";
    private const string QueryQuotesBySpeaker = "qs";
    private const string QueryQuotesAll = "qt";
    private const string QueryEntitiesByPrefix = "ep";
    private const string QueryEntitiesAll = "ea";
    private const int MaxPageSize = 1000;
    private const int MaxReasonChars = 16_000;
    private const int MaxUpsertAttempts = 5;

    private static readonly string[] StateColumns =
        ["PartitionKey", "ArticleId", "SourceContainer", "SourceName", "ContentHash", "PipelineVersion"];

    private static readonly string[] SummarySelect = ["PartitionKey", "RowKey", .. ArticleIndex.SummaryColumns];

    private static readonly string[] QuoteSelect = ["PartitionKey", "RowKey", "ArticleId", "Text", "Speaker", "SpeakerKind"];

    private readonly StorageOptions _options;
    private readonly ILogger<TableArticleStore> _logger;
    private readonly BlobContainerClient _records;
    private readonly TableClient _articles;
    private readonly TableClient _failures;
    private readonly TableClient _entityIndex;
    private readonly TableClient _entityNames;
    private readonly TableClient _speakerIndex;
    private readonly TableClient _sourceIndex;
    private readonly TableClient _dateIndex;
    private readonly TableClient _quoteIndex;

    /// <summary>Creates the store over the tables and records container named by <paramref name="options"/>.</summary>
    /// <param name="tableService">Table service client of the storage account.</param>
    /// <param name="blobService">Blob service client of the storage account.</param>
    /// <param name="options">Resource names and limits.</param>
    /// <param name="logger">Logger.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TableArticleStore(TableServiceClient tableService, BlobServiceClient blobService, IOptions<StorageOptions> options,
        ILogger<TableArticleStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        var names = new StorageNames(_options);
        _records = blobService.GetBlobContainerClient(names.RecordsContainer);
        _articles = tableService.GetTableClient(names.Articles);
        _failures = tableService.GetTableClient(names.Failures);
        _entityIndex = tableService.GetTableClient(names.EntityIndex);
        _entityNames = tableService.GetTableClient(names.EntityNames);
        _speakerIndex = tableService.GetTableClient(names.SpeakerIndex);
        _sourceIndex = tableService.GetTableClient(names.SourceIndex);
        _dateIndex = tableService.GetTableClient(names.DateIndex);
        _quoteIndex = tableService.GetTableClient(names.QuoteIndex);
    }

    /// <summary>Reads one article record from the records container, or null when none exists.</summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<ArticleRecord?> GetAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        var (stored, _) = await ReadStoredAsync(articleId, cancellationToken).ConfigureAwait(false);
        return stored?.Record;
    }

    /// <summary>Reads the failure record of an article, or null when its last attempt did not fail.</summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<IngestFailure?> GetFailureAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        var row = await _failures.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(articleId), ArticleIndex.FailureRowKey,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } e)
            return null;
        return new IngestFailure
        {
            Id = e.GetString("ArticleId") ?? articleId,
            Source = new SourceRef(e.GetString("SourceContainer") ?? "", e.GetString("SourceName") ?? ""),
            Stage = e.GetString("Stage") ?? "",
            Reason = e.GetString("Reason") ?? "",
            ErrorType = e.GetString("ErrorType") ?? "",
            PipelineVersion = e.GetString("PipelineVersion") ?? "",
            ContentHash = e.GetString("ContentHash"),
            SizeBytes = e.GetInt64("SizeBytes") ?? -1,
            FailedAt = e.GetDateTimeOffset("FailedAt") ?? default,
        };
    }

    /// <summary>
    /// Reads the stored state of an article: from its failure row when one exists (the last attempt failed),
    /// else from its article row; null when neither exists.
    /// </summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<StoredArticleState?> GetStateAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        string key = TableKeys.Escape(articleId);
        var article = _articles.GetEntityIfExistsAsync<TableEntity>(key, ArticleIndex.ArticleRowKey, StateColumns, cancellationToken);
        var failure = _failures.GetEntityIfExistsAsync<TableEntity>(key, ArticleIndex.FailureRowKey, StateColumns, cancellationToken);
        var failureRow = await failure.ConfigureAwait(false);
        var articleRow = await article.ConfigureAwait(false);
        if (failureRow.HasValue && failureRow.Value is { } f)
            return ToState(f, failed: true, articleId);
        if (articleRow.HasValue && articleRow.Value is { } a)
            return ToState(a, failed: false, articleId);
        return null;
    }

    /// <summary>
    /// Writes the record and its index rows idempotently (keyed by <see cref="ArticleRecord.Id"/>), removes index rows of
    /// the earlier version that the new record no longer has, updates entity counts and clears the failure record.
    /// </summary>
    /// <param name="record">The record; <see cref="ArticleRecord.Id"/>, <see cref="ArticleRecord.ContentHash"/> and
    /// <see cref="ArticleRecord.PipelineVersion"/> must not be blank.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="UpsertOutcome.Unchanged"/> when the stored article has the same content hash and pipeline version
    /// (nothing but a failure record is written), else <see cref="UpsertOutcome.Created"/> or <see cref="UpsertOutcome.Updated"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">A required field of <paramref name="record"/> is blank.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.Id) || string.IsNullOrWhiteSpace(record.ContentHash) ||
            string.IsNullOrWhiteSpace(record.PipelineVersion) || record.Source is null)
            throw new ArgumentException("The record needs an id, a source, a content hash and a pipeline version.", nameof(record));

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertOnceAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxUpsertAttempts)
            {
                // Another writer replaced the record blob since this attempt read it: start again from its version.
                _logger.LogWarning("Concurrent upsert of {ArticleId} detected; retrying (attempt {Attempt})", record.Id, attempt);
            }
        }
    }

    private async Task<UpsertOutcome> UpsertOnceAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        string idKey = TableKeys.Escape(record.Id);
        var existing = await _articles.GetEntityIfExistsAsync<TableEntity>(idKey, ArticleIndex.ArticleRowKey,
            ["ContentHash", "PipelineVersion"], cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value is { } current &&
            current.GetString("ContentHash") == record.ContentHash && current.GetString("PipelineVersion") == record.PipelineVersion)
        {
            await ClearFailureAsync(idKey, cancellationToken).ConfigureAwait(false);
            _logger.LogDebug("Article {ArticleId} unchanged (pipeline {PipelineVersion})", record.Id, record.PipelineVersion);
            return UpsertOutcome.Unchanged;
        }

        // The previous version's index rows come from its blob (also after a crash between blob and row writes).
        var (previous, previousETag) = await ReadStoredAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var oldRefs = previous?.Refs().ToHashSet() ?? [];
        var rows = ArticleIndex.Build(record);
        var newRefs = rows.Select(r => r.Ref).ToHashSet();
        var stale = oldRefs.Where(r => !newRefs.Contains(r)).ToList();

        // Order: new index rows, then stale deletions, then the blob (which lists the new rows), then the article row.
        // A crash in between leaves the previous blob's list, so a retry still finds the rows to delete.
        await TableBatches.UpsertAsync(rows.Select(r => (Table(r.Table), (ITableEntity)r.Entity)), cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteAsync(stale.Select(r => (Table(r.Table), (ITableEntity)new TableEntity(r.PartitionKey, r.RowKey))),
            cancellationToken).ConfigureAwait(false);

        string blobName = BlobName(record.Id);
        var stored = new StoredRecord { Record = record, IndexRows = StoredRecord.FromRefs(newRefs) };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(stored, ArticleJson.Compact);
        await _records.GetBlobClient(blobName).UploadAsync(new BinaryData(json),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                // Optimistic concurrency on the blob that lists the index rows: a concurrent upsert fails with 412/409 and retries.
                Conditions = previousETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
            },
            cancellationToken).ConfigureAwait(false);

        var articleRow = ArticleIndex.Summary(record, idKey, ArticleIndex.ArticleRowKey);
        articleRow["ContentHash"] = record.ContentHash;
        articleRow["RecordBlob"] = blobName;
        articleRow["IndexRows"] = newRefs.Count;
        await _articles.UpsertEntityAsync(articleRow, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        // Article counts change for entities this version added or removed; after a missing article row
        // (first write, or a crash before it) every entity is recounted.
        var oldEntities = oldRefs.Where(r => r.Table == IndexTable.Entity).Select(r => r.PartitionKey).ToHashSet(StringComparer.Ordinal);
        var newEntities = newRefs.Where(r => r.Table == IndexTable.Entity).Select(r => r.PartitionKey).ToHashSet(StringComparer.Ordinal);
        var recount = new HashSet<string>(oldEntities, StringComparer.Ordinal);
        if (existing.HasValue)
            recount.SymmetricExceptWith(newEntities);
        else
            recount.UnionWith(newEntities);
        await UpdateEntityNamesAsync(recount, rows, cancellationToken).ConfigureAwait(false);

        await ClearFailureAsync(idKey, cancellationToken).ConfigureAwait(false);
        var outcome = existing.HasValue ? UpsertOutcome.Updated : UpsertOutcome.Created;
        _logger.LogDebug("Article {ArticleId} {Outcome}: {IndexRows} index rows, {StaleRows} stale rows removed, {Recounted} entity counts updated",
            record.Id, outcome, newRefs.Count, stale.Count, recount.Count);
        return outcome;
    }

    /// <summary>Writes a failure record (replacing an older one). An existing article record is left as it is.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="IngestFailure.Id"/> is blank.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task RecordFailureAsync(IngestFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (string.IsNullOrWhiteSpace(failure.Id))
            throw new ArgumentException("The failure needs an article id.", nameof(failure));
        var row = new TableEntity(TableKeys.Escape(failure.Id), ArticleIndex.FailureRowKey)
        {
            ["ArticleId"] = failure.Id,
            ["SourceContainer"] = failure.Source?.Container,
            ["SourceName"] = failure.Source?.Name,
            ["Stage"] = failure.Stage,
            ["Reason"] = ArticleIndex.Cut(failure.Reason, MaxReasonChars),
            ["ErrorType"] = failure.ErrorType,
            ["PipelineVersion"] = failure.PipelineVersion,
            ["ContentHash"] = failure.ContentHash,
            ["SizeBytes"] = failure.SizeBytes,
            ["FailedAt"] = failure.FailedAt,
        };
        await _failures.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists articles matching <paramref name="query"/> (filters combined with AND). The most selective given filter drives
    /// the query (entity, then speaker, then source, then date; no filter scans the articles table) and the others are
    /// checked per row; such a page may hold fewer than <paramref name="pageSize"/> items but still a continuation token.
    /// </summary>
    /// <param name="query">Filters.</param>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token of this kind of query.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<ArticleSummary>> QueryArticlesAsync(ArticleQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPageSize(pageSize);
        if (query.From is { } f && query.To is { } t && f > t)
            return new Page<ArticleSummary>([], null);

        string? entityKey = FilterKey(query.Entity);
        string? speakerKey = FilterKey(query.Speaker);
        string? sourceKey = FilterKey(query.Source);
        bool hasDate = query.From is not null || query.To is not null;
        string fromDay = (query.From ?? DateOnly.MinValue).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string toDay = (query.To ?? DateOnly.MaxValue).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        string kind;
        TableClient table;
        string filter;
        if (entityKey is not null)
        {
            kind = QueryArticlesByEntity;
            table = _entityIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            filter = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {entityKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {entityKey} and RowKey gt {after.RowKey}");
        }
        else if (speakerKey is not null)
        {
            kind = QueryArticlesBySpeaker;
            table = _speakerIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            string start = after?.RowKey ?? ArticleIndex.SpeakerArticlePrefix;
            filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {speakerKey} and RowKey gt {start} and RowKey lt {ArticleIndex.SpeakerArticleEnd}");
        }
        else if (sourceKey is not null)
        {
            kind = QueryArticlesBySource;
            table = _sourceIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            filter = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {sourceKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {sourceKey} and RowKey gt {after.RowKey}");
        }
        else if (hasDate)
        {
            kind = QueryArticlesByDate;
            table = _dateIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            string fromMonth = fromDay[..7];
            string toMonth = toDay[..7];
            string toEnd = toDay + "`"; // '`' follows the '_' after the date in row keys
            filter = after is null
                ? TableClient.CreateQueryFilter(
                    $"PartitionKey ge {fromMonth} and PartitionKey le {toMonth} and RowKey ge {fromDay} and RowKey lt {toEnd}")
                : TableClient.CreateQueryFilter(
                    $"PartitionKey ge {fromMonth} and PartitionKey le {toMonth} and RowKey ge {fromDay} and RowKey lt {toEnd} and (PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey}))");
        }
        else
        {
            kind = QueryArticlesAll;
            table = _articles;
            var after = ContinuationToken.Decode(continuationToken, kind);
            filter = after is null
                ? TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.ArticleRowKey}")
                : TableClient.CreateQueryFilter($"PartitionKey gt {after.PartitionKey} and RowKey eq {ArticleIndex.ArticleRowKey}");
        }

        bool checkDate = hasDate && kind != QueryArticlesByDate;
        bool checkSpeaker = speakerKey is not null && kind != QueryArticlesBySpeaker;
        bool checkSource = sourceKey is not null && kind != QueryArticlesBySource;
        bool postFilter = checkDate || checkSpeaker || checkSource;
        int maxScan = Math.Max(pageSize, _options.MaxScanRowsPerQuery);

        var items = new List<ArticleSummary>(Math.Min(pageSize, 64));
        TableEntity? last = null;
        int scanned = 0;
        var rows = table.QueryAsync<TableEntity>(filter, Math.Min(MaxPageSize, postFilter ? MaxPageSize : pageSize + 1), SummarySelect,
            cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (items.Count == pageSize || scanned == maxScan)
                return new Page<ArticleSummary>(items, Token(kind, last!));
            scanned++;
            last = row;
            var summary = ArticleIndex.ToSummary(row);
            string idKey = TableKeys.Escape(summary.Id);
            if (checkDate && (ArticleIndex.PublishedDate(summary.PublishedAt) is not { } date ||
                date < (query.From ?? DateOnly.MinValue) || date > (query.To ?? DateOnly.MaxValue)))
                continue;
            if (checkSource && !await ExistsAsync(_sourceIndex, sourceKey!, idKey, cancellationToken).ConfigureAwait(false))
                continue;
            if (checkSpeaker && !await ExistsAsync(_speakerIndex, speakerKey!, ArticleIndex.SpeakerArticlePrefix + idKey,
                    cancellationToken).ConfigureAwait(false))
                continue;
            items.Add(summary);
        }
        return new Page<ArticleSummary>(items, null);
    }

    /// <summary>
    /// Lists quotations matching <paramref name="query"/>, one <see cref="QuoteHit"/> per distinct quotation with every article
    /// it appears in. With a speaker, reads that speaker's partition of the speaker index; otherwise scans the quote-text index
    /// (one partition per quotation). <see cref="QuoteQuery.Text"/> keeps quotations that contain all its words; the words are
    /// checked per row, so a page may be short (or empty) and still carry a continuation token.
    /// </summary>
    /// <param name="query">Filters.</param>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token of this kind of query.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<QuoteHit>> QueryQuotesAsync(QuoteQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPageSize(pageSize);
        string? speakerKey = FilterKey(query.Speaker);
        IReadOnlyList<string> words = query.Text is null ? [] : QuoteWords.Tokenize(query.Text).Distinct().ToList();

        string kind;
        TableClient table;
        string? filter;
        Func<TableEntity, string> groupOf;
        if (speakerKey is not null)
        {
            kind = QueryQuotesBySpeaker;
            table = _speakerIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            string start = after?.RowKey ?? ArticleIndex.SpeakerQuotePrefix;
            filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {speakerKey} and RowKey gt {start} and RowKey lt {ArticleIndex.SpeakerQuoteEnd}");
            // RowKey = "q_" + quote hash + "_" + article id: rows of one quotation are adjacent.
            groupOf = e => e.RowKey.Length > 2 && e.RowKey.IndexOf('_', 2) is var i and > 2 ? e.RowKey[2..i] : e.RowKey;
        }
        else
        {
            kind = QueryQuotesAll;
            table = _quoteIndex;
            var after = ContinuationToken.Decode(continuationToken, kind);
            filter = after is null ? null : TableClient.CreateQueryFilter($"PartitionKey gt {after.PartitionKey}");
            groupOf = e => e.PartitionKey;
        }

        int maxScan = Math.Max(pageSize, _options.MaxScanRowsPerQuery);
        var hits = new List<QuoteHit>();
        QuoteGroup? group = null;
        int scanned = 0;
        var rows = table.QueryAsync<TableEntity>(filter, MaxPageSize, QuoteSelect, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            string key = groupOf(row);
            if (group is not null && key != group.Key)
            {
                if (group.Matches(words))
                    hits.Add(group.ToHit());
                if (hits.Count == pageSize || scanned >= maxScan)
                    return new Page<QuoteHit>(hits, Token(kind, group.Last));
                group = null;
            }
            scanned++;
            group ??= new QuoteGroup(key);
            group.Add(row);
        }
        if (group is not null && group.Matches(words))
            hits.Add(group.ToHit());
        return new Page<QuoteHit>(hits, null);
    }

    /// <summary>
    /// Lists entity names starting with <paramref name="prefix"/> (after the same normalization as entity keys:
    /// case-insensitive, spaces collapsed, a leading "the " dropped), in key order, with the number of articles naming each.
    /// An empty prefix lists every entity.
    /// </summary>
    /// <param name="prefix">Name prefix.</param>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token of this kind of query.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<EntityCount>> QueryEntitiesAsync(string prefix, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        CheckPageSize(pageSize);
        string normalized = TableKeys.NormalizePrefix(prefix);
        string kind;
        string? filter;
        if (normalized.Length == 0)
        {
            kind = QueryEntitiesAll;
            var after = ContinuationToken.Decode(continuationToken, kind);
            filter = after is null ? null : TableClient.CreateQueryFilter(
                $"PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey})");
        }
        else
        {
            kind = QueryEntitiesByPrefix;
            var after = ContinuationToken.Decode(continuationToken, kind);
            string start = TableKeys.Escape(normalized);
            string partition = TableKeys.NamePartition(start);
            string end = start[^1] == char.MaxValue ? start + char.MaxValue : string.Concat(start.AsSpan(0, start.Length - 1), [(char)(start[^1] + 1)]);
            filter = after is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {start} and RowKey lt {end}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after.RowKey} and RowKey lt {end}");
        }

        var items = new List<EntityCount>();
        TableEntity? last = null;
        var rows = _entityNames.QueryAsync<TableEntity>(filter, Math.Min(MaxPageSize, pageSize + 1),
            ["PartitionKey", "RowKey", "Name", "Type", "Articles"], cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (items.Count == pageSize)
                return new Page<EntityCount>(items, Token(kind, last!));
            last = row;
            items.Add(new EntityCount(row.GetString("Name") ?? TableKeys.Unescape(row.RowKey), row.GetString("Type") ?? "",
                row.GetInt32("Articles") ?? 0));
        }
        return new Page<EntityCount>(items, null);
    }

    /// <summary>
    /// Streams the state of every stored article and failure whose pipeline version differs from
    /// <paramref name="currentPipelineVersion"/>. An article with a failure record is reported once, by its failure record,
    /// and not at all when that failure is of the current version.
    /// </summary>
    /// <param name="currentPipelineVersion">The pipeline version now running.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currentPipelineVersion"/> is null.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPipelineVersion);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _failures.QueryAsync<TableEntity>((string?)null, MaxPageSize, StateColumns, cancellationToken)
                           .ConfigureAwait(false))
        {
            failed.Add(row.PartitionKey);
            if (row.GetString("PipelineVersion") != currentPipelineVersion)
                yield return ToState(row, failed: true, TableKeys.Unescape(row.PartitionKey));
        }

        string filter = TableClient.CreateQueryFilter($"PipelineVersion ne {currentPipelineVersion}");
        await foreach (var row in _articles.QueryAsync<TableEntity>(filter, MaxPageSize, StateColumns, cancellationToken)
                           .ConfigureAwait(false))
        {
            if (!failed.Contains(row.PartitionKey))
                yield return ToState(row, failed: false, TableKeys.Unescape(row.PartitionKey));
        }
    }

    internal static string BlobName(string articleId) => TableKeys.Escape(articleId) + ".json";

    private async Task<(StoredRecord? Stored, Azure.ETag? ETag)> ReadStoredAsync(string articleId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _records.GetBlobClient(BlobName(articleId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (content.Value.Content.ToObjectFromJson<StoredRecord>(ArticleJson.Compact), content.Value.Details.ETag);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }

    private async Task UpdateEntityNamesAsync(IEnumerable<string> keys, IReadOnlyList<IndexRow> rows, CancellationToken cancellationToken)
    {
        var current = rows.Where(r => r.Table == IndexTable.Entity)
            .ToDictionary(r => r.Entity.PartitionKey, r => r.Entity, StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                // Recount from the index instead of incrementing: idempotent, and right again after any retry.
                int count = 0;
                string? name = null;
                string? type = null;
                string filter = TableClient.CreateQueryFilter($"PartitionKey eq {key}");
                await foreach (var row in _entityIndex.QueryAsync<TableEntity>(filter, MaxPageSize, ["Name", "Type"], ct).ConfigureAwait(false))
                {
                    count++;
                    name ??= row.GetString("Name");
                    type ??= row.GetString("Type");
                }
                if (current.TryGetValue(key, out var mine))
                {
                    name = mine.GetString("Name");
                    type = mine.GetString("Type");
                }
                string partition = TableKeys.NamePartition(key);
                if (count == 0)
                {
                    await _entityNames.DeleteEntityAsync(partition, key, Azure.ETag.All, ct).ConfigureAwait(false);
                    return;
                }
                var entity = new TableEntity(partition, key)
                {
                    ["Name"] = name ?? TableKeys.Unescape(key),
                    ["Type"] = type,
                    ["Articles"] = count,
                };
                await _entityNames.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private async Task ClearFailureAsync(string idKey, CancellationToken cancellationToken)
    {
        // A missing entity is not an error for DeleteEntityAsync.
        await _failures.DeleteEntityAsync(idKey, ArticleIndex.FailureRowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }

    private TableClient Table(IndexTable table) => table switch
    {
        IndexTable.Entity => _entityIndex,
        IndexTable.Speaker => _speakerIndex,
        IndexTable.Source => _sourceIndex,
        IndexTable.Date => _dateIndex,
        IndexTable.Quote => _quoteIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    private static StoredArticleState ToState(TableEntity row, bool failed, string fallbackId) => new(
        row.GetString("ArticleId") ?? fallbackId,
        new SourceRef(row.GetString("SourceContainer") ?? "", row.GetString("SourceName") ?? ""),
        row.GetString("ContentHash"), row.GetString("PipelineVersion") ?? "", failed);

    private static string? FilterKey(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : TableKeys.NameKey(name) is { Length: > 0 } key ? key : null;

    private static string Token(string kind, TableEntity last) => new ContinuationToken(kind, last.PartitionKey, last.RowKey).Encode();

    private static void CheckPageSize(int pageSize)
    {
        if (pageSize is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be within 1-1000.");
    }

    /// <summary>The rows of one quotation while a quote query reads them.</summary>
    private sealed class QuoteGroup(string key)
    {
        private readonly List<string> _articleIds = [];
        private string _text = "";
        private string? _speaker;
        private string _speakerKind = SpeakerKinds.Unknown;

        public string Key { get; } = key;

        public TableEntity Last { get; private set; } = null!;

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

        public bool Matches(IReadOnlyList<string> words)
        {
            if (words.Count == 0)
                return true;
            var have = QuoteWords.Tokenize(_text).ToHashSet(StringComparer.Ordinal);
            return words.All(have.Contains);
        }

        public QuoteHit ToHit() => new(_text, _speaker, _speakerKind, _articleIds);
    }
}

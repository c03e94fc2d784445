using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Ingest.Core.Abstractions;
using Ingest.Core.Copies;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingest.Storage;

/// <summary>
/// <see cref="IArticleStore"/> over Azure Table storage, with the full record JSON in Blob storage. A facade: it checks
/// arguments and hands each call to the part that owns the concern.
/// <list type="bullet">
/// <item><see cref="RecordBlobStore"/>: <c>{id}.json</c> in the records container, the record and the list of its index rows.</item>
/// <item><see cref="ArticleRows"/>: one row per article (PK = escaped id, RK = <c>article</c>) with the summary fields,
/// content hash, pipeline version and blob name.</item>
/// <item><see cref="IndexWriter"/>: the inter-partition secondary indexes (entity, speaker, source, date, quote text).</item>
/// <item><see cref="FailureStore"/>: failure rows; <see cref="ArticleStates"/> reads article and failure rows as states.</item>
/// <item><see cref="EntityNameCounter"/>: the entity-names table (PK = first character of the name key) with article counts.</item>
/// <item><see cref="ArticleQueryPlanner"/>, <see cref="QuoteQueryPlanner"/>, <see cref="EntityNameQuery"/>: the queries.</item>
/// </list>
/// Argument errors surface through the returned task (or the first <c>MoveNextAsync</c>), as from any async method.
/// Design and table layout: <c>src/Ingest.Storage/README.md</c>.
/// </summary>
public sealed class TableArticleStore : IArticleStore, IStoreRepair
{
    private readonly RecordBlobStore _records;
    private readonly FailureStore _failures;
    private readonly ArticleStates _states;
    private readonly ArticleUpsert _upsert;
    private readonly ArticleRemoval _removal;
    private readonly StoreRepair _repair;
    private readonly ArticleQueryPlanner _articleQueries;
    private readonly QuoteQueryPlanner _quoteQueries;
    private readonly EntityNameQuery _entityQueries;
    private readonly FailureQuery _failureQueries;
    private readonly CopyQuery _copyQueries;
    private readonly ArticleTables _tables;
    private readonly BlobContainerClient _recordsContainer;
    private readonly ILogger _logger;

    /// <summary>Creates the store over the tables and records container named by <paramref name="options"/>; sends no request.</summary>
    /// <param name="tableService">Table service client of the storage account.</param>
    /// <param name="blobService">Blob service client of the storage account.</param>
    /// <param name="options">Resource names and limits.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock of the first-stored times (the story of copies is named after its earliest-stored member);
    /// null: the system clock.</param>
    /// <exception cref="ArgumentNullException">An argument but <paramref name="timeProvider"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="StorageOptions.NamePrefix"/> is not lower-case letters and digits.</exception>
    public TableArticleStore(TableServiceClient tableService, BlobServiceClient blobService, IOptions<StorageOptions> options,
        ILogger<TableArticleStore> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(blobService);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var names = new StorageNames(options.Value);
        var tables = new ArticleTables(tableService, names);
        var articles = new ArticleRows(tables.Articles);
        _tables = tables;
        _recordsContainer = blobService.GetBlobContainerClient(names.RecordsContainer);
        _logger = logger;
        _records = new RecordBlobStore(_recordsContainer);
        _failures = new FailureStore(tables.Failures, tables.Articles);
        _states = new ArticleStates(articles, _failures);
        var index = new IndexWriter(tables);
        var counter = new EntityNameCounter(tables.EntityIndex, tables.EntityNames);
        _upsert = new ArticleUpsert(articles, _records, index, counter, _failures, logger, timeProvider ?? TimeProvider.System);
        _removal = new ArticleRemoval(articles, _records, index, counter, _failures, logger);
        _repair = new StoreRepair(tables, articles, _records, _failures, _upsert, _removal, index, counter, blobService, logger);
        _articleQueries = new ArticleQueryPlanner(tables, options.Value.MaxScanRowsPerQuery);
        _copyQueries = new CopyQuery(tables.CopyIndex, articles, _records);
        _quoteQueries = new QuoteQueryPlanner(tables, _copyQueries, options.Value.MaxScanRowsPerQuery);
        _entityQueries = new EntityNameQuery(tables.EntityNames);
        _failureQueries = new FailureQuery(tables.Failures);
    }

    /// <summary>Reads one article record from the records container, or null when none exists.</summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<ArticleRecord?> GetAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        var (stored, _) = await _records.ReadAsync(articleId, cancellationToken).ConfigureAwait(false);
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
        return await _failures.GetAsync(articleId, cancellationToken).ConfigureAwait(false);
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
        return await _states.GetAsync(articleId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the record and its index rows idempotently (keyed by <see cref="ArticleRecord.Id"/>), removes index rows of
    /// the earlier version that the new record no longer has, updates entity counts and clears the failure record.
    /// The article row is written last, so a write stopped at any point is completed by the next one. A table or the
    /// records container found missing is created again and the write tried once more.
    /// Concurrent upserts of one article are serialized by the record blob's ETag (up to 5 attempts).
    /// </summary>
    /// <param name="record">The record; <see cref="ArticleRecord.Id"/>, <see cref="ArticleRecord.ContentHash"/> and
    /// <see cref="ArticleRecord.PipelineVersion"/> must not be blank.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="UpsertOutcome.Unchanged"/> when the stored article has the same content hash and pipeline version and
    /// its index rows the current layout (<see cref="ArticleIndex.Layout"/>; nothing but a failure record is written), else <see cref="UpsertOutcome.Created"/> or <see cref="UpsertOutcome.Updated"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">A required field of <paramref name="record"/> is blank.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.Id) || string.IsNullOrWhiteSpace(record.ContentHash) ||
            string.IsNullOrWhiteSpace(record.PipelineVersion) || record.Source is null)
            throw new ArgumentException("The record needs an id, a source, a content hash and a pipeline version.", nameof(record));
        return await MissingResources.RecreatingAsync(() => _upsert.UpsertAsync(record, cancellationToken),
            () => RecreateAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Writes a failure record (replacing an older one). An existing article record is left as it is.</summary>
    /// <param name="failure">The failure; <see cref="IngestFailure.Reason"/> is cut to 16,000 characters.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="IngestFailure.Id"/> is blank.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task RecordFailureAsync(IngestFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (string.IsNullOrWhiteSpace(failure.Id))
            throw new ArgumentException("The failure needs an article id.", nameof(failure));
        await MissingResources.RecreatingAsync(async () =>
        {
            await _failures.RecordAsync(failure, cancellationToken).ConfigureAwait(false);
            return true;
        }, () => RecreateAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the article out of the indexes and lists when its stored record was made from other content than
    /// <paramref name="contentHash"/>; its record blob stays (with no rows listed) as the last record.
    /// </summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="contentHash">Content hash of the file that now stands for the article (the failing one).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when a listed record of other content was withdrawn.</returns>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<bool> WithdrawAsync(string articleId, string? contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        return await MissingResources.RecreatingAsync(() => _removal.WithdrawAsync(articleId, contentHash, cancellationToken),
            () => RecreateAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes everything stored for the article: index rows, its share of entity counts, article row, failure row and
    /// record blob (in that order, so a retry completes a deletion stopped part-way).
    /// </summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when anything was stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        return await _removal.DeleteAsync(articleId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scans the whole store once and fixes what a crash, a lost write or a deleted blob left behind (<see cref="StoreRepair"/>):
    /// unfinished writes completed, records of deleted blobs removed, index rows no record lists deleted, entity counts
    /// recounted. Safe while the host runs.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was found and fixed; <see cref="RepairReport.Requeue"/> lists sources to process again.</returns>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<RepairReport> RepairAsync(CancellationToken cancellationToken = default) =>
        await MissingResources.RecreatingAsync(() => _repair.RepairAsync(cancellationToken), () => RecreateAsync(cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Creates the store's tables and records container again after one was found missing (deleted under a
    /// running host): the write that found it is then tried once more instead of failing until a restart.</summary>
    private async Task RecreateAsync(CancellationToken cancellationToken)
    {
        _logger.LogWarning("A table or the records container of the article store is missing; creating it again");
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _recordsContainer.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The story of an article: every listed article linked to it by the same content hash or a near-duplicate body, directly or
    /// through other copies, found through the copy index (<see cref="CopyRows"/>: one range query per LSH band and one for the
    /// content hash per member, and a point read of each candidate's signature row) and judged by <see cref="CopyLinks"/>.
    /// </summary>
    /// <param name="articleId">Article id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The story (of one when the article has no copies), or null when no record of the article is listed.</returns>
    /// <exception cref="ArgumentException"><paramref name="articleId"/> is null, empty or white space.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Story?> GetCopiesAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(articleId);
        return await _copyQueries.GetStoryAsync(articleId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists articles matching <paramref name="query"/> (filters combined with AND). The most selective given filter drives
    /// the query (entity, then speaker, then source, then date; no filter scans the articles table) and the others are
    /// checked per row; such a page may hold fewer than <paramref name="pageSize"/> items but still a continuation token.
    /// Each item's <see cref="ArticleSummary.Status"/> comes from a point read of its failure row (one per item, in parallel):
    /// <c>failed</c>, with the failure, when the listed record's latest attempt failed.
    /// </summary>
    /// <param name="query">Filters.</param>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (malformed, of
    /// another format version, of another query or filter, or altered), or a given filter normalizes to nothing;
    /// <see cref="ArgumentException.ParamName"/> names it as the HTTP API does.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<ArticleSummary>> QueryArticlesAsync(ArticleQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await _articleQueries.QueryAsync(query, continuationToken, pageSize, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
            return page;
        var failures = await _failures.GetManyAsync(page.Items.Select(a => a.Id), cancellationToken).ConfigureAwait(false);
        if (failures.Count == 0)
            return page;
        return page with
        {
            Items = [.. page.Items.Select(a => failures.TryGetValue(a.Id, out var failure)
                ? a with { Status = ArticleStatuses.Failed, Failure = failure }
                : a)],
        };
    }

    /// <summary>
    /// Lists failure records (articles whose latest attempt failed) in key order, by article id (<see cref="FailureQuery"/>).
    /// </summary>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (malformed, of
    /// another format version, of another query, or altered); <see cref="ArgumentException.ParamName"/> is <c>continuationToken</c>.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<IngestFailure>> QueryFailuresAsync(string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default) =>
        await _failureQueries.QueryAsync(continuationToken, pageSize, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Lists quotations matching <paramref name="query"/>, one <see cref="QuoteHit"/> per distinct quotation with every article
    /// it appears in. With a speaker, reads that speaker's partition of the speaker index; otherwise scans the quote-text index
    /// (one partition per quotation). <see cref="QuoteQuery.Text"/> keeps quotations that contain all its words; the words are
    /// checked per row, so a page may be short (or empty) and still carry a continuation token. Each hit's
    /// <see cref="QuoteHit.Stories"/> groups its articles by story (copies under the earliest-stored), from the signature rows of
    /// the copy index (a point read per article of the hits that have more than one).
    /// </summary>
    /// <param name="query">Filters.</param>
    /// <param name="continuationToken">Token of the previous page, or null for the first page.</param>
    /// <param name="pageSize">Largest number of items (1-1000).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not within 1-1000.</exception>
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (malformed, of
    /// another format version, of another query or filter, or altered), or a given filter normalizes to nothing;
    /// <see cref="ArgumentException.ParamName"/> names it as the HTTP API does.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<QuoteHit>> QueryQuotesAsync(QuoteQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await _quoteQueries.QueryAsync(query, continuationToken, pageSize, cancellationToken).ConfigureAwait(false);
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
    /// <exception cref="QueryArgumentException"><paramref name="continuationToken"/> is not a token of this query (malformed, of
    /// another format version, of another query or filter, or altered), or a given filter normalizes to nothing;
    /// <see cref="ArgumentException.ParamName"/> names it as the HTTP API does.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Page<EntityCount>> QueryEntitiesAsync(string prefix, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return await _entityQueries.QueryAsync(prefix, continuationToken, pageSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the state of every stored article and failure whose pipeline version differs from
    /// <paramref name="currentPipelineVersion"/>, or whose index rows are of an older layout (<see cref="ArticleIndex.Layout"/>;
    /// every article row is read). An article with a failure record is reported once, by its failure record, and not at all when
    /// that failure is of the current version.
    /// </summary>
    /// <param name="currentPipelineVersion">The pipeline version now running.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currentPipelineVersion"/> is null.</exception>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentPipelineVersion);
        await foreach (var state in _states.ListOutdatedAsync(currentPipelineVersion, cancellationToken).ConfigureAwait(false))
            yield return state;
    }
}

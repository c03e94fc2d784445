using Ingest.Core.Document;

namespace Ingest.Core.Abstractions;

/// <summary>One page of results and the continuation token for the next page (null on the last page).</summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>What an upsert did.</summary>
public enum UpsertOutcome
{
    /// <summary>No record existed for the article id.</summary>
    Created,
    /// <summary>A record existed and was replaced (new content or a newer pipeline version).</summary>
    Updated,
    /// <summary>A record with the same content hash and pipeline version already existed; nothing was written.</summary>
    Unchanged,
}

/// <summary>The stored state of an article, enough to decide whether to process it again.</summary>
/// <param name="Id">Article id.</param>
/// <param name="Source">Blob it came from.</param>
/// <param name="ContentHash">SHA-256 of the raw bytes last processed.</param>
/// <param name="PipelineVersion">Pipeline version that produced the stored record or failure.</param>
/// <param name="Failed">True when the last attempt left a failure record instead of an article.</param>
public sealed record StoredArticleState(string Id, SourceRef Source, string? ContentHash, string PipelineVersion, bool Failed);

/// <summary>A short view of an article for list results.</summary>
public sealed record ArticleSummary(
    string Id, SourceRef Source, string? Title, string? Publisher, string? OriginalSource,
    string? PublishedAt, string PipelineVersion)
{
    /// <summary>
    /// <see cref="ArticleStatuses.Stored"/>, or <see cref="ArticleStatuses.Failed"/> when the latest attempt on the article's
    /// blob failed but the listed record still stands for it (the same content failed under a newer pipeline, or the file
    /// could not be read at all); then <see cref="Failure"/> says why. An article whose blob now holds other content that
    /// fails is withdrawn from the lists instead (<see cref="IArticleStore.WithdrawAsync"/>).
    /// </summary>
    public string Status { get; init; } = ArticleStatuses.Stored;

    /// <summary>The failure record of the latest attempt when <see cref="Status"/> is <see cref="ArticleStatuses.Failed"/>, else null.</summary>
    public IngestFailure? Failure { get; init; }
}

/// <summary>The values of <see cref="ArticleSummary.Status"/>.</summary>
public static class ArticleStatuses
{
    /// <summary>The record is the outcome of the latest attempt (or of an attempt on the same content before it).</summary>
    public const string Stored = "stored";

    /// <summary>The latest attempt failed; the listed record is the last good one.</summary>
    public const string Failed = "failed";
}

/// <summary>Filters of <c>GET /api/articles</c>; every filter is optional, and given filters are combined with AND.</summary>
/// <param name="Entity">Entity name, canonical ("Elena Varga") or an alias the record lists for it ("Varga",
/// <see cref="EntityRecord.Aliases"/>); matched case-insensitively after key normalisation.</param>
/// <param name="Speaker">Speaker name of a quote in the article: canonical, or an alias of the entity of the same name.</param>
/// <param name="Source">Publisher or original source ("Harbor Wire").</param>
/// <param name="From">Earliest published date, inclusive.</param>
/// <param name="To">Latest published date, inclusive.</param>
public sealed record ArticleQuery(string? Entity = null, string? Speaker = null, string? Source = null,
    DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>
    /// The order of the list: <see cref="ArticleOrder.Key"/> (the default) or <see cref="ArticleOrder.Newest"/>, which takes no
    /// entity, speaker or source filter (those lists come from their own index, in key order).
    /// </summary>
    public ArticleOrder Order { get; init; }
}

/// <summary>The order of an article list.</summary>
public enum ArticleOrder
{
    /// <summary>The order of the index the query reads: by article id, by date for a date range alone.</summary>
    Key,
    /// <summary>Newest published date first (ties by article id); articles without a date last, unless a date range is given.</summary>
    Newest,
}

/// <summary>Filters of <c>GET /api/quotes</c>.</summary>
/// <param name="Speaker">Canonical speaker name.</param>
/// <param name="Text">Words that must all occur in the quotation (case-insensitive).</param>
public sealed record QuoteQuery(string? Speaker = null, string? Text = null);

/// <summary>One quotation with every article it appears in (a quote repeated across articles is one hit).</summary>
/// <param name="Text">Quotation text.</param>
/// <param name="Speaker">Canonical speaker or null.</param>
/// <param name="SpeakerKind">See <see cref="SpeakerKinds"/>.</param>
/// <param name="ArticleIds">Ids of the articles that contain it.</param>
public sealed record QuoteHit(string Text, string? Speaker, string SpeakerKind, IReadOnlyList<string> ArticleIds)
{
    /// <summary>
    /// <see cref="ArticleIds"/> grouped by story: one item per story the quotation appears in, with the copies that repeat it
    /// (articles of the same content or near-duplicate bodies, <see cref="Copies.CopyLinks"/>) under the earliest-stored of them.
    /// The number of items is the number of independent uses. Empty when the store does not group (test doubles).
    /// </summary>
    public IReadOnlyList<QuoteStory> Stories { get; init; } = [];
}

/// <summary>An entity name with the number of articles that mention it.</summary>
public sealed record EntityCount(string Name, string Type, int Articles);

/// <summary>
/// Keeps article records, failure records and their indexes. Declared here, implemented by the storage layer
/// (Azure Table storage in <c>Ingest.Storage</c>). All methods throw <see cref="OperationCanceledException"/>
/// when <c>cancellationToken</c> is cancelled.
/// </summary>
public interface IArticleStore
{
    /// <summary>Reads one article record, or null when none exists.</summary>
    Task<ArticleRecord?> GetAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>Reads the failure record of an article, or null when its last attempt did not fail.</summary>
    Task<IngestFailure?> GetFailureAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>Reads the stored state (hash, pipeline version, failed or not), or null when nothing is stored.</summary>
    Task<StoredArticleState?> GetStateAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the record and its index rows idempotently (keyed by <see cref="ArticleRecord.Id"/>); removes index rows
    /// of an earlier version that the new record no longer has, and clears a failure record of the same article.
    /// </summary>
    Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken = default);

    /// <summary>Writes a failure record (replacing an older one). An existing article record is left as it is.</summary>
    Task RecordFailureAsync(IngestFailure failure, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes an article out of the indexes and the article list when its stored record was made from other content than
    /// <paramref name="contentHash"/> (its blob was overwritten by a file that fails); the record itself stays readable
    /// through <see cref="GetAsync"/> as the last good record. Idempotent.
    /// </summary>
    /// <returns>True when a listed record of other content was withdrawn.</returns>
    Task<bool> WithdrawAsync(string articleId, string? contentHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes everything stored for an article: index rows, its share of entity counts, article row, failure row and
    /// record. Idempotent, and completed by a retry when stopped part-way.
    /// </summary>
    /// <returns>True when anything was stored for the article.</returns>
    Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The story of an article: every stored article linked to it by the same content hash or a near-duplicate body, directly or
    /// through other copies (<see cref="Copies.StoryBuilder"/>), worked out from the stored copies now, so deletions and
    /// reprocessing are reflected at once.
    /// </summary>
    /// <returns>The story (a story of one when there are no copies), or null when no record of the article is listed (none stored,
    /// or withdrawn).</returns>
    Task<Story?> GetCopiesAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>Lists articles matching <paramref name="query"/>, <paramref name="pageSize"/> at most (1-1000).</summary>
    Task<Page<ArticleSummary>> QueryArticlesAsync(ArticleQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default);

    /// <summary>Lists quotations matching <paramref name="query"/>.</summary>
    Task<Page<QuoteHit>> QueryQuotesAsync(QuoteQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists failure records (articles whose latest attempt failed), <paramref name="pageSize"/> at most (1-1000), in the
    /// store's key order (by article id), not by time.
    /// </summary>
    Task<Page<IngestFailure>> QueryFailuresAsync(string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default);

    /// <summary>Lists entity names starting with <paramref name="prefix"/> (case-insensitive), with article counts.</summary>
    Task<Page<EntityCount>> QueryEntitiesAsync(string prefix, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the state of every stored article and failure whose pipeline version differs from <paramref name="currentPipelineVersion"/>,
    /// and of every article whose index rows the store wants rewritten (an older index layout); processing them again brings both up to date.
    /// </summary>
    IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion,
        CancellationToken cancellationToken = default);
}

/// <summary>Reads raw article files (blobs). Implemented over Azure Blob storage.</summary>
public interface IRawDocumentStore
{
    /// <summary>Opens a raw article for reading, or returns null when the blob does not exist.</summary>
    Task<Stream?> OpenReadAsync(SourceRef source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the raw article exists, without reading it. Only a missing blob is "no"; a missing container is an error, as
    /// for <see cref="OpenReadAsync"/> (the blob may well exist once the container is back).
    /// </summary>
    Task<bool> ExistsAsync(SourceRef source, CancellationToken cancellationToken = default);

    /// <summary>Deletes a raw article file (<c>DELETE /api/articles/{id}?blob=true</c>); a blob already gone is not an error.</summary>
    /// <returns>True when the blob existed.</returns>
    Task<bool> DeleteAsync(SourceRef source, CancellationToken cancellationToken = default);
}

/// <summary>Queue of articles to process again (fan-out of a reprocess run). Implemented over an Azure Storage queue.</summary>
public interface IReprocessQueue
{
    /// <summary>Adds one article to the queue.</summary>
    Task EnqueueAsync(SourceRef source, CancellationToken cancellationToken = default);
}

/// <summary>
/// Publisher-template memory: lines seen across many stored articles of one publisher are template lines
/// (boilerplate no rule names). Implemented over Table storage.
/// </summary>
public interface ITemplateMemory
{
    /// <summary>Returns the normalized lines known as template lines of <paramref name="publisher"/>.</summary>
    Task<IReadOnlySet<string>> GetTemplateLinesAsync(string publisher, CancellationToken cancellationToken = default);

    /// <summary>Records that an article of <paramref name="publisher"/> contained these normalized lines (each at most once per article).</summary>
    Task ObserveAsync(string publisher, string articleId, IEnumerable<string> lines, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IStoreRepair.RepairAsync"/> found and fixed.</summary>
/// <param name="Articles">Article records checked.</param>
/// <param name="Completed">Writes that had stopped part-way (record written, article row not) and were completed.</param>
/// <param name="Deleted">Articles whose source blob no longer exists, removed.</param>
/// <param name="OrphanRows">Index rows that no record lists, deleted.</param>
/// <param name="CountsFixed">Entity-name counts that were wrong, rewritten.</param>
/// <param name="Requeue">Sources whose record was lost but whose blob exists: to be processed again.</param>
public sealed record RepairReport(int Articles, int Completed, int Deleted, int OrphanRows, int CountsFixed,
    IReadOnlyList<SourceRef> Requeue)
{
    /// <summary>Whether anything had to be fixed.</summary>
    public bool FoundProblems => Completed + Deleted + OrphanRows + CountsFixed + Requeue.Count > 0;
}

/// <summary>
/// Finds and fixes what a crash, a lost write or a deleted blob left behind: writes stopped part-way, records of deleted
/// blobs, index rows no record lists, wrong entity counts. Run by <c>ingest repair</c> and at host start.
/// </summary>
public interface IStoreRepair
{
    /// <summary>Scans the whole store once and fixes what disagrees.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was found and fixed.</returns>
    Task<RepairReport> RepairAsync(CancellationToken cancellationToken = default);
}

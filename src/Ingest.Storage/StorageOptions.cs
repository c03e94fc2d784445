namespace Ingest.Storage;

/// <summary>
/// Names and limits of the Azure Storage resources used by <c>Ingest.Storage</c>, bound from the
/// <c>StorageOptions</c> configuration section. The account itself is named by <see cref="ConnectionName"/>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Name of the configuration section the options bind to.</summary>
    public const string SectionName = nameof(StorageOptions);

    /// <summary>
    /// Name of the connection setting (default <c>IngestStorage</c>): either a connection string in
    /// <c>IngestStorage</c>, or identity-based settings <c>IngestStorage:blobServiceUri</c>,
    /// <c>IngestStorage:queueServiceUri</c>, <c>IngestStorage:tableServiceUri</c> (or <c>IngestStorage:accountName</c>).
    /// </summary>
    public string ConnectionName { get; set; } = "IngestStorage";

    /// <summary>
    /// Optional prefix of every table, container and queue name (lower-case letters and digits, starting with a letter),
    /// e.g. to keep test runs or environments apart in one account. Empty by default.
    /// </summary>
    public string NamePrefix { get; set; } = "";

    /// <summary>Blob container that receives uploaded article files (default <c>articles</c>).</summary>
    public string IncomingContainer { get; set; } = "articles";

    /// <summary>Blob container that keeps the full record JSON of every article (default <c>article-records</c>).</summary>
    public string RecordsContainer { get; set; } = "article-records";

    /// <summary>Queue of articles to process again (default <c>reprocess</c>); its poison queue is <c>reprocess-poison</c>.</summary>
    public string ReprocessQueue { get; set; } = "reprocess";

    /// <summary>Table of article rows: one row per article with the small searchable fields.</summary>
    public string ArticlesTable { get; set; } = "Articles";

    /// <summary>Table of failure records: one row per article whose last attempt failed.</summary>
    public string FailuresTable { get; set; } = "ArticleFailures";

    /// <summary>Index table entity → articles.</summary>
    public string EntityIndexTable { get; set; } = "EntityIndex";

    /// <summary>Table of entity names by first letter, with article counts (entity prefix listing).</summary>
    public string EntityNamesTable { get; set; } = "EntityNames";

    /// <summary>Index table speaker → quotes and speaker → articles.</summary>
    public string SpeakerIndexTable { get; set; } = "SpeakerIndex";

    /// <summary>Index table source (publisher and original source) → articles.</summary>
    public string SourceIndexTable { get; set; } = "SourceIndex";

    /// <summary>Index table month (<c>yyyy-MM</c>) → articles.</summary>
    public string DateIndexTable { get; set; } = "DateIndex";

    /// <summary>Index table quote text hash → articles.</summary>
    public string QuoteIndexTable { get; set; } = "QuoteIndex";

    /// <summary>Index table of body fingerprints: LSH band key, content hash → articles, and each article's MinHash signature
    /// (republished copies; <c>GET /api/articles/{id}/copies</c>).</summary>
    public string CopyIndexTable { get; set; } = "CopyIndex";

    /// <summary>Table of the publisher-template memory.</summary>
    public string TemplateLinesTable { get; set; } = "TemplateLines";

    /// <summary>A line is a template line of a publisher once this many distinct articles of it contained the line (default 3).</summary>
    public int TemplateLineThreshold { get; set; } = 3;

    /// <summary>At most this many lines of one article are recorded by the template memory (default 200).</summary>
    public int TemplateMaxLinesPerArticle { get; set; } = 200;

    /// <summary>
    /// A query that checks rows against further filters (article queries with two or more filters, quote word search)
    /// reads at most this many index rows per call, then returns a shorter page with a continuation token (default 5000).
    /// </summary>
    public int MaxScanRowsPerQuery { get; set; } = 5000;

    /// <summary>The poison queue the Functions host moves failing reprocess messages to.</summary>
    public string ReprocessPoisonQueue => ReprocessQueue + "-poison";
}

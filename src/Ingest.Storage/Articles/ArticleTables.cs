using Azure.Data.Tables;

namespace Ingest.Storage;

/// <summary>The table clients of the article store, named by <see cref="StorageNames"/> (prefix applied).</summary>
internal sealed class ArticleTables
{
    /// <summary>Creates the clients; no request is sent.</summary>
    /// <param name="service">Table service client of the storage account.</param>
    /// <param name="names">Resolved resource names.</param>
    public ArticleTables(TableServiceClient service, StorageNames names)
    {
        Articles = service.GetTableClient(names.Articles);
        Failures = service.GetTableClient(names.Failures);
        EntityIndex = service.GetTableClient(names.EntityIndex);
        EntityNames = service.GetTableClient(names.EntityNames);
        SpeakerIndex = service.GetTableClient(names.SpeakerIndex);
        SourceIndex = service.GetTableClient(names.SourceIndex);
        DateIndex = service.GetTableClient(names.DateIndex);
        QuoteIndex = service.GetTableClient(names.QuoteIndex);
        CopyIndex = service.GetTableClient(names.CopyIndex);
    }

    /// <summary>One row per article (RK <c>article</c>).</summary>
    public TableClient Articles { get; }

    /// <summary>One row per article whose last attempt failed (RK <c>failure</c>).</summary>
    public TableClient Failures { get; }

    /// <summary>Entity name key → articles.</summary>
    public TableClient EntityIndex { get; }

    /// <summary>Entity names by first character, with article counts.</summary>
    public TableClient EntityNames { get; }

    /// <summary>Speaker name key → articles (<c>a_</c> rows) and quotes (<c>q_</c> rows).</summary>
    public TableClient SpeakerIndex { get; }

    /// <summary>Source name key → articles.</summary>
    public TableClient SourceIndex { get; }

    /// <summary>Month → articles.</summary>
    public TableClient DateIndex { get; }

    /// <summary>Quote hash → articles.</summary>
    public TableClient QuoteIndex { get; }

    /// <summary>LSH band keys, content hashes and MinHash signatures → articles (<see cref="CopyRows"/>).</summary>
    public TableClient CopyIndex { get; }

    /// <summary>Every table of the store.</summary>
    public IEnumerable<TableClient> All => [Articles, Failures, EntityIndex, EntityNames, SpeakerIndex, SourceIndex, DateIndex, QuoteIndex, CopyIndex];

    /// <summary>Creates the tables that do not exist (one request each; existing tables are left as they are).</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(All.Select(t => (Task)t.CreateIfNotExistsAsync(cancellationToken)));

    /// <summary>The client of one index table.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not an index table.</exception>
    public TableClient Index(IndexTable table) => table switch
    {
        IndexTable.Entity => EntityIndex,
        IndexTable.Speaker => SpeakerIndex,
        IndexTable.Source => SourceIndex,
        IndexTable.Date => DateIndex,
        IndexTable.Quote => QuoteIndex,
        IndexTable.Copy => CopyIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Ingest.Core;
using Ingest.Core.Abstractions;
using Ingest.Core.Copies;
using Ingest.Core.Document;
using Ingest.Functions.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Functions.Tests;

/// <summary>An in-memory <see cref="IArticleStore"/> that records the last query it was asked.</summary>
internal sealed class FakeArticleStore : IArticleStore
{
    public ConcurrentDictionary<string, ArticleRecord> Records { get; } = new();
    public ConcurrentDictionary<string, IngestFailure> Failures { get; } = new();
    public (object Query, string? Token, int PageSize)? LastQuery { get; private set; }
    /// <summary>Continuation token returned with every page.</summary>
    public string? NextToken { get; set; }
    /// <summary>When set, every query records its arguments and then throws this (a store refusing an argument).</summary>
    public Exception? Refusal { get; set; }
    /// <summary>When set, every method throws this (storage down).</summary>
    public Exception? Outage { get; set; }

    private void ThrowIfDown()
    {
        if (Outage is not null)
            throw Outage;
    }

    public Task<ArticleRecord?> GetAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult(Records.GetValueOrDefault(articleId));
    }

    public Task<IngestFailure?> GetFailureAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return Task.FromResult(Failures.GetValueOrDefault(articleId));
    }

    public Task<StoredArticleState?> GetStateAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        if (Failures.TryGetValue(articleId, out var f))
            return Task.FromResult<StoredArticleState?>(new(f.Id, f.Source, f.ContentHash, f.PipelineVersion, true));
        if (Records.TryGetValue(articleId, out var r))
            return Task.FromResult<StoredArticleState?>(new(r.Id, r.Source, r.ContentHash, r.PipelineVersion, false));
        return Task.FromResult<StoredArticleState?>(null);
    }

    public Task<UpsertOutcome> UpsertAsync(ArticleRecord record, CancellationToken cancellationToken = default)
    {
        Failures.TryRemove(record.Id, out _);
        bool existed = Records.TryGetValue(record.Id, out var old);
        if (existed && old!.ContentHash == record.ContentHash && old.PipelineVersion == record.PipelineVersion)
            return Task.FromResult(UpsertOutcome.Unchanged);
        Records[record.Id] = record;
        Withdrawn.TryRemove(record.Id, out _);
        return Task.FromResult(existed ? UpsertOutcome.Updated : UpsertOutcome.Created);
    }

    public Task RecordFailureAsync(IngestFailure failure, CancellationToken cancellationToken = default)
    {
        Failures[failure.Id] = failure;
        return Task.CompletedTask;
    }

    /// <summary>Ids withdrawn from the lists (the record stays readable).</summary>
    public ConcurrentDictionary<string, bool> Withdrawn { get; } = new();

    public Task<bool> WithdrawAsync(string articleId, string? contentHash, CancellationToken cancellationToken = default)
    {
        bool withdraw = Records.TryGetValue(articleId, out var r) && r.ContentHash != contentHash && !Withdrawn.ContainsKey(articleId);
        if (withdraw)
            Withdrawn[articleId] = true;
        return Task.FromResult(withdraw);
    }

    public Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        bool existed = Records.TryRemove(articleId, out _) | Failures.TryRemove(articleId, out _);
        Withdrawn.TryRemove(articleId, out _);
        return Task.FromResult(existed);
    }

    public Task<Page<ArticleSummary>> QueryArticlesAsync(ArticleQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        LastQuery = (query, continuationToken, pageSize);
        if (Refusal is not null)
            throw Refusal;
        ThrowIfDown();
        var items = Records.Values
            .Where(r => !Withdrawn.ContainsKey(r.Id))
            .Where(r => query.Entity is null || r.Entities.Any(e => string.Equals(e.Name, query.Entity, StringComparison.OrdinalIgnoreCase)))
            .Select(r => new ArticleSummary(r.Id, r.Source, r.Title, r.Publisher, r.OriginalSource, r.PublishedAt, r.PipelineVersion)
            {
                Status = Failures.ContainsKey(r.Id) ? ArticleStatuses.Failed : ArticleStatuses.Stored,
                Failure = Failures.GetValueOrDefault(r.Id),
            })
            .Take(pageSize).ToList();
        return Task.FromResult(new Page<ArticleSummary>(items, NextToken));
    }

    public Task<Page<QuoteHit>> QueryQuotesAsync(QuoteQuery query, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        LastQuery = (query, continuationToken, pageSize);
        if (Refusal is not null)
            throw Refusal;
        ThrowIfDown();
        var items = Records.Values.SelectMany(r => r.Quotes.Select(q => new QuoteHit(q.Text, q.Speaker, q.SpeakerKind, [r.Id])))
            .Where(q => query.Speaker is null || q.Speaker == query.Speaker).Take(pageSize).ToList();
        return Task.FromResult(new Page<QuoteHit>(items, NextToken));
    }

    public Task<Page<IngestFailure>> QueryFailuresAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        LastQuery = ("", continuationToken, pageSize);
        if (Refusal is not null)
            throw Refusal;
        ThrowIfDown();
        var items = Failures.Values.OrderBy(f => f.Id, StringComparer.Ordinal).Take(pageSize).ToList();
        return Task.FromResult(new Page<IngestFailure>(items, NextToken));
    }

    public Task<Page<EntityCount>> QueryEntitiesAsync(string prefix, string? continuationToken, int pageSize,
        CancellationToken cancellationToken = default)
    {
        LastQuery = (prefix, continuationToken, pageSize);
        if (Refusal is not null)
            throw Refusal;
        ThrowIfDown();
        var items = Records.Values.SelectMany(r => r.Entities)
            .Where(e => e.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(e => e.Name).Select(g => new EntityCount(g.Key, g.First().Type, g.Count())).Take(pageSize).ToList();
        return Task.FromResult(new Page<EntityCount>(items, NextToken));
    }

    /// <summary>The story over <see cref="Records"/> (every record a candidate; first-stored order = id order).</summary>
    public async Task<Story?> GetCopiesAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        if (!Records.TryGetValue(articleId, out var record) || Withdrawn.ContainsKey(articleId))
            return null;
        var all = Records.Values.Where(r => !Withdrawn.ContainsKey(r.Id)).Select(r => CopyCandidate.FromRecord(r)).ToList();
        return await StoryBuilder.BuildAsync(CopyCandidate.FromRecord(record),
            (node, _) => Task.FromResult<IReadOnlyList<CopyCandidate>>([.. all.Where(c => c.Id != node.Id)]), null, cancellationToken);
    }

    public async IAsyncEnumerable<StoredArticleState> ListOutdatedAsync(string currentPipelineVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        ThrowIfDown();
        foreach (var r in Records.Values.Where(r => r.PipelineVersion != currentPipelineVersion))
            yield return new StoredArticleState(r.Id, r.Source, r.ContentHash, r.PipelineVersion, false);
    }
}

internal sealed class FakeRawStore : IRawDocumentStore
{
    public ConcurrentDictionary<SourceRef, byte[]> Blobs { get; } = new();

    public Task<Stream?> OpenReadAsync(SourceRef source, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Blobs.TryGetValue(source, out var bytes) ? new MemoryStream(bytes) : null);

    public Task<bool> ExistsAsync(SourceRef source, CancellationToken cancellationToken = default) =>
        Task.FromResult(Blobs.ContainsKey(source));

    public Task<bool> DeleteAsync(SourceRef source, CancellationToken cancellationToken = default) =>
        Task.FromResult(Blobs.TryRemove(source, out _));
}

internal sealed class FakeQueue : IReprocessQueue
{
    public ConcurrentQueue<SourceRef> Messages { get; } = new();

    public Task EnqueueAsync(SourceRef source, CancellationToken cancellationToken = default)
    {
        Messages.Enqueue(source);
        return Task.CompletedTask;
    }
}

internal sealed class FakeHealthProbe(bool healthy) : IStorageHealthProbe
{
    public Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(StorageHealthReport.From([new StorageCheck("blob", healthy, 1, healthy ? null : "refused")]));
}

/// <summary>A wired set of fakes and a real <see cref="IngestService"/>.</summary>
internal sealed class Harness
{
    public FakeArticleStore Store { get; } = new();
    public FakeRawStore Raw { get; } = new();
    public FakeQueue Queue { get; } = new();
    public IngestService Ingest { get; }

    public Harness(long maxBytes = 1024 * 1024) =>
        Ingest = new IngestService(ArticleExtractor.Default, Store, Raw, Queue,
            Options.Create(new IngestOptions { MaxArticleBytes = maxBytes }), NullLogger<IngestService>.Instance);
}

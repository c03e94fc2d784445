using Azure.Data.Tables;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The failures table: one row per article whose last attempt failed (PK = escaped id, RK = <c>failure</c>) with source,
/// stage, reason (cut to 16,000 characters), error type, pipeline version, content hash, size in bytes and time (an
/// unset time, or one before 1601 that Table storage refuses, is stored as the time of writing).
/// Each failure row has a failure mark in the article's partition of the articles table (RK <c>failure</c>, the state
/// columns), written before the failure row and deleted after it: a missing mark means no failure row, so the article's state
/// is one request (<see cref="ArticleRows.GetRowsAsync"/>) and a successful write deletes nothing when there was no failure.
/// </summary>
/// <param name="failures">The failures table.</param>
/// <param name="articles">The articles table (failure marks).</param>
internal sealed class FailureStore(TableClient failures, TableClient articles)
{
    /// <summary>Longest reason kept; a string property holds at most 32K UTF-16 characters.</summary>
    internal const int MaxReasonChars = 16_000;

    /// <summary>Reads the failure of an article, or null when there is none.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<IngestFailure?> GetAsync(string articleId, CancellationToken cancellationToken)
    {
        var row = await failures.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(articleId), ArticleIndex.FailureRowKey,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? ToFailure(e, articleId) : null;
    }

    /// <summary>
    /// Reads the failures of <paramref name="articleIds"/> (one point read each, <see cref="TableBatches.MaxParallelBatches"/>
    /// at a time); ids without a failure row are absent from the result.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<IReadOnlyDictionary<string, IngestFailure>> GetManyAsync(IEnumerable<string> articleIds, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, IngestFailure>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(articleIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await GetAsync(id, ct).ConfigureAwait(false) is { } failure)
                    found[id] = failure;
            }).ConfigureAwait(false);
        return found;
    }

    /// <summary>The failure a failure row holds; <paramref name="fallbackId"/> when the row has no <c>ArticleId</c>.</summary>
    public static IngestFailure ToFailure(TableEntity e, string fallbackId) => new()
    {
        Id = e.GetString("ArticleId") ?? fallbackId,
        Source = new SourceRef(e.GetString("SourceContainer") ?? "", e.GetString("SourceName") ?? ""),
        Stage = e.GetString("Stage") ?? "",
        Reason = e.GetString("Reason") ?? "",
        ErrorType = e.GetString("ErrorType") ?? "",
        PipelineVersion = e.GetString("PipelineVersion") ?? "",
        ContentHash = e.GetString("ContentHash"),
        SizeBytes = e.GetInt64("SizeBytes") ?? -1,
        FailedAt = e.GetDateTimeOffset("FailedAt") ?? default,
    };

    /// <summary>Writes (replaces) the failure row of <see cref="IngestFailure.Id"/>.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task RecordAsync(IngestFailure failure, CancellationToken cancellationToken)
    {
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
            ["FailedAt"] = TableTime(failure.FailedAt),
        };
        // The mark first: a failure row never exists without its mark.
        await WriteMarkAsync(row, cancellationToken).ConfigureAwait(false);
        await failures.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes (replaces) the failure mark of a failure row: its state columns in the articles table.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task WriteMarkAsync(TableEntity failureRow, CancellationToken cancellationToken)
    {
        var mark = new TableEntity(failureRow.PartitionKey, ArticleIndex.FailureRowKey);
        foreach (string column in ArticleStates.Columns.Where(c => c != "PartitionKey"))
            mark[column] = failureRow.GetString(column);
        await articles.UpsertEntityAsync(mark, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the failure mark of an article; a missing mark is not an error.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task DeleteMarkAsync(string idKey, CancellationToken cancellationToken) =>
        await articles.DeleteEntityAsync(idKey, ArticleIndex.FailureRowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a failure mark if it still has <paramref name="etag"/> (no failure was recorded since it was read).</summary>
    /// <returns>False when the mark changed since (412).</returns>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<bool> DeleteMarkAsync(string idKey, Azure.ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await articles.DeleteEntityAsync(idKey, ArticleIndex.FailureRowKey, etag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Earliest DateTime Table storage accepts (Azurite accepts earlier ones, Azure refuses the write).</summary>
    internal static readonly DateTimeOffset MinTableTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The time to store: <paramref name="value"/>, or now when it is unset or before <see cref="MinTableTime"/>.</summary>
    internal static DateTimeOffset TableTime(DateTimeOffset value) => value < MinTableTime ? DateTimeOffset.UtcNow : value;

    /// <summary>Deletes the failure row of an article, then its mark; a missing row is not an error.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task ClearAsync(string idKey, CancellationToken cancellationToken)
    {
        // A missing entity is not an error for DeleteEntityAsync. The row first: a failure row never exists without its mark.
        await failures.DeleteEntityAsync(idKey, ArticleIndex.FailureRowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        await DeleteMarkAsync(idKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state columns (<see cref="ArticleStates.Columns"/>) of one failure row, or null.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<TableEntity?> GetStateRowAsync(string idKey, CancellationToken cancellationToken)
    {
        var row = await failures.GetEntityIfExistsAsync<TableEntity>(idKey, ArticleIndex.FailureRowKey, ArticleStates.Columns,
            cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The state columns of every failure row.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public IAsyncEnumerable<TableEntity> ListStateRowsAsync(CancellationToken cancellationToken) =>
        failures.QueryAsync<TableEntity>((string?)null, QueryPaging.MaxPageSize, ArticleStates.Columns, cancellationToken);
}

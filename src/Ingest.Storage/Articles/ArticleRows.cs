using Azure.Data.Tables;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The articles table: one row per article (PK = escaped id, RK = <c>article</c>) with the summary fields,
/// <c>ContentHash</c>, <c>RecordBlob</c> (blob name), <c>IndexRows</c> (how many index rows the record has) and
/// <c>IndexLayout</c> (the <see cref="ArticleIndex.Layout"/> its index rows were built with; missing is layout 1).
/// The same partition holds the article's failure mark (RK <c>failure</c>, written by <see cref="FailureStore"/>) while it
/// has a failure row, so one partition query (<see cref="GetRowsAsync"/>) reads both the article's commit and whether it failed.
/// </summary>
/// <param name="articles">The articles table.</param>
internal sealed class ArticleRows(TableClient articles)
{
    /// <summary>The content hash and pipeline version of the stored article row, or null when there is none.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<(string? ContentHash, string? PipelineVersion)?> GetVersionAsync(string idKey, CancellationToken cancellationToken)
    {
        var row = await articles.GetEntityIfExistsAsync<TableEntity>(idKey, ArticleIndex.ArticleRowKey,
            ["ContentHash", "PipelineVersion"], cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? (e.GetString("ContentHash"), e.GetString("PipelineVersion")) : null;
    }

    /// <summary>
    /// The article row and the failure mark of one article in one request (a query of its partition), with the state columns
    /// (<see cref="ArticleStates.Columns"/>), <c>RowKey</c> and <see cref="LayoutColumn"/>; either is null when absent.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<ArticlePartition> GetRowsAsync(string idKey, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {idKey}");
        TableEntity? article = null, failure = null;
        await foreach (var row in articles.QueryAsync<TableEntity>(filter, 10, [.. ArticleStates.Columns, "RowKey", LayoutColumn],
                           cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == ArticleIndex.ArticleRowKey)
                article = row;
            else if (row.RowKey == ArticleIndex.FailureRowKey)
                failure = row;
        }
        return new ArticlePartition(article, failure);
    }

    /// <summary>The column of the index layout.</summary>
    public const string LayoutColumn = "IndexLayout";

    /// <summary>The index layout of an article row (1 when it has none).</summary>
    public static int LayoutOf(TableEntity row) => row.GetInt32(LayoutColumn) ?? 1;

    /// <summary>Replaces the article row of <paramref name="record"/>.</summary>
    /// <param name="record">The record.</param>
    /// <param name="blobName">Name of its record blob.</param>
    /// <param name="indexRows">Number of index rows the record has.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task WriteAsync(ArticleRecord record, string blobName, int indexRows, CancellationToken cancellationToken)
    {
        var row = ArticleIndex.Summary(record, TableKeys.Escape(record.Id), ArticleIndex.ArticleRowKey);
        row["ContentHash"] = record.ContentHash;
        row["RecordBlob"] = blobName;
        row["IndexRows"] = indexRows;
        row[LayoutColumn] = ArticleIndex.Layout;
        await articles.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The state columns of every article row whose pipeline version is not <paramref name="pipelineVersion"/> or whose index
    /// rows are of an older <see cref="ArticleIndex.Layout"/>. Every row is read: Table storage cannot filter on a property a
    /// row lacks (rows of layout 1 have no <c>IndexLayout</c>).
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async IAsyncEnumerable<TableEntity> ListOutdatedAsync(string pipelineVersion,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.ArticleRowKey}");
        await foreach (var row in articles.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, [.. ArticleStates.Columns, LayoutColumn],
                           cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("PipelineVersion") != pipelineVersion || LayoutOf(row) < ArticleIndex.Layout)
                yield return row;
        }
    }

    /// <summary>Deletes the article row; a missing row is not an error.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task DeleteAsync(string idKey, CancellationToken cancellationToken) =>
        await articles.DeleteEntityAsync(idKey, ArticleIndex.ArticleRowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>The state columns of every article row (failure marks skipped).</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public IAsyncEnumerable<TableEntity> ListAllAsync(CancellationToken cancellationToken) =>
        articles.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.ArticleRowKey}"), QueryPaging.MaxPageSize,
            ArticleStates.Columns, cancellationToken);

    /// <summary>The keys (<c>PartitionKey</c>) and ETags of every failure mark.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public IAsyncEnumerable<TableEntity> ListFailureMarksAsync(CancellationToken cancellationToken) =>
        articles.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ArticleIndex.FailureRowKey}"), QueryPaging.MaxPageSize,
            ["PartitionKey"], cancellationToken);
}

/// <summary>The rows of one article's partition of the articles table.</summary>
/// <param name="Article">The article row (the commit marker), or null.</param>
/// <param name="FailureMark">The failure mark (a failure row may exist), or null (no failure row exists).</param>
internal sealed record ArticlePartition(TableEntity? Article, TableEntity? FailureMark)
{
    /// <summary>Content hash, pipeline version and index layout of the article row, or null without one.</summary>
    public (string? ContentHash, string? PipelineVersion, int Layout)? Commit => Article is { } e
        ? (e.GetString("ContentHash"), e.GetString("PipelineVersion"), ArticleRows.LayoutOf(e))
        : null;
}

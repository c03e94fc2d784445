using Azure.Data.Tables;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>
/// The articles table: one row per article (PK = escaped id, RK = <c>article</c>) with the summary fields,
/// <c>ContentHash</c>, <c>RecordBlob</c> (blob name) and <c>IndexRows</c> (how many index rows the record has).
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
        await articles.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state columns (<see cref="ArticleStates.Columns"/>) of one article row, or null.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<TableEntity?> GetStateRowAsync(string idKey, CancellationToken cancellationToken)
    {
        var row = await articles.GetEntityIfExistsAsync<TableEntity>(idKey, ArticleIndex.ArticleRowKey, ArticleStates.Columns,
            cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The state columns of every article row whose pipeline version is not <paramref name="pipelineVersion"/>.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public IAsyncEnumerable<TableEntity> ListOtherVersionsAsync(string pipelineVersion, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PipelineVersion ne {pipelineVersion}");
        return articles.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, ArticleStates.Columns, cancellationToken);
    }

    /// <summary>Deletes the article row; a missing row is not an error.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task DeleteAsync(string idKey, CancellationToken cancellationToken) =>
        await articles.DeleteEntityAsync(idKey, ArticleIndex.ArticleRowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);

    /// <summary>The state columns of every article row.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public IAsyncEnumerable<TableEntity> ListAllAsync(CancellationToken cancellationToken) =>
        articles.QueryAsync<TableEntity>((string?)null, QueryPaging.MaxPageSize, ArticleStates.Columns, cancellationToken);
}

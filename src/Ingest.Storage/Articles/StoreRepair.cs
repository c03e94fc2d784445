using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Microsoft.Extensions.Logging;

namespace Ingest.Storage;

/// <summary>
/// One pass over the whole store that makes records, article rows, index rows and entity counts agree again
/// (<see cref="IStoreRepair"/>):
/// <list type="bullet">
/// <item>a record blob the article row does not vouch for (a write stopped part-way) is completed by writing it again;</item>
/// <item>an article whose source blob is gone is deleted (the ingest container must exist, else nothing is deleted);</item>
/// <item>an article row without a record blob is removed and its source queued again when the blob exists;</item>
/// <item>an index row that no record lists is deleted — after reading that article's record blob again, since a live
/// write lists its rows in the blob before it writes them;</item>
/// <item>every entity-name count is recounted.</item>
/// </list>
/// Safe to run while the host runs; at host start it runs before the triggers.
/// </summary>
internal sealed class StoreRepair(
    ArticleTables tables,
    ArticleRows articles,
    RecordBlobStore records,
    FailureStore failures,
    ArticleUpsert upsert,
    ArticleRemoval removal,
    IndexWriter index,
    EntityNameCounter entityNames,
    BlobServiceClient blobService,
    ILogger logger)
{
    /// <summary>Runs the pass.</summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<RepairReport> RepairAsync(CancellationToken cancellationToken)
    {
        // Whether each source container exists, asked once per pass (a container may come or go between passes).
        var containers = new Dictionary<string, bool>(StringComparer.Ordinal);
        Task<bool> SourceIsGoneAsync(SourceRef source) => SourceGoneAsync(source, containers, cancellationToken);

        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in articles.ListAllAsync(cancellationToken).ConfigureAwait(false))
            rows[TableKeys.Unescape(row.PartitionKey)] = row;
        var failed = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in failures.ListStateRowsAsync(cancellationToken).ConfigureAwait(false))
            failed[TableKeys.Unescape(row.PartitionKey)] = row;
        await RepairFailureMarksAsync(failed, cancellationToken).ConfigureAwait(false);

        int checkedCount = 0, completed = 0, deleted = 0;
        var expected = new Dictionary<string, HashSet<IndexRowRef>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, Azure.ETag>(StringComparer.Ordinal);
        var withBlob = new HashSet<string>(StringComparer.Ordinal);
        await foreach (string id in records.ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var (stored, etag) = await records.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null || etag is not { } tag)
                continue;
            checkedCount++;
            seen[id] = tag;
            withBlob.Add(id);
            if (await SourceIsGoneAsync(stored.Record.Source).ConfigureAwait(false))
            {
                await removal.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                deleted++;
                continue;
            }
            var row = rows.GetValueOrDefault(id);
            (string?, string?)? version = row is null ? null : (row.GetString("ContentHash"), row.GetString("PipelineVersion"));
            if (stored.IsCommittedBy(version))
            {
                expected[id] = [.. stored.Refs()];
            }
            else if (row is null && failed.ContainsKey(id))
            {
                expected[id] = []; // withdrawn: kept as the last record, listed nowhere
            }
            else
            {
                await upsert.UpsertAsync(stored.Record, cancellationToken).ConfigureAwait(false);
                expected[id] = [.. ArticleIndex.Build(stored.Record).Select(r => r.Ref)];
                completed++;
            }
        }

        var requeue = new List<SourceRef>();
        foreach (var (id, row) in rows.Where(r => !withBlob.Contains(r.Key)))
        {
            // The record was lost (deleted by hand, or a write acknowledged and then lost): the row cannot stand alone.
            var source = new SourceRef(row.GetString("SourceContainer") ?? "", row.GetString("SourceName") ?? "");
            await articles.DeleteAsync(row.PartitionKey, cancellationToken).ConfigureAwait(false);
            if (await SourceIsGoneAsync(source).ConfigureAwait(false))
                deleted++;
            else
                requeue.Add(source);
        }
        foreach (var (id, row) in failed.Where(f => !withBlob.Contains(f.Key) && !rows.ContainsKey(f.Key)))
        {
            var source = new SourceRef(row.GetString("SourceContainer") ?? "", row.GetString("SourceName") ?? "");
            if (await SourceIsGoneAsync(source).ConfigureAwait(false))
            {
                await failures.ClearAsync(row.PartitionKey, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        int orphans = await DeleteOrphanRowsAsync(expected, seen, cancellationToken).ConfigureAwait(false);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in tables.EntityIndex.QueryAsync<TableEntity>((string?)null, QueryPaging.MaxPageSize, ["PartitionKey"],
                           cancellationToken).ConfigureAwait(false))
            keys.Add(row.PartitionKey);
        await foreach (var row in tables.EntityNames.QueryAsync<TableEntity>((string?)null, QueryPaging.MaxPageSize, ["RowKey"],
                           cancellationToken).ConfigureAwait(false))
            keys.Add(row.RowKey);
        int countsFixed = await entityNames.RecountAsync(keys, [], cancellationToken).ConfigureAwait(false);

        var report = new RepairReport(checkedCount, completed, deleted, orphans, countsFixed, requeue);
        logger.LogInformation(
            "Repair: {Articles} records checked, {Completed} unfinished writes completed, {Deleted} deleted, {Orphans} orphan index rows removed, {Counts} entity counts fixed, {Requeue} to process again",
            report.Articles, report.Completed, report.Deleted, report.OrphanRows, report.CountsFixed, report.Requeue.Count);
        return report;
    }

    /// <summary>
    /// Gives every failure row its mark in the articles table (a store written by a build before marks, or a failure write
    /// that stopped between the two) and deletes marks whose failure row is gone (a clear that stopped between the two).
    /// </summary>
    private async Task RepairFailureMarksAsync(Dictionary<string, TableEntity> failed, CancellationToken cancellationToken)
    {
        var marked = new Dictionary<string, Azure.ETag>(StringComparer.Ordinal);
        await foreach (var mark in articles.ListFailureMarksAsync(cancellationToken).ConfigureAwait(false))
            marked[mark.PartitionKey] = mark.ETag;
        int added = 0, removed = 0;
        foreach (var row in failed.Values.Where(r => !marked.ContainsKey(r.PartitionKey)))
        {
            await failures.WriteMarkAsync(row, cancellationToken).ConfigureAwait(false);
            added++;
        }
        var rowKeys = failed.Values.Select(r => r.PartitionKey).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, etag) in marked.Where(m => !rowKeys.Contains(m.Key)))
        {
            // If-match the ETag of the scan: a failure recorded since then replaced the mark before writing its row.
            if (await failures.DeleteMarkAsync(key, etag, cancellationToken).ConfigureAwait(false))
                removed++;
        }
        if (added + removed > 0)
            logger.LogInformation("Repair: {Added} failure marks written, {Removed} stale failure marks deleted", added, removed);
    }

    private async Task<int> DeleteOrphanRowsAsync(Dictionary<string, HashSet<IndexRowRef>> expected,
        Dictionary<string, Azure.ETag> seen, CancellationToken cancellationToken)
    {
        var candidates = new List<(IndexRowRef Ref, string ArticleId)>();
        foreach (var table in Enum.GetValues<IndexTable>())
        {
            await foreach (var row in tables.Index(table).QueryAsync<TableEntity>((string?)null, QueryPaging.MaxPageSize,
                               ["PartitionKey", "RowKey", "ArticleId"], cancellationToken).ConfigureAwait(false))
            {
                var address = new IndexRowRef(table, row.PartitionKey, row.RowKey);
                string articleId = row.GetString("ArticleId") ?? "";
                if (!expected.TryGetValue(articleId, out var mine) || !mine.Contains(address))
                    candidates.Add((address, articleId));
            }
        }

        var orphans = new List<IndexRowRef>();
        foreach (var group in candidates.GroupBy(c => c.ArticleId, StringComparer.Ordinal))
        {
            // A write that began after the scan lists its rows in the record blob before it writes them: when the blob
            // changed since the scan, keep every row it lists now.
            var (stored, etag) = group.Key.Length == 0 ? (null, null) : await records.ReadAsync(group.Key, cancellationToken).ConfigureAwait(false);
            bool unchanged = etag is { } now && seen.TryGetValue(group.Key, out var then) && now == then;
            var listedNow = unchanged ? [] : stored?.AllRefs().ToHashSet() ?? [];
            orphans.AddRange(group.Select(c => c.Ref).Where(r => !listedNow.Contains(r)));
        }
        await index.DeleteAsync(orphans, cancellationToken).ConfigureAwait(false);
        return orphans.Count;
    }

    /// <summary>True only when the source's container exists and the blob does not.</summary>
    private async Task<bool> SourceGoneAsync(SourceRef source, Dictionary<string, bool> containers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(source.Container) || string.IsNullOrEmpty(source.Name))
            return false;
        var container = blobService.GetBlobContainerClient(source.Container);
        if (!containers.TryGetValue(source.Container, out bool exists))
            containers[source.Container] = exists = (await container.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        if (!exists)
            return false;
        return !(await container.GetBlobClient(source.Name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }
}

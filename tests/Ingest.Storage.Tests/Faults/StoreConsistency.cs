using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Ingest.Storage.Tests.Faults;

// Also compiled into Ingest.Functions.Tests (linked file) for the host fault tests.

/// <summary>
/// Reads the tables and the records container directly (not through the store) and lists every way they disagree:
/// an index row whose article's record blob does not list it, a listed row that is missing, an article row that does
/// not match its blob, a failure row without its mark in the articles table or a mark without its row, an entity-name count that is not the number of canonical (non-alias) rows in its entity-index partition.
/// </summary>
internal static class StoreConsistency
{
    public static async Task<List<string>> ProblemsAsync(TableServiceClient tableService, BlobServiceClient blobService, StorageNames names)
    {
        var problems = new List<string>();
        var records = blobService.GetBlobContainerClient(names.RecordsContainer);

        // Record blobs by article id: the rows each says it has.
        var listed = new Dictionary<string, HashSet<(string Table, string Pk, string Rk)>>(StringComparer.Ordinal);
        var blobVersions = new Dictionary<string, (string? Hash, string? Version)>(StringComparer.Ordinal);
        await foreach (var item in records.GetBlobsAsync())
        {
            var content = await records.GetBlobClient(item.Name).DownloadContentAsync();
            using var doc = System.Text.Json.JsonDocument.Parse(content.Value.Content.ToString());
            var record = doc.RootElement.GetProperty("record");
            string id = record.GetProperty("id").GetString()!;
            blobVersions[id] = (record.GetProperty("contentHash").GetString(), record.GetProperty("pipelineVersion").GetString());
            listed[id] = [.. doc.RootElement.GetProperty("indexRows").EnumerateArray()
                .Select(r => (r[0].GetString()!, r[1].GetString()!, r[2].GetString()!))];
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in tableService.GetTableClient(names.Failures).QueryAsync<TableEntity>())
            failed.Add(row.GetString("ArticleId")!);

        // Article rows must match their blobs; a blob without an article row is a withdrawn record (a failure row
        // stands for the article, and no index row may name it) or an unfinished write.
        var rowIds = new HashSet<string>(StringComparer.Ordinal);
        var marks = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in tableService.GetTableClient(names.Articles).QueryAsync<TableEntity>())
        {
            string id = row.GetString("ArticleId")!;
            if (row.RowKey == "failure")
            {
                // The failure mark: the failure row's state columns, kept in step with it.
                marks.Add(id);
                continue;
            }
            rowIds.Add(id);
            if (!blobVersions.TryGetValue(id, out var v))
                problems.Add($"article row {id} has no record blob");
            else if (v.Hash != row.GetString("ContentHash") || v.Version != row.GetString("PipelineVersion"))
                problems.Add($"article row {id} is {row.GetString("ContentHash")}/{row.GetString("PipelineVersion")}, blob is {v.Hash}/{v.Version}");
        }

        foreach (string id in failed.Where(id => !marks.Contains(id)))
            problems.Add($"failure row {id} has no failure mark");
        foreach (string id in marks.Where(id => !failed.Contains(id)))
            problems.Add($"failure mark {id} has no failure row");

        foreach (string id in blobVersions.Keys.Where(id => !rowIds.Contains(id)))
        {
            if (!failed.Contains(id))
                problems.Add($"record blob {id} has neither an article row nor a failure row");
            listed[id] = [];
        }

        // Every index row belongs to a blob that lists it; every listed row exists.
        var tables = new (string Kind, string Name)[]
        {
            ("Entity", names.EntityIndex), ("Speaker", names.SpeakerIndex), ("Source", names.SourceIndex),
            ("Date", names.DateIndex), ("Quote", names.QuoteIndex), ("Copy", names.CopyIndex),
        };
        var found = new HashSet<(string, string, string)>();
        var entityPartitions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (kind, table) in tables)
        {
            await foreach (var row in tableService.GetTableClient(table).QueryAsync<TableEntity>())
            {
                var key = (kind, row.PartitionKey, row.RowKey);
                found.Add(key);
                string id = row.GetString("ArticleId") ?? "?";
                if (!listed.TryGetValue(id, out var rows) || !rows.Contains(key))
                    problems.Add($"orphan {kind} row {row.PartitionKey}/{row.RowKey} of {id}");
                // Alias rows (row key ending "%~") point at another canonical name: counts cover canonical rows only.
                if (kind == "Entity" && !row.RowKey.EndsWith("%~", StringComparison.Ordinal))
                    entityPartitions[row.PartitionKey] = entityPartitions.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }
        foreach (var (id, rows) in listed)
        {
            foreach (var row in rows.Where(r => !found.Contains(r)))
                problems.Add($"missing {row.Table} row {row.Pk}/{row.Rk} of {id}");
        }

        // Entity-name counts equal the entity-index partition sizes.
        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in tableService.GetTableClient(names.EntityNames).QueryAsync<TableEntity>())
            counted[row.RowKey] = row.GetInt32("Articles") ?? -1;
        foreach (var (key, n) in entityPartitions)
        {
            if (counted.GetValueOrDefault(key) != n)
                problems.Add($"entity {key} counted {counted.GetValueOrDefault(key)}, has {n} rows");
        }
        foreach (var key in counted.Keys.Where(k => !entityPartitions.ContainsKey(k)))
            problems.Add($"entity {key} counted {counted[key]}, has no rows");
        return problems;
    }
}

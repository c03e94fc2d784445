using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// <c>ingest-bench storage [--connection CS] [--sample FILE] [--words W] [--delete-prefix P]</c>: storage transactions (HTTP requests; an
/// entity-group transaction is one) that <see cref="IngestService"/> makes per article, on Azurite by default. Stores the
/// sample file and a generated article (about 1,300 words by default) in fresh tables and containers (prefix
/// <c>bench</c>+random, deleted afterwards), each twice: the first write, then a forced rewrite of a changed version
/// (a changed body), the same bytes again (unchanged), and a re-store of the stored record under another pipeline version
/// (store only, every row rewritten). Prints the count per step and per table or container and kind (point read, query,
/// batch, single write, blob), then reads / writes / transactions per table or container, then the totals.
/// </summary>
internal static class StorageRequests
{
    public const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static async Task<int> RunAsync(string[] args)
    {
        string connection = Bench.Option(args, "--connection", Azurite);
        string sample = Bench.Option(args, "--sample", "samples/harbor-bridge.txt");
        int words = Bench.Option(args, "--words", 1000);
        var counter = new CountingPolicy();
        // --delete-prefix P: only delete the resources named P… (left by a LocalHost run with StorageOptions:NamePrefix=P).
        if (Bench.Option<string?>(args, "--delete-prefix", null) is { Length: > 0 } leftover)
        {
            await using var cleanup = Services(connection, leftover, counter);
            await DeleteAsync(cleanup, leftover);
            return 0;
        }
        string prefix = "bench" + Guid.NewGuid().ToString("N")[..6];
        await using var provider = Services(connection, prefix, counter);
        var initializer = provider.GetRequiredService<StorageInitializer>();
        await initializer.EnsureCreatedAsync();
        var ingest = provider.GetRequiredService<IngestService>();
        try
        {
            var generated = Generated.Article(new Random(20261129), words);
            var inputs = new (string Name, byte[] Bytes)[]
            {
                (Path.GetFileName(sample), File.ReadAllBytes(sample)),
                ($"generated-{words}.txt", Encoding.UTF8.GetBytes(generated)),
            };
            Console.WriteLine($"storage requests per article (Azure SDK HTTP requests; an entity-group transaction counts once), prefix {prefix}");
            foreach (var (name, bytes) in inputs)
            {
                var source = new SourceRef("articles", name);
                int wordsIn = Encoding.UTF8.GetString(bytes).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                await MeasureAsync($"{name} ({wordsIn} words), first write", counter,
                    () => ingest.IngestAsync(source, new MemoryStream(bytes)));
                // A changed version of the same article (an edit): index rows are replaced and stale ones deleted.
                var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes) + "\n\nThe council meets again on Tuesday.\n");
                await MeasureAsync($"{name}, changed version", counter,
                    () => ingest.IngestAsync(source, new MemoryStream(edited)));
                await MeasureAsync($"{name}, same bytes again", counter,
                    () => ingest.IngestAsync(source, new MemoryStream(edited)));
                // A re-store: the same article reprocessed by another pipeline version (what the reprocess timer does after a
                // deployment). Store only: the stored record again under a new version, so every row is rewritten in place.
                var store = provider.GetRequiredService<Ingest.Core.Abstractions.IArticleStore>();
                var stored = await store.GetAsync(ArticleIds.For(source)) ?? throw new InvalidOperationException("no record stored");
                await MeasureAsync($"{name}, re-stored (same record, new pipeline version; store only)", counter, async () =>
                {
                    var upsert = await store.UpsertAsync(stored with { PipelineVersion = stored.PipelineVersion + "+restore" });
                    return new IngestOutcome(stored.Id, upsert == Ingest.Core.Abstractions.UpsertOutcome.Unchanged ? IngestStatus.Unchanged : IngestStatus.Stored);
                });
            }
            Console.WriteLine();
            Console.WriteLine("summary (requests per step):");
            foreach (var (label, total) in Totals)
                Console.WriteLine($"  {total,5}  {label}");
        }
        finally
        {
            await DeleteAsync(provider, prefix);
        }
        return 0;
    }

    private static readonly List<(string Label, int Total)> Totals = [];

    private static async Task MeasureAsync(string label, CountingPolicy counter, Func<Task<IngestOutcome>> run)
    {
        counter.Reset();
        var outcome = await run();
        var counts = counter.Snapshot();
        Totals.Add((label, counts.Values.Sum()));
        Console.WriteLine($"{label}: {counts.Values.Sum()} requests ({outcome.Status})");
        foreach (var (what, n) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {n,5}  {what}");
        // Per table, container or queue: reads (point reads, queries, GETs), writes (single-entity or blob writes and deletes),
        // entity-group transactions.
        var perResource = counts.GroupBy(kv => kv.Key[..kv.Key.IndexOf(':')], StringComparer.Ordinal)
            .Select(g => (Resource: g.Key,
                Reads: g.Where(kv => Kind(kv.Key) == "read").Sum(kv => kv.Value),
                Writes: g.Where(kv => Kind(kv.Key) == "write").Sum(kv => kv.Value),
                Batches: g.Where(kv => Kind(kv.Key) == "batch").Sum(kv => kv.Value)))
            .OrderByDescending(r => r.Reads + r.Writes + r.Batches).ThenBy(r => r.Resource, StringComparer.Ordinal);
        Console.WriteLine($"  {"reads",5} {"writes",6} {"batches",7}  per table / container");
        foreach (var r in perResource)
            Console.WriteLine($"  {r.Reads,5} {r.Writes,6} {r.Batches,7}  {r.Resource}");
    }

    /// <summary>read, write or batch, from a description made by <see cref="CountingPolicy"/>.</summary>
    private static string Kind(string description) =>
        description.EndsWith("(entity-group transaction)", StringComparison.Ordinal) ? "batch"
        : description.EndsWith(": point read", StringComparison.Ordinal) || description.EndsWith(": query", StringComparison.Ordinal) ||
          description.EndsWith(": GET", StringComparison.Ordinal) || description.EndsWith(": HEAD", StringComparison.Ordinal) ? "read"
        : "write";

    private static ServiceProvider Services(string connection, string prefix, CountingPolicy counter)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IngestStorage"] = connection,
            ["StorageOptions:NamePrefix"] = prefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // Clients registered first are kept by AddIngestStorage; the same options as its own, plus the counter.
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var blobOptions = new BlobClientOptions(StorageServiceCollectionExtensions.BlobServiceVersion);
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var queueOptions = new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(connection, tableOptions));
        services.AddSingleton(new BlobServiceClient(connection, blobOptions));
        services.AddSingleton(new QueueServiceClient(connection, queueOptions));
        services.AddIngestStorage(configuration);
        services.AddIngestPipeline(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Deletes the tables, containers and queues whose names start with <paramref name="prefix"/>.</summary>
    private static async Task DeleteAsync(IServiceProvider provider, string prefix)
    {
        var tables = provider.GetRequiredService<TableServiceClient>();
        await foreach (var t in tables.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
            await tables.DeleteTableAsync(t.Name);
        var blobs = provider.GetRequiredService<BlobServiceClient>();
        await foreach (var c in blobs.GetBlobContainersAsync(prefix: prefix))
            await blobs.DeleteBlobContainerAsync(c.Name);
        var queues = provider.GetRequiredService<QueueServiceClient>();
        await foreach (var q in queues.GetQueuesAsync(prefix: prefix))
            await queues.DeleteQueueAsync(q.Name);
    }

    /// <summary>Counts every request by table, container or queue and kind.</summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public void Reset() => _counts = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

        public override void OnSendingRequest(HttpMessage message) =>
            _counts.AddOrUpdate(Describe(message.Request), 1, (_, n) => n + 1);

        private static string Describe(Request request)
        {
            var uri = request.Uri.ToUri();
            string[] path = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries); // [account, resource, …]
            string resource = path.Length > 1 ? Uri.UnescapeDataString(path[1]) : "";
            string method = request.Method.ToString();
            int paren = resource.IndexOf('(');
            if (uri.Port == 10002 || uri.Host.Contains(".table.", StringComparison.Ordinal))
            {
                if (resource == "$batch")
                    return $"table {StripPrefix(BatchTable(request))}: batch (entity-group transaction)";
                string table = paren >= 0 ? resource[..paren] : resource;
                bool point = paren >= 0 && resource[paren..] != "()";
                string kind = (method, point) switch
                {
                    ("GET", true) => "point read",
                    ("GET", false) => "query",
                    ("DELETE", _) => "delete",
                    _ => "write " + method,
                };
                return $"table {StripPrefix(table)}: {kind}";
            }
            string service = uri.Port == 10001 || uri.Host.Contains(".queue.", StringComparison.Ordinal) ? "queue" : "blob";
            return $"{service} {StripPrefix(resource)}: {method}";
        }

        // The table of the first operation in a batch's multipart body ("PUT http://…/Table(PartitionKey=…", "POST http://…/Table").
        private static string BatchTable(Request request)
        {
            using var body = new MemoryStream();
            request.Content?.WriteTo(body, CancellationToken.None);
            var match = System.Text.RegularExpressions.Regex.Match(Encoding.UTF8.GetString(body.ToArray()),
                @"^(?:PUT|POST|PATCH|MERGE|DELETE) https?://[^/\s]+/[^/\s]+/([A-Za-z0-9]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value : "?";
        }

        // Names are prefix + name; the prefix is "bench" + 6 hex digits.
        private static string StripPrefix(string name) => name.StartsWith("bench", StringComparison.Ordinal) && name.Length > 11 ? name[11..] : name;
    }
}

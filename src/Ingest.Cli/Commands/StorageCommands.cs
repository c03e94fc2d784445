using System.Collections.Concurrent;
using System.CommandLine;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Ingest.Core.Document;
using Spectre.Console;

namespace Ingest.Cli.Commands;

/// <summary>The commands that talk to storage or the HTTP API: upload, query, reprocess (and bench-latency).</summary>
internal static class StorageCommands
{
    /// <summary>File extensions taken from folders (files named one by one are uploaded whatever their extension).</summary>
    internal static readonly IReadOnlySet<string> ArticleExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".html", ".htm", ".json", ".md" };

    /// <summary>
    /// The article files below <paramref name="folder"/> (<see cref="ArticleExtensions"/>, recursive), in ordinal order of
    /// their paths. The other files are counted and named (up to five) on <paramref name="notes"/> when given, so that a
    /// folder's skipped files are never silent: "ingest: skipped 2 file(s) in in/ that are not article files (...)".
    /// </summary>
    internal static IReadOnlyList<string> ArticleFilesIn(string folder, TextWriter? notes = null)
    {
        var all = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var skipped = all.Where(f => !ArticleExtensions.Contains(Path.GetExtension(f))).ToList();
        if (notes is not null && skipped.Count > 0)
        {
            var named = skipped.Take(5).Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'));
            notes.WriteLine($"ingest: skipped {skipped.Count} file(s) in {folder} that are not article files (.txt .html .htm .json .md; " +
                $"name a file to take it anyway): {string.Join(", ", named)}{(skipped.Count > 5 ? ", ..." : "")}");
        }
        return [.. all.Where(f => ArticleExtensions.Contains(Path.GetExtension(f)))];
    }

    /// <summary>Files uploaded at the same time.</summary>
    private const int UploadParallelism = 4;

    public static IEnumerable<Command> Create() =>
        [CreateUpload(), CreateQuery(), CreateDelete(), CreateReprocess(), CreateHealth(), RepairCommand.Create(),
            .. MaintenanceCommands.Create(), BenchLatencyCommand.Create()];

    // ---- upload ---------------------------------------------------------------------------------------------

    private static Command CreateUpload()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (recursive: .txt .html .htm .json .md).", Arity = ArgumentArity.OneOrMore };
        var connection = CommonOptions.Connection();
        var container = CommonOptions.Container();
        var prefix = new Option<string?>("--prefix") { Description = "Virtual folder put before every blob name, e.g. 2025/03." };
        var wait = new Option<int>("--wait")
        {
            Description = "Wait up to this many seconds for each file's outcome over the API and print it as a third column " +
                "(stored, failed: reason, or pending). Exit 0 when all were stored, 3 when any failed, 4 when any is still pending.",
            DefaultValueFactory = _ => 0,
        };
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var command = new Command("upload",
            "Upload article files to the blob container; the ingest trigger processes them. Prints 'ID<TAB>container/name' per file. " +
            "A file given by path is stored under its file name, a folder's files under their path below it. Names Blob storage " +
            "would store differently ('\\', '.' or '..' segments, leading '/', control characters, over 1024 characters) and two " +
            "files with the same name are refused, and then nothing is uploaded.")
        { paths, connection, container, prefix, wait, api, key };
        command.SetAction((parse, ct) => UploadAsync(parse.GetValue(paths)!, CommonOptions.ConnectionOf(parse, connection), parse.GetValue(container)!,
            parse.GetValue(prefix), parse.GetValue(wait), parse.GetValue(api)!, CommonOptions.KeyOf(parse, key), ct));
        return command;
    }

    /// <summary>
    /// The files to upload and their blob names: a file keeps its file name, a folder's files their path below it, after the
    /// prefix (see <see cref="UploadPlan"/>, which checks the names before anything is uploaded).
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    internal static List<(string File, string BlobName)> Collect(IEnumerable<string> paths, string? prefix)
    {
        var result = new List<(string, string)>();
        string pre = string.IsNullOrWhiteSpace(prefix) ? "" : prefix.Trim().Trim('/') + "/";
        foreach (string path in paths)
        {
            if (File.Exists(path))
                result.Add((path, pre + Path.GetFileName(path)));
            else if (Directory.Exists(path))
                result.AddRange(ArticleFilesIn(path, Console.Error)
                    .Select(f => (f, pre + Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'))));
            else
                throw new FileNotFoundException($"No such file or folder: {path}", path);
        }
        return result;
    }

    private static async Task<int> UploadAsync(string[] paths, string connection, string containerName, string? prefix,
        int waitSeconds, string api, string? key, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        List<(string File, string BlobName)> files;
        try
        {
            files = Collect(paths, prefix);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"ingest: {ex.Message}");
            return 1;
        }
        if (files.Count == 0)
        {
            Console.Error.WriteLine("ingest: no article files found (.txt .html .htm .json .md).");
            return 1;
        }
        files = UploadPlan.Distinct(files);
        if (UploadPlan.Check(files) is { Count: > 0 } problems)
        {
            foreach (string problem in problems)
                Console.Error.WriteLine($"ingest: {problem}");
            Console.Error.WriteLine($"ingest: nothing uploaded ({problems.Count} problem(s) in {files.Count} file(s)).");
            return 1;
        }

        BlobContainerClient container;
        try
        {
            container = new BlobContainerClient(connection, containerName, CommonOptions.BlobOptions());
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or FormatException or ArgumentException or AggregateException)
        {
            Console.Error.WriteLine($"ingest: cannot reach container '{containerName}': {FirstLine(ex.Message)}");
            return 1;
        }

        var failures = new ConcurrentBag<string>();
        var uploaded = new ConcurrentDictionary<string, string>();
        // Progress goes to stderr so that stdout stays the list of ids for scripts.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        long totalBytes = files.Sum(f => new FileInfo(f.File).Length);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Uploading {files.Count} file(s) to {containerName}", maxValue: Math.Max(1, totalBytes));
                await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = UploadParallelism, CancellationToken = cancellationToken },
                    async (file, ct) =>
                    {
                        try
                        {
                            await container.GetBlobClient(file.BlobName).UploadAsync(file.File, overwrite: true, ct);
                            uploaded[file.BlobName] = ArticleIds.For(new SourceRef(containerName, file.BlobName));
                        }
                        catch (Exception ex) when (ex is RequestFailedException or IOException or UnauthorizedAccessException)
                        {
                            failures.Add($"{file.File}: {FirstLine(ex.Message)}");
                        }
                        task.Increment(new FileInfo(file.File).Length);
                    });
            });

        foreach (string failure in failures)
            Console.Error.WriteLine($"ingest: upload failed: {failure}");
        Console.Error.WriteLine($"Uploaded {uploaded.Count} of {files.Count} file(s) to '{containerName}'.");
        if (!uploaded.IsEmpty)
        {
            // A LocalHost on this machine lists the container now rather than at its next poll.
            using var local = new ApiClient(api, key);
            await local.WakeLocalPollerAsync(cancellationToken);
        }
        if (waitSeconds <= 0)
        {
            foreach (var (name, id) in uploaded.OrderBy(p => p.Key, StringComparer.Ordinal))
                Console.Out.WriteLine($"{id}\t{containerName}/{name}");
            return failures.IsEmpty ? 0 : 1;
        }

        var expected = files.Where(f => uploaded.ContainsKey(f.BlobName)).ToDictionary(f => uploaded[f.BlobName],
            f => ArticleIds.ContentHash(File.ReadAllBytes(f.File)), StringComparer.Ordinal);
        Dictionary<string, string> outcomes;
        try
        {
            using var client = new ApiClient(api, key);
            outcomes = await UploadOutcomes.WaitAsync(client, expected, started, TimeSpan.FromSeconds(waitSeconds), cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"ingest: cannot reach the API to wait for the outcomes: {ex.Message}");
            return 2;
        }
        foreach (var (name, id) in uploaded.OrderBy(p => p.Key, StringComparer.Ordinal))
            Console.Out.WriteLine($"{id}\t{containerName}/{name}\t{outcomes[id]}");
        if (!failures.IsEmpty)
            return 1;
        return outcomes.Values.Any(o => o.StartsWith("failed", StringComparison.Ordinal)) ? 3
            : outcomes.Values.Any(o => o == UploadOutcomes.Pending) ? 4 : 0;
    }

    // ---- query ----------------------------------------------------------------------------------------------

    private static Command CreateQuery()
    {
        var query = new Command("query",
            "Query stored records over the HTTP API: tables on a terminal, the API's JSON when output is redirected or with --json.");
        query.Subcommands.Add(CreateQueryArticle());
        query.Subcommands.Add(CreateQueryList("articles", "List articles (all filters optional, combined with AND).",
            ["entity", "speaker", "source", "from", "to", "order"]));
        query.Subcommands.Add(CreateQueryList("quotes", "List quotations.", ["speaker", "text"]));
        query.Subcommands.Add(CreateQueryList("entities", "List entity names by prefix, with article counts.", ["prefix"]));
        query.Subcommands.Add(CreateQueryList("failures", "List failure records (files whose latest attempt failed), by article id.", []));
        return query;
    }

    private static readonly Dictionary<string, string> FilterHelp = new()
    {
        ["entity"] = "Canonical entity name, e.g. \"Elena Marquez\".",
        ["speaker"] = "Canonical speaker of a quote.",
        ["source"] = "Publisher or original source.",
        ["from"] = "Earliest published date, yyyy-MM-dd.",
        ["to"] = "Latest published date, yyyy-MM-dd.",
        ["text"] = "Words that must all occur in the quotation.",
        ["prefix"] = "Start of the entity name (case-insensitive).",
        ["order"] = "key (the default: index order) or newest (newest published first; not with entity, speaker or source).",
    };

    private static Command CreateQueryList(string name, string description, string[] filters)
    {
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var pageSize = new Option<int?>("--page-size") { Description = "Items per page (1-1000, default 50)." };
        var token = new Option<string?>("--continuation-token") { Description = "Token of the previous page's response." };
        var filterOptions = filters.Select(f => new Option<string?>("--" + f) { Description = FilterHelp[f] }).ToList();
        var json = QueryOutput.JsonOption();
        var table = QueryOutput.TableOption();
        var command = new Command(name, description) { api, key, pageSize, token, json, table };
        foreach (var option in filterOptions)
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var query = filterOptions.Select(o => new KeyValuePair<string, string?>(o.Name.TrimStart('-'), parse.GetValue(o)))
                .Append(new("pageSize", parse.GetValue(pageSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new("continuationToken", parse.GetValue(token)));
            using var client = new ApiClient(parse.GetValue(api)!, CommonOptions.KeyOf(parse, key));
            var mode = QueryOutput.ModeOf(parse, json, table);
            return await CallAsync(async () => QueryOutput.Print(name, await client.GetAsync(name, query, ct), mode, Console.Out, errors: Console.Error));
        });
        return command;
    }

    private static Command CreateQueryArticle()
    {
        var id = CommonOptions.ArticleId("Article id (16 hex characters, printed by 'ingest upload').");
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var wait = new Option<int>("--wait")
        {
            Description = "Poll up to this many seconds while the article is not stored yet (404). Exit 0 when stored, 3 when its processing failed.",
            DefaultValueFactory = _ => 0,
        };
        var json = QueryOutput.JsonOption();
        var table = QueryOutput.TableOption();
        var command = new Command("article", "Show one article record (or its failure record).") { id, api, key, wait, json, table };
        command.SetAction(async (parse, ct) =>
        {
            var mode = QueryOutput.ModeOf(parse, json, table);
            using var client = new ApiClient(parse.GetValue(api)!, CommonOptions.KeyOf(parse, key));
            string articleId = parse.GetValue(id)!;
            var deadline = DateTime.UtcNow.AddSeconds(Math.Max(0, parse.GetValue(wait)));
            while (true)
            {
                (HttpStatusCode Status, string Body) response;
                try
                {
                    response = await client.GetAsync("articles/" + Uri.EscapeDataString(articleId), [], ct);
                }
                catch (HttpRequestException ex)
                {
                    if (DateTime.UtcNow < deadline) { await Task.Delay(500, ct); continue; }
                    Console.Error.WriteLine($"ingest: cannot reach the API: {ex.Message}");
                    return 2;
                }
                if (response.Status == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(250, ct);
                    continue;
                }
                // A 422 answer is the blob's failure record: the answer asked for, so it stays on standard output.
                int exit = QueryOutput.Print("article", response, mode, Console.Out,
                    errors: response.Status == HttpStatusCode.UnprocessableEntity ? null : Console.Error);
                return response.Status == HttpStatusCode.UnprocessableEntity ? 3 : exit;
            }
        });
        return command;
    }

    // ---- delete ---------------------------------------------------------------------------------------------

    private static Command CreateDelete()
    {
        var id = CommonOptions.ArticleId("Article id (16 hex characters).");
        var blob = new Option<bool>("--blob") { Description = "Delete the source file from the container too. Without it the file stays and its record comes back when the file changes, is reprocessed, or at the local host's next reconcile pass (every 5 minutes) or restart." };
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var command = new Command("delete",
            "Delete an article's record, index rows and counts (DELETE /api/articles/{id}). Exit 0 when deleted, 1 when nothing was stored.")
        { id, blob, api, key };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new ApiClient(parse.GetValue(api)!, CommonOptions.KeyOf(parse, key));
            string articleId = parse.GetValue(id)!;
            return await CallAsync(async () =>
            {
                var response = await client.DeleteAsync("articles/" + Uri.EscapeDataString(articleId),
                    [new("blob", parse.GetValue(blob) ? "true" : null)], ct);
                if (response.Status == HttpStatusCode.NoContent)
                {
                    Console.Out.WriteLine($"deleted {articleId}{(parse.GetValue(blob) ? " and its source file" : "")}");
                    return 0;
                }
                return QueryOutput.Print("delete", response, Console.IsOutputRedirected ? OutputMode.Json : OutputMode.Table, Console.Out, errors: Console.Error);
            });
        });
        return command;
    }

    // ---- reprocess ------------------------------------------------------------------------------------------

    private static Command CreateReprocess()
    {
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var command = new Command("reprocess", "Queue every stored article of an older pipeline version for reprocessing (POST /api/reprocess).") { api, key };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new ApiClient(parse.GetValue(api)!, CommonOptions.KeyOf(parse, key));
            return await CallAsync(async () => ApiClient.Print(await client.PostAsync("reprocess", ct), Console.Out, Console.Error));
        });
        return command;
    }

    // ---- health ---------------------------------------------------------------------------------------------

    private static Command CreateHealth()
    {
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var wait = new Option<int>("--wait") { Description = "Retry up to this many seconds until the API answers healthy.", DefaultValueFactory = _ => 0 };
        var command = new Command("health", "Check that the API and its storage answer (GET /api/health). Exit 0 when healthy.") { api, key, wait };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new ApiClient(parse.GetValue(api)!, CommonOptions.KeyOf(parse, key));
            var deadline = DateTime.UtcNow.AddSeconds(Math.Max(0, parse.GetValue(wait)));
            while (true)
            {
                try
                {
                    var response = await client.GetAsync("health", [], ct);
                    if (response.Status == HttpStatusCode.OK || DateTime.UtcNow >= deadline)
                        return ApiClient.Print(response, Console.Out, Console.Error);
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    // Not listening yet: retry until the deadline.
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"ingest: cannot reach the API: {ex.Message}");
                    return 2;
                }
                await Task.Delay(500, ct);
            }
        });
        return command;
    }

    /// <summary>Runs an API call that prints its answer and returns the exit code; 2 when the API cannot be reached.</summary>
    private static async Task<int> CallAsync(Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"ingest: cannot reach the API: {ex.Message} (is Ingest.LocalHost running? scripts/run.sh --keep starts it)");
            return 2;
        }
    }

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

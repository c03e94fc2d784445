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

    /// <summary>Files uploaded at the same time.</summary>
    private const int UploadParallelism = 4;

    public static IEnumerable<Command> Create() => [CreateUpload(), CreateQuery(), CreateReprocess(), CreateHealth(), RepairCommand.Create(), BenchLatencyCommand.Create()];

    // ---- upload ---------------------------------------------------------------------------------------------

    private static Command CreateUpload()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders (recursive: .txt .html .htm .json .md).", Arity = ArgumentArity.OneOrMore };
        var connection = CommonOptions.Connection();
        var container = CommonOptions.Container();
        var prefix = new Option<string?>("--prefix") { Description = "Virtual folder put before every blob name, e.g. 2025/03." };
        var command = new Command("upload",
            "Upload article files to the blob container; the ingest trigger processes them. Prints 'ID<TAB>container/name' per file. " +
            "A file given by path is stored under its file name, a folder's files under their path below it. Names Blob storage " +
            "would store differently ('\\', '.' or '..' segments, leading '/', control characters, over 1024 characters) and two " +
            "files with the same name are refused, and then nothing is uploaded.")
        { paths, connection, container, prefix };
        command.SetAction((parse, ct) => UploadAsync(parse.GetValue(paths)!, parse.GetValue(connection)!, parse.GetValue(container)!,
            parse.GetValue(prefix), ct));
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
                result.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => ArticleExtensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (f, pre + Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'))));
            else
                throw new FileNotFoundException($"No such file or folder: {path}", path);
        }
        return result;
    }

    private static async Task<int> UploadAsync(string[] paths, string connection, string containerName, string? prefix,
        CancellationToken cancellationToken)
    {
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

        foreach (var (name, id) in uploaded.OrderBy(p => p.Key, StringComparer.Ordinal))
            Console.Out.WriteLine($"{id}\t{containerName}/{name}");
        foreach (string failure in failures)
            Console.Error.WriteLine($"ingest: upload failed: {failure}");
        Console.Error.WriteLine($"Uploaded {uploaded.Count} of {files.Count} file(s) to '{containerName}'.");
        return failures.IsEmpty ? 0 : 1;
    }

    // ---- query ----------------------------------------------------------------------------------------------

    private static Command CreateQuery()
    {
        var query = new Command("query", "Query stored records over the HTTP API and print the JSON.");
        query.Subcommands.Add(CreateQueryArticle());
        query.Subcommands.Add(CreateQueryList("articles", "List articles (all filters optional, combined with AND).",
            ["entity", "speaker", "source", "from", "to"]));
        query.Subcommands.Add(CreateQueryList("quotes", "List quotations.", ["speaker", "text"]));
        query.Subcommands.Add(CreateQueryList("entities", "List entity names by prefix, with article counts.", ["prefix"]));
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
    };

    private static Command CreateQueryList(string name, string description, string[] filters)
    {
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var pageSize = new Option<int?>("--page-size") { Description = "Items per page (1-1000, default 50)." };
        var token = new Option<string?>("--continuation-token") { Description = "Token of the previous page's response." };
        var filterOptions = filters.Select(f => new Option<string?>("--" + f) { Description = FilterHelp[f] }).ToList();
        var command = new Command(name, description) { api, key, pageSize, token };
        foreach (var option in filterOptions)
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var query = filterOptions.Select(o => new KeyValuePair<string, string?>(o.Name.TrimStart('-'), parse.GetValue(o)))
                .Append(new("pageSize", parse.GetValue(pageSize)?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new("continuationToken", parse.GetValue(token)));
            using var client = new ApiClient(parse.GetValue(api)!, parse.GetValue(key));
            return await CallAsync(() => client.GetAsync(name, query, ct));
        });
        return command;
    }

    private static Command CreateQueryArticle()
    {
        var id = new Argument<string>("id") { Description = "Article id (16 hex characters, printed by 'ingest upload')." };
        var api = CommonOptions.Api();
        var key = CommonOptions.Key();
        var wait = new Option<int>("--wait")
        {
            Description = "Poll up to this many seconds while the article is not stored yet (404). Exit 0 when stored, 3 when its processing failed.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("article", "Show one article record (or its failure record).") { id, api, key, wait };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new ApiClient(parse.GetValue(api)!, parse.GetValue(key));
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
                int exit = ApiClient.Print(response, Console.Out);
                return response.Status == HttpStatusCode.UnprocessableEntity ? 3 : exit;
            }
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
            using var client = new ApiClient(parse.GetValue(api)!, parse.GetValue(key));
            return await CallAsync(() => client.PostAsync("reprocess", ct));
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
            using var client = new ApiClient(parse.GetValue(api)!, parse.GetValue(key));
            var deadline = DateTime.UtcNow.AddSeconds(Math.Max(0, parse.GetValue(wait)));
            while (true)
            {
                try
                {
                    var response = await client.GetAsync("health", [], ct);
                    if (response.Status == HttpStatusCode.OK || DateTime.UtcNow >= deadline)
                        return ApiClient.Print(response, Console.Out);
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

    private static async Task<int> CallAsync(Func<Task<(HttpStatusCode, string)>> call)
    {
        try
        {
            return ApiClient.Print(await call(), Console.Out);
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"ingest: cannot reach the API: {ex.Message} (is Ingest.LocalHost running? scripts/run.sh --keep starts it)");
            return 2;
        }
    }

    internal static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

using System.CommandLine;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Commands;

/// <summary><c>ingest extract PATH... [--format json|jsonl|text]</c>: runs the pipeline on local files and folders, no storage.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("paths")
        {
            Description = "Article files, or folders whose article files (.txt .html .htm .json .md, recursive, in name order) are read.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (one object for one file, else an array), jsonl (one record a line), text (readable).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "text");
        var command = new Command("extract", "Extract article records from local files and print them; nothing is stored.") { files, format };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(format)!));
        return command;
    }

    /// <summary>
    /// The files of <paramref name="paths"/>: a file as given (whatever its extension), a folder's article files below it
    /// (<see cref="StorageCommands.ArticleExtensions"/>, recursive, ordinal order of their paths).
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    internal static List<FileInfo> Expand(IEnumerable<string> paths)
    {
        var files = new List<FileInfo>();
        foreach (string path in paths)
        {
            if (File.Exists(path))
                files.Add(new FileInfo(path));
            else if (Directory.Exists(path))
                files.AddRange(StorageCommands.ArticleFilesIn(path, Console.Error).Select(f => new FileInfo(f)));
            else
                throw new FileNotFoundException($"No such file or folder: {path}", path);
        }
        return files;
    }

    /// <summary>
    /// Exit code 0 when every file gave a record, 2 when any file was rejected, 1 when a path does not exist, a file could not
    /// be read or a folder holds no article file.
    /// </summary>
    internal static int Run(string[] paths, string format)
    {
        List<FileInfo> found;
        try
        {
            found = Expand(paths);
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"ingest: {ex.Message}");
            return 1;
        }
        if (found.Count == 0)
        {
            Console.Error.WriteLine("ingest: no article files found (.txt .html .htm .json .md).");
            return 1;
        }
        FileInfo[] files = [.. found];
        bool single = files.Length == 1 && File.Exists(paths[0]) && paths.Length == 1;
        // The pipeline and IngestOptions (environment IngestOptions__MaxArticleBytes) as the hosts register them.
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        using var services = new ServiceCollection().AddIngestPipeline(configuration).BuildServiceProvider();
        var extractor = services.GetRequiredService<ArticleExtractor>();
        long limit = services.GetRequiredService<IOptions<IngestOptions>>().Value.MaxArticleBytes;
        var records = new List<ArticleRecord>();
        int exit = 0;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                if (file.Exists && file.Length > limit)
                {
                    Console.Error.WriteLine($"ingest: {file}: rejected in stage 'read': the file is {file.Length / (1024.0 * 1024.0):F1} MiB, larger than the {limit / (1024 * 1024)} MiB limit for one article.");
                    exit = 2;
                    continue;
                }
                bytes = File.ReadAllBytes(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"ingest: {file}: cannot read: {ex.Message}");
                exit = Math.Max(exit, 1);
                continue;
            }
            try
            {
                var record = extractor.Extract(new SourceRef("local", SourceName(file)), bytes).Record;
                records.Add(record);
                if (format == "jsonl")
                    Console.Out.WriteLine(JsonSerializer.Serialize(record, ArticleJson.Compact));
                else if (format == "text")
                    TextOutput.Write(record, Console.Out);
            }
            catch (StageFailedException ex)
            {
                string reason = ex.InnerException is ArticleRejectedException r ? r.Message : ex.Message;
                Console.Error.WriteLine($"ingest: {file}: rejected in stage '{ex.Stage}': {reason}");
                exit = 2;
            }
        }
        if (format == "json")
        {
            string json = records.Count == 1 && single
                ? JsonSerializer.Serialize(records[0], ArticleJson.Indented)
                : JsonSerializer.Serialize(records, ArticleJson.Indented);
            if (records.Count > 0 || !single)
                Console.Out.WriteLine(json);
        }
        return exit;
    }

    /// <summary>
    /// The record's source name for a local file: its path relative to the working directory with '/' separators
    /// ("in/b.txt"), or its full path when it lies outside it; so "./b.txt", "b.txt" and "sub/../b.txt" name one file, one id.
    /// </summary>
    internal static string SourceName(FileInfo file)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
        bool outside = Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return (outside ? file.FullName : relative).Replace(Path.DirectorySeparatorChar, '/');
    }
}

using System.CommandLine;
using System.Text.Json;
using Ingest.Core;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Commands;

/// <summary><c>ingest extract FILE... [--format json|jsonl|text]</c>: runs the pipeline on local files, no storage.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Article files (.txt, .html, .json, .md).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (one object, or an array for several files), jsonl (one record a line), text (readable).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "text");
        var command = new Command("extract", "Extract article records from local files and print them; nothing is stored.") { files, format };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(format)!));
        return command;
    }

    /// <summary>Exit code 0 when every file gave a record, 2 when any file was rejected, 1 when a file could not be read.</summary>
    internal static int Run(FileInfo[] files, string format)
    {
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
                var record = extractor.Extract(new SourceRef("local", file.ToString()), bytes).Record;
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
            string json = records.Count == 1 && files.Length == 1
                ? JsonSerializer.Serialize(records[0], ArticleJson.Indented)
                : JsonSerializer.Serialize(records, ArticleJson.Indented);
            if (records.Count > 0 || files.Length > 1)
                Console.Out.WriteLine(json);
        }
        return exit;
    }
}

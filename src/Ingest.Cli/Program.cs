using System.CommandLine;
using Ingest.Cli.Commands;

var root = new RootCommand("Ingest: turn news article files into clean, indexed records.");
root.Subcommands.Add(ExtractCommand.Create());
foreach (var command in StorageCommands.Create())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();

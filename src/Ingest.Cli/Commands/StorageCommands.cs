using System.CommandLine;

namespace Ingest.Cli.Commands;

/// <summary>The commands that talk to storage or the HTTP API: upload, query, reprocess.</summary>
internal static class StorageCommands
{
    public static IEnumerable<Command> Create() => [];
}

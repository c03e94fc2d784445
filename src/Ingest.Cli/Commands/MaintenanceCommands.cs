using System.CommandLine;
using Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Cli.Commands;

/// <summary>
/// <c>ingest purge</c> and <c>ingest templates reset</c>: empty what the store derived from the article files, or forget the
/// publisher-template memory (<see cref="StoreMaintenance"/>). Both refuse a prefix or connection with no store.
/// </summary>
internal static class MaintenanceCommands
{
    public static IEnumerable<Command> Create() => [CreatePurge(), CreateTemplates()];

    private static Command CreatePurge()
    {
        var connection = CommonOptions.Connection();
        var prefix = StoreAccess.Prefix();
        var yes = new Option<bool>("--yes") { Description = "Confirm: without it nothing is deleted." };
        var blobs = new Option<bool>("--blobs") { Description = "Delete the uploaded article files too (then nothing can be rebuilt)." };
        var command = new Command("purge",
            "Delete every record, failure record, index row, count and template line of the store (and with --blobs the article " +
            "files). Without --blobs the files stay: the local host rebuilds their records at its next reconcile pass or restart.")
        { connection, prefix, yes, blobs };
        command.SetAction(async (parse, ct) =>
        {
            string connectionString = CommonOptions.ConnectionOf(parse, connection);
            await using var provider = StoreAccess.Build(connectionString, parse.GetValue(prefix));
            string store = StoreAccess.Describe(provider, connectionString);
            if (!parse.GetValue(yes))
            {
                await Console.Error.WriteLineAsync($"ingest purge: deletes every record of the store ({store}); run it again with --yes to do so.");
                return 1;
            }
            return await GuardAsync("purge", async () =>
            {
                if (!await StoreAccess.ExistsAsync(provider, "purge", ct))
                    return 2;
                Console.WriteLine($"purging {store}{(parse.GetValue(blobs) ? ", article files included" : "")}");
                var report = await provider.GetRequiredService<StoreMaintenance>().PurgeAsync(parse.GetValue(blobs), ct);
                Console.WriteLine($"table rows deleted: {report.Rows}");
                Console.WriteLine($"records deleted: {report.Records}");
                Console.WriteLine($"article files deleted: {report.SourceBlobs}");
                return 0;
            });
        });
        return command;
    }

    private static Command CreateTemplates()
    {
        var connection = CommonOptions.Connection();
        var prefix = StoreAccess.Prefix();
        var publisher = new Option<string?>("--publisher") { Description = "Forget only this publisher's lines (as records name it); default: every publisher." };
        var reset = new Command("reset", "Forget the template lines learned from publishers' articles, so none is removed until it recurs.")
        { connection, prefix, publisher };
        reset.SetAction(async (parse, ct) =>
        {
            string? name = parse.GetValue(publisher);
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                await Console.Error.WriteLineAsync("ingest templates reset: --publisher is empty.");
                return 1;
            }
            await using var provider = StoreAccess.Build(CommonOptions.ConnectionOf(parse, connection), parse.GetValue(prefix));
            return await GuardAsync("templates reset", async () =>
            {
                if (!await StoreAccess.ExistsAsync(provider, "templates reset", ct))
                    return 2;
                int forgotten = await provider.GetRequiredService<StoreMaintenance>().ResetTemplatesAsync(name, ct);
                Console.WriteLine($"template lines forgotten: {forgotten}{(name is null ? "" : $" (publisher '{name}')")}");
                if (forgotten == 0 && name is not null)
                    await Console.Error.WriteLineAsync($"ingest templates reset: no lines were learned for publisher '{name}'; " +
                        "the name is matched as records give it (\"publisher\" of ingest query articles).");
                return 0;
            });
        });
        var command = new Command("templates", "The publisher-template memory (lines seen in several articles of one publisher).");
        command.Subcommands.Add(reset);
        return command;
    }

    private static async Task<int> GuardAsync(string command, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Azure.RequestFailedException ex)
        {
            await Console.Error.WriteLineAsync($"ingest {command}: storage failed ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}");
            return 2;
        }
    }
}

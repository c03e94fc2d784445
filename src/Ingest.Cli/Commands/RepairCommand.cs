using System.CommandLine;
using Ingest.Core.Abstractions;
using Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Cli.Commands;

/// <summary>
/// <c>ingest repair</c>: one repair pass over the store (<see cref="IStoreRepair"/>) — writes stopped part-way completed,
/// records of deleted blobs removed, index rows no record lists deleted, entity counts recounted — and the sources whose
/// record was lost put on the reprocess queue. Safe while a host runs. Exit 0, also when something was fixed.
/// </summary>
internal static class RepairCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.Connection();
        var prefix = StoreAccess.Prefix();
        var command = new Command("repair",
            "Check the stored records, index rows and entity counts against each other and fix what disagrees; prints what was fixed.")
        { connection, prefix };
        command.SetAction((parse, ct) => RunAsync(CommonOptions.ConnectionOf(parse, connection), parse.GetValue(prefix), ct));
        return command;
    }

    private static async Task<int> RunAsync(string connection, string? prefix, CancellationToken cancellationToken)
    {
        await using var provider = StoreAccess.Build(connection, prefix);
        try
        {
            // Repair recreates a table or container deleted under a running store; a store of which nothing exists is a
            // mistyped prefix or connection, and repairing it would only create an empty one.
            if (!await StoreAccess.ExistsAsync(provider, "repair", cancellationToken))
                return 2;
            var report = await provider.GetRequiredService<IStoreRepair>().RepairAsync(cancellationToken);
            var queue = provider.GetRequiredService<IReprocessQueue>();
            foreach (var source in report.Requeue)
                await queue.EnqueueAsync(source, cancellationToken);
            Console.WriteLine($"records checked: {report.Articles}");
            Console.WriteLine($"unfinished writes completed: {report.Completed}");
            Console.WriteLine($"records of deleted blobs removed: {report.Deleted}");
            Console.WriteLine($"orphan index rows removed: {report.OrphanRows}");
            Console.WriteLine($"entity counts fixed: {report.CountsFixed}");
            Console.WriteLine($"lost records queued for reprocessing: {report.Requeue.Count}");
            foreach (var source in report.Requeue)
                Console.WriteLine($"  {source.Container}/{source.Name}");
            return 0;
        }
        catch (Azure.RequestFailedException ex)
        {
            await Console.Error.WriteLineAsync($"ingest repair: storage failed ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}");
            return 2;
        }
    }
}

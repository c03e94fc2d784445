using System.CommandLine;
using System.Data.Common;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Cli.Commands;

/// <summary>
/// The storage services of the commands that work on a store directly (<c>repair</c>, <c>purge</c>, <c>templates</c>):
/// the same <c>AddIngestStorage</c> the hosts use, for a connection and name prefix, and the check that a store is there.
/// </summary>
internal static class StoreAccess
{
    /// <summary><c>--prefix</c>: the store's name prefix.</summary>
    public static Option<string?> Prefix() => new("--prefix")
    {
        Description = "Name prefix of the tables, containers and queues (StorageOptions:NamePrefix; default: environment StorageOptions__NamePrefix).",
    };

    /// <summary>The storage services for <paramref name="connection"/> and <paramref name="prefix"/> (environment settings below them).</summary>
    public static ServiceProvider Build(string connection, string? prefix)
    {
        var settings = new Dictionary<string, string?> { ["IngestStorage"] = connection };
        if (!string.IsNullOrWhiteSpace(prefix))
            settings[$"{StorageOptions.SectionName}:{nameof(StorageOptions.NamePrefix)}"] = prefix;
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddIngestStorage(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Names the store <paramref name="connection"/> and the provider's name prefix point at, without secrets: "account
    /// 'devstoreaccount1' (tables at http://127.0.0.1:10002/devstoreaccount1), prefix 'x'" — the account name and table
    /// endpoint of a connection string (keys and SAS tokens are never printed), or "the configured account" for
    /// identity-based settings. Destructive commands print it before they act.
    /// </summary>
    public static string Describe(IServiceProvider provider, string connection)
    {
        string prefix = provider.GetRequiredService<IOptions<StorageOptions>>().Value.NamePrefix ?? "";
        string account = "the configured account";
        try
        {
            var parts = new DbConnectionStringBuilder { ConnectionString = connection };
            if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && string.Equals(dev?.ToString(), "true", StringComparison.OrdinalIgnoreCase))
                account = "account 'devstoreaccount1' (Azurite)";
            else if (parts.TryGetValue("AccountName", out var name))
            {
                string? tables = parts.TryGetValue("TableEndpoint", out var endpoint) ? endpoint?.ToString()
                    : parts.TryGetValue("EndpointSuffix", out var suffix) ? $"https://{name}.table.{suffix}" : null;
                account = tables is null ? $"account '{name}'" : $"account '{name}' (tables at {tables})";
            }
        }
        catch (ArgumentException)
        {
            // Not a connection string (identity-based settings come from the environment): keep the neutral wording.
        }
        return prefix.Length == 0 ? $"{account}, no name prefix" : $"{account}, prefix '{prefix}'";
    }

    /// <summary>
    /// False, with the reason on standard error, when no Ingest store exists at the connection and prefix (neither the records
    /// container nor any table): a mistyped prefix or connection, on which <paramref name="command"/> would only create or
    /// empty nothing. A store missing only some tables is there (repair recreates them).
    /// </summary>
    public static async Task<bool> ExistsAsync(IServiceProvider provider, string command, CancellationToken cancellationToken)
    {
        var names = new StorageNames(provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        var missing = await provider.GetRequiredService<IStorageInitializer>().ListMissingAsync(cancellationToken);
        if (!missing.Contains(names.RecordsContainer) || !names.Tables.All(missing.Contains))
            return true;
        await Console.Error.WriteLineAsync(
            $"ingest {command}: no Ingest store here: neither the records container '{names.RecordsContainer}' nor any of its tables " +
            $"({string.Join(", ", names.Tables)}) exists. Check --prefix and the connection; nothing was changed.");
        return false;
    }
}

using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Ingest.Cli.Commands;

/// <summary>Options shared by the storage and API commands, with their environment defaults.</summary>
internal static class CommonOptions
{
    /// <summary>The well-known, public Azurite development account (not a secret).</summary>
    public const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>The API base address of Ingest.LocalHost (and <c>func start</c>).</summary>
    public const string LocalApi = "http://127.0.0.1:7071";

    /// <summary>
    /// <c>--connection</c>. It has no default value of its own, so that help never prints a connection string with its key
    /// (the environment's may be a real account's): read it with <see cref="ConnectionOf"/>.
    /// </summary>
    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Storage connection string (default: environment IngestStorage, else the Azurite development account).",
    };

    /// <summary>
    /// The <c>id</c> argument of <c>query article</c> and <c>delete</c>, refused when empty or blank: "" would address the
    /// collection (<c>GET /api/articles/</c>, the article list) and answer 200 for an article that was never found.
    /// </summary>
    public static Argument<string> ArticleId(string description)
    {
        var id = new Argument<string>("id") { Description = description };
        id.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                result.AddError("The article id is empty (an id is 16 hex characters, as 'ingest upload' prints them).");
        });
        return id;
    }

    /// <summary>The connection string: <c>--connection</c>, else environment <c>IngestStorage</c>, else Azurite's.</summary>
    public static string ConnectionOf(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } given ? given : Env("IngestStorage") ?? AzuriteConnectionString;

    public static Option<string> Container() => new("--container")
    {
        Description = "Blob container of article files (default: environment IngestContainer, else the one the hosts watch: " +
            "'articles', or '{prefix}-articles' with environment StorageOptions__NamePrefix).",
        DefaultValueFactory = _ => Env("IngestContainer") ?? IncomingContainer(),
    };

    public static Option<string> Api() => new("--api")
    {
        Description = $"Base address of the Ingest HTTP API (default: environment INGEST_API, else http://127.0.0.1:$INGEST_PORT as scripts/run.sh uses it, else {LocalApi}).",
        DefaultValueFactory = _ => Env("INGEST_API") ?? (Env("INGEST_PORT") is { } port ? $"http://127.0.0.1:{port}" : LocalApi),
    };

    /// <summary><c>--key</c>, without a default value help would print: read it with <see cref="KeyOf"/>.</summary>
    public static Option<string?> Key() => new("--key")
    {
        Description = "Function key sent as x-functions-key (default: environment INGEST_API_KEY; not needed for Ingest.LocalHost).",
    };

    /// <summary>The function key: <c>--key</c>, else environment <c>INGEST_API_KEY</c>, else none.</summary>
    public static string? KeyOf(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } given ? given : Env("INGEST_API_KEY");

    /// <summary>
    /// Client options with a blob service version Azurite 3.37 accepts (the 12.30 client's default is newer); Azure accepts it too.
    /// </summary>
    public static Azure.Storage.Blobs.BlobClientOptions BlobOptions() => new(Azure.Storage.Blobs.BlobClientOptions.ServiceVersion.V2026_06_06);

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    /// <summary>
    /// The container the hosts watch for the environment's storage settings (<see cref="Ingest.Storage.StorageNames"/>:
    /// <c>StorageOptions__NamePrefix</c> and <c>StorageOptions__IncomingContainer</c>), so that <c>upload</c> writes where a
    /// host with the same environment reads; "articles" when the prefix is not a valid one (the host refuses it too).
    /// </summary>
    internal static string IncomingContainer()
    {
        try
        {
            var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            return Ingest.Storage.StorageNames.From(environment).IncomingContainer;
        }
        catch (ArgumentException)
        {
            return "articles";
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// Starts Ingest.LocalHost as a child process (<c>dotnet Ingest.LocalHost.dll</c>) on a free loopback port against
/// Azurite, with a unique name prefix for its container, tables and queues; deletes them again at the end.
/// Azurite must already run (scripts/test.sh starts it); otherwise every test fails with a message that says so.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    /// <summary>The well-known Azurite development account (public, not a secret).</summary>
    public const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>The shared storage: the <c>IngestStorage</c> environment variable, else the default Azurite account.</summary>
    public static string SharedConnectionString { get; } =
        Environment.GetEnvironmentVariable("IngestStorage") is { Length: > 0 } cs ? cs : AzuriteConnectionString;

    /// <summary>The storage this host uses (the shared one unless a test gives its own).</summary>
    public string ConnectionString { get; }

    /// <summary>Extra environment of the host process (settings a fault test changes).</summary>
    public Dictionary<string, string> HostEnvironment { get; } = new(StringComparer.Ordinal);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>Unique prefix of this run's storage names (lower-case letters and digits).</summary>
    public string Prefix { get; } = "e2e" + Guid.NewGuid().ToString("N")[..10];
    public string ContainerName => Prefix + "-articles";
    public string ReprocessQueueName => Prefix + "-reprocess";
    public string PoisonQueueName => Prefix + "-reprocess-poison";
    public HttpClient Api { get; private set; } = null!;
    public BlobContainerClient Container { get; } = null!;
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }
    /// <summary>Why setup failed, or null; each test asserts on it so the reason is in every failure.</summary>
    public string? SetupError { get; private set; }

    public LocalHostFixture() : this(null)
    {
    }

    /// <summary>A host over <paramref name="connectionString"/> (null: the shared storage); not started until <see cref="InitializeAsync"/>.</summary>
    internal LocalHostFixture(string? connectionString)
    {
        ConnectionString = connectionString ?? SharedConnectionString;
        Blobs = new(ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        Queues = new(ConnectionString,
            new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = QueueMessageEncoding.Base64 });
        Tables = new(ConnectionString);
        Container = Blobs.GetBlobContainerClient(ContainerName);
    }

    /// <summary>The host's resource names (what its storage layer resolves for <see cref="Prefix"/>).</summary>
    public Ingest.Storage.StorageNames Names => new(new Ingest.Storage.StorageOptions { NamePrefix = Prefix });

    /// <summary>Kills the host process at once (no graceful shutdown), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Kills the host and starts it again with the same prefix and storage.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        Api?.Dispose();
        await InitializeAsync();
    }

    /// <summary>What the host printed so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        if (await ReachabilityErrorAsync() is { } unreachable)
        {
            SetupError = $"Azurite (or the storage in the IngestStorage environment variable) is not reachable: {unreachable}. " +
                         "Start it with 'scripts/azurite.sh start' (scripts/test.sh does this before 'dotnet test').";
            return;
        }
        string dll = typeof(LocalHostFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LocalHostDll").Value!;
        if (!File.Exists(dll))
        {
            SetupError = $"Ingest.LocalHost is not built: {dll} is missing.";
            return;
        }
        int httpPort = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["IngestStorage"] = ConnectionString;
        start.Environment["StorageOptions__NamePrefix"] = Prefix;
        start.Environment["IngestContainer"] = ContainerName;
        start.Environment["LocalHost__Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LocalHost__BlobPollInterval"] = "00:00:00.250";
        start.Environment["LocalHost__QueuePollInterval"] = "00:00:00.250";
        start.Environment["ReprocessSchedule"] = "0 0 3 * * *";
        start.Environment["IngestOptions__MaxArticleBytes"] = (10 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in HostEnvironment)
            start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                SetupError = $"Ingest.LocalHost exited with code {_process.ExitCode}:\n{Output}";
                return;
            }
            try
            {
                using var response = await Api.GetAsync("api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        SetupError = $"Ingest.LocalHost did not answer /api/health within {StartTimeout.TotalSeconds:0} s:\n{Output}";
    }

    /// <summary>How long <see cref="UploadAndWaitAsync"/> waits for the host to process an upload.</summary>
    public static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Uploads <paramref name="content"/> as blob <paramref name="name"/> of this host's container and polls
    /// <c>GET /api/articles/{id}</c> while it answers 404, until it answers <paramref name="expected"/> (fails the test on
    /// any other answer or after <see cref="RecordTimeout"/>).
    /// </summary>
    /// <returns>The article id.</returns>
    public async Task<string> UploadAndWaitAsync(string name, byte[] content, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        string id = Ingest.Core.Document.ArticleIds.For(new Ingest.Core.Document.SourceRef(ContainerName, name));
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Api.GetAsync($"api/articles/{id}");
            if (response.StatusCode == expected)
                return id;
            Assert.True(response.StatusCode == HttpStatusCode.NotFound && watch.Elapsed < RecordTimeout,
                $"{name}: {(int)response.StatusCode} after {watch.Elapsed.TotalSeconds:0} s. Host output:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Fails the calling test when the host could not be started.</summary>
    public void EnsureStarted() => Assert.True(SetupError is null, SetupError);

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Api?.Dispose();
        if (SetupError?.StartsWith("Azurite", StringComparison.Ordinal) == true)
            return;
        // Leave the shared Azurite as it was: delete this run's containers, queues and tables.
        try
        {
            await foreach (var c in Blobs.GetBlobContainersAsync(prefix: Prefix))
                await Blobs.DeleteBlobContainerAsync(c.Name);
            await foreach (var q in Queues.GetQueuesAsync(prefix: Prefix))
                await Queues.DeleteQueueAsync(q.Name);
            await foreach (var t in Tables.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {Prefix} and TableName lt {Prefix + "{"}")))
                await Tables.DeleteTableAsync(t.Name);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // Best effort: a stopped Azurite keeps nothing worth cleaning.
        }
    }

    /// <summary>Lists one page of containers, queues and tables (5 s each); returns why that failed, or null.</summary>
    private async Task<string?> ReachabilityErrorAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await foreach (var _ in Blobs.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
                break;
            await foreach (var _ in Queues.GetQueuesAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
                break;
            await foreach (var _ in Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
                break;
            return null;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            return ex is OperationCanceledException ? "no answer within 5 s" : ex.Message.Split('\n')[0].Trim();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "LocalHost on Azurite";
}

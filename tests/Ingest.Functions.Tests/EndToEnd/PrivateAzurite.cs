using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// An Azurite of one test, on free loopback ports with its own data folder, so the test can stop and start it without
/// touching the shared instance the other tests use. Started from the repository's <c>node_modules/.bin/azurite</c>.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "ingest-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _blobPort = FreePort(), _queuePort = FreePort(), _tablePort = FreePort();
    private Process? _process;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    private static string Executable
    {
        get
        {
            string root = typeof(PrivateAzurite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "RepositoryRoot").Value!;
            return Path.Combine(root, "node_modules", ".bin", "azurite");
        }
    }

    /// <summary>Starts Azurite (keeping the data of an earlier start) and waits up to 30 s for its ports.</summary>
    public async Task StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: run `npm ci` (scripts/azurite.sh start does).");
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose", "--location", _location,
                     "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}", "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
                 })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        foreach (int port in new[] { _blobPort, _queuePort, _tablePort })
        {
            while (!await AnswersAsync(port))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"private Azurite did not open port {port}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills Azurite at once (its data folder stays).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
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

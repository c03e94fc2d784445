using System.Net.Sockets;
using Azure.Storage.Blobs;
using Ingest.Core.Document;

namespace Ingest.Cli.Tests;

/// <summary>
/// <c>ingest upload</c> as a child process (<c>dotnet ingest.dll</c>) against Azurite, each test with its own container
/// (deleted again). Azurite must already run (scripts/test.sh starts it).
/// </summary>
public sealed class UploadCommandTests : IAsyncLifetime
{
    private const string Azurite = CliProcess.Azurite;

    private static readonly string CliDll = CliProcess.CliDll;

    private readonly string _root = Directory.CreateTempSubdirectory("ingest-upload-").FullName;
    private readonly BlobContainerClient _container = new(Azurite, "cli" + Guid.NewGuid().ToString("N")[..12],
        new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    public async Task InitializeAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync("127.0.0.1", 10000, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            throw new InvalidOperationException("Azurite is not reachable on 127.0.0.1:10000; start it with `bash scripts/azurite.sh start`.", ex);
        }
        Assert.True(File.Exists(CliDll), $"{CliDll} is not built.");
    }

    public async Task DisposeAsync()
    {
        await _container.DeleteIfExistsAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string Write(string relative, string content = "Made-up article.\n\nIt has two paragraphs.")
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<(int Exit, string Out, string Err)> UploadAsync(params string[] args) =>
        CliProcess.RunAsync(_root, ["upload", .. args, "--connection", Azurite, "--container", _container.Name]);

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        if (!(await _container.ExistsAsync()).Value)
            return names;
        await foreach (var blob in _container.GetBlobsAsync())
            names.Add(blob.Name);
        return names;
    }

    [Fact]
    public async Task Two_files_with_the_same_name_are_refused_and_nothing_is_uploaded()
    {
        string a = Write("a/story.txt", "First made-up story.");
        string b = Write("b/story.txt", "Second made-up story.");
        string c = Write("c/other.txt");

        var (exit, stdout, stderr) = await UploadAsync(a, b, c);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"{a}, {b}: would all be stored as 'story.txt'", stderr);
        Assert.Contains("nothing uploaded", stderr);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Their_common_folder_keeps_them_apart()
    {
        Write("a/story.txt", "First made-up story.");
        Write("b/story.txt", "Second made-up story.");

        var (exit, stdout, stderr) = await UploadAsync(_root);

        Assert.True(exit == 0, stderr);
        Assert.Equal(["a/story.txt", "b/story.txt"], (await BlobNamesAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("First made-up story.", (await _container.GetBlobClient("a/story.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("back\\slash.txt", null, "'\\'")]
    [InlineData("bell\u0007.txt", null, "U+0007")]
    [InlineData("fine.txt", "../up", "'..' path segment")]
    [InlineData("fine.txt", "a/./b", "'.' path segment")]
    [InlineData("fine.txt", "a//b", "empty path segment")]
    [InlineData("fine.txt", "dots.", "ends with '.'")]
    public async Task Names_the_service_would_store_differently_are_refused_and_nothing_is_uploaded(string file, string? prefix, string why)
    {
        string good = Write("ok/good.txt");
        string bad = Write(Path.Combine("odd", file));
        string[] args = prefix is null ? [good, bad] : [good, bad, "--prefix", prefix];

        var (exit, stdout, stderr) = await UploadAsync(args);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"{bad}: cannot be stored as", stderr);
        Assert.Contains(why, stderr);
        Assert.Contains("nothing uploaded", stderr);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Too_long_a_name_is_refused()
    {
        string bad = Write("long.txt");
        var (exit, _, stderr) = await UploadAsync(bad, "--prefix", string.Join('/', Enumerable.Repeat(new string('d', 100), 11)));
        Assert.Equal(1, exit);
        Assert.Contains("Blob storage allows 1024", stderr);
        Assert.Empty(await BlobNamesAsync());
    }

    [Fact]
    public async Task Printed_ids_are_the_ids_of_the_names_the_service_lists()
    {
        Write("in/sub/one.txt");
        Write("in/Jos\u00E9 N\u00FA\u00F1ez #2?.md");
        string single = Write("in/two.html", "<p>Made-up page.</p>");
        // The same file reached twice (through its folder and by itself, both under the prefix) is uploaded once.
        var (exit, stdout, stderr) = await UploadAsync(Path.Combine(_root, "in"), single, "--prefix", "/2025/03/");

        Assert.True(exit == 0, stderr);
        var printed = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')).ToDictionary(p => p[1], p => p[0]);
        var listed = await BlobNamesAsync();
        Assert.Equal(["2025/03/Jos\u00E9 N\u00FA\u00F1ez #2?.md", "2025/03/sub/one.txt", "2025/03/two.html"], listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, printed.Count);
        foreach (string name in listed)
            Assert.Equal(ArticleIds.For(new SourceRef(_container.Name, name)), printed[$"{_container.Name}/{name}"]);
    }
}

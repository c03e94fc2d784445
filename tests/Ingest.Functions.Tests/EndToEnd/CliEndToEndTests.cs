using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// The <c>ingest</c> command (child process) against a real Ingest.LocalHost on Azurite: <c>upload --wait</c> reports each
/// file's outcome, queries print tables on request and JSON when redirected, <c>delete</c> removes a record.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class CliEndToEndTests(LocalHostFixture host) : IDisposable
{
    private static readonly string CliDll = typeof(CliEndToEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CliDll").Value!;

    private readonly string _root = Directory.CreateTempSubdirectory("ingest-cli-e2e-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int Exit, string Out, string Err)> IngestAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        start.ArgumentList.Add(CliDll);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["IngestStorage"] = host.ConnectionString;
        start.Environment["IngestContainer"] = host.ContainerName;
        start.Environment["INGEST_API"] = host.Api.BaseAddress!.ToString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Upload_wait_reports_stored_and_failed_files_then_query_and_delete_work_on_them()
    {
        host.EnsureStarted();
        string folder = Path.Combine(_root, "cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ferry.txt"),
            "Ferry Returns to Quillport Bay\n\nBy Test Writer\n\nThe ferry service across Quillport Bay resumed on Friday after a week " +
            "of repairs to the landing stage.\n\n\"Passengers can travel again,\" said Ada Quill, who runs the service.\n", Encoding.UTF8);
        File.WriteAllBytes(Path.Combine(folder, "empty.txt"), []);

        var (exit, stdout, stderr) = await IngestAsync("upload", folder, "--prefix", Path.GetFileName(folder), "--wait", "60");

        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}\nhost:\n{host.Output}");
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        string[] empty = lines.Single(l => l.Contains("/empty.txt", StringComparison.Ordinal)).Split('\t');
        string[] ferry = lines.Single(l => l.Contains("/ferry.txt", StringComparison.Ordinal)).Split('\t');
        Assert.StartsWith("failed: ", empty[2]);
        Assert.Equal("stored", ferry[2]);
        string id = ferry[0];

        // Redirected output is the API's JSON; --table is the readable view.
        var (jsonExit, json, _) = await IngestAsync("query", "article", id);
        Assert.Equal(0, jsonExit);
        Assert.Contains("\"title\": \"Ferry Returns to Quillport Bay\"", json);
        var (tableExit, table, _) = await IngestAsync("query", "article", id, "--table");
        Assert.Equal(0, tableExit);
        Assert.Contains("Ferry Returns to Quillport Bay", table);
        Assert.Contains("Ada Quill", table);
        Assert.DoesNotContain("\"title\"", table);

        var (deleteExit, deleted, _) = await IngestAsync("delete", id);
        Assert.Equal(0, deleteExit);
        Assert.Contains($"deleted {id}", deleted);
        var (goneExit, gone, goneErrors) = await IngestAsync("query", "article", id);
        Assert.Equal(1, goneExit);
        // The API's error answer goes to standard error: a pipe reading standard output sees no results.
        Assert.Contains("not_found", goneErrors);
        Assert.DoesNotContain("not_found", gone);
    }
}

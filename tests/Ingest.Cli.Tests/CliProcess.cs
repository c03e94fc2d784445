using System.Diagnostics;
using System.Reflection;

namespace Ingest.Cli.Tests;

/// <summary>Runs the built <c>ingest</c> command as a child process (<c>dotnet ingest.dll …</c>), bounded to a minute.</summary>
internal static class CliProcess
{
    /// <summary>The well-known Azurite development account with all three endpoints (public, not a secret).</summary>
    public const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>Path of the built ingest.dll (same configuration as the tests).</summary>
    public static readonly string CliDll = typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CliDll").Value!;

    /// <summary>Runs <c>ingest</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    /// <returns>Exit code, standard output and standard error.</returns>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(CliDll);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ingest {string.Join(' ', start.ArgumentList.Skip(1))} did not exit within a minute.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using System.Text;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// Runs the Debian package's headless Chromium (<c>/usr/bin/chromium</c>, or the <c>CHROMIUM</c> environment variable) on
/// one URL at a time, with a fresh profile, no network of its own besides the page (no updates, sync, QUIC or background
/// requests), every run bounded by a timeout and its process tree killed at the end.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    /// <summary>Longest a run may take (start, load, dump or screenshot).</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly string _profile = Directory.CreateTempSubdirectory("ingest-chromium-").FullName;

    /// <summary>The executable, or null when it is not installed.</summary>
    public static string? Executable { get; } =
        new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public static string? Missing => Executable is null
        ? "Headless Chromium is not installed: apt-get install -y chromium (.ci/run does this), or set CHROMIUM to its path."
        : null;

    /// <summary>The DOM after the page loaded, serialized (<c>--dump-dom</c>).</summary>
    public async Task<string> DumpDomAsync(string url) => (await RunAsync("--dump-dom", url)).Output;

    /// <summary>Takes a screenshot of the page (<c>--screenshot</c>, <paramref name="width"/>×<paramref name="height"/> CSS pixels) to a PNG file.</summary>
    public async Task ScreenshotAsync(string url, string path, int width, int height)
    {
        File.Delete(path);
        var (_, errors) = await RunAsync($"--screenshot={path}", $"--window-size={width},{height}", "--hide-scrollbars", url);
        Assert.True(File.Exists(path), $"Chromium wrote no screenshot to {path}:\n{errors}");
    }

    private async Task<(string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={_profile}",
                 })
            start.ArgumentList.Add(flag);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Chromium did not finish {string.Join(' ', arguments)} within {RunTimeout.TotalSeconds:0} s:\n{errors}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.WaitForExit(); // drains the redirected streams
        lock (errors)
        {
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}:\n{errors}");
            lock (output)
                return (output.ToString(), errors.ToString());
        }
    }

    /// <summary>Deletes the profile.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process still writing: the temp directory is cleaned later.
        }
    }
}

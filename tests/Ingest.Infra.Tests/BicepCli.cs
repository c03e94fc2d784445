using System.Diagnostics;
using System.Reflection;

namespace Ingest.Infra.Tests;

/// <summary>The outcome of one bicep invocation.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr (bicep prints diagnostics here).</param>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Describe() => $"exit {ExitCode}\n--- stderr ---\n{StandardError}\n--- stdout ---\n{StandardOutput}";
}

/// <summary>
/// Runs the bicep CLI shipped in the Azure.Bicep.CommandLine.linux-x64 NuGet package (works offline).
/// Lookup order: BICEP_PATH, the package folder recorded at build time, then the NuGet cache.
/// </summary>
public static class BicepCli
{
    internal const string PackageId = "azure.bicep.commandline.linux-x64";
    internal const string PackageVersion = "0.49.2";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> LazyPath = new(Locate);

    /// <summary>Absolute path of an executable bicep binary.</summary>
    public static string ExecutablePath => LazyPath.Value;

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in {Timeout}");
        }

        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var candidates = new List<string>();
        string? overridePath = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(overridePath))
        {
            candidates.Add(overridePath);
        }

        string? packageRoot = InfraPaths.Metadata("BicepPackageRoot");
        if (!string.IsNullOrEmpty(packageRoot))
        {
            candidates.Add(Path.Combine(packageRoot, "tools", "bicep"));
        }

        string nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        candidates.Add(Path.Combine(nugetRoot, PackageId, PackageVersion, "tools", "bicep"));

        string? found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            throw new FileNotFoundException(
                "bicep binary not found; restore the test project (it references " + PackageId + " " + PackageVersion +
                ") or set BICEP_PATH. Looked in: " + string.Join(", ", candidates));
        }

        EnsureExecutable(found);
        return found;
    }

    // NuGet extraction does not always keep the execute bit.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}

/// <summary>Locations in the repository.</summary>
public static class InfraPaths
{
    /// <summary>The repository root (where Directory.Packages.props lives).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The infra folder.</summary>
    public static string Infra => Path.Combine(RepositoryRoot, "infra");

    /// <summary>infra/main.bicep.</summary>
    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    internal static string? Metadata(string key) =>
        typeof(InfraPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;

    private static string FindRepositoryRoot()
    {
        string? recorded = Metadata("RepositoryRoot");
        if (!string.IsNullOrEmpty(recorded) && File.Exists(Path.Combine(recorded, "infra", "main.bicep")))
        {
            return recorded;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "infra", "main.bicep")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder above " + AppContext.BaseDirectory + " has infra/main.bicep");
    }
}

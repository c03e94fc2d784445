using System.Diagnostics;
using System.Globalization;
using Ingest.Core;
using Ingest.Core.Document;

/// <summary>
/// <c>ingest-bench startup [--sample FILE] [--runs N] [--cli INGEST_DLL]</c>: what one process costs before and for its
/// first article (issue 14: "start-up of the CLI and the function app measured and cut").
/// <para>
/// Each run is a fresh child process of this bench (<c>startup --child FILE</c>) that times, with one stopwatch from its
/// <c>Main</c>: building the default pipeline (lexicons, gazetteers and weights that load eagerly), the first article
/// (the rest of the loading and the JIT of every stage), and a second extraction of the same article (the steady state).
/// The parent adds the process wall time (runtime start-up included) and CPU time, and with <c>--cli</c> the same for
/// <c>ingest extract FILE</c> and <c>ingest --version</c> (the CLI's own start-up without the pipeline). Medians of
/// <c>--runs</c> (default 5), milliseconds.
/// </para>
/// </summary>
internal static class Startup
{
    public static int Run(string[] args)
    {
        string sample = Bench.Option(args, "--sample", Path.Combine("samples", "harbor-bridge.txt"))!;
        if (args.Length >= 3 && args[1] == "--child")
            return Child(args[2]);
        if (!File.Exists(sample))
        {
            Console.Error.WriteLine($"startup: no sample file {sample} (--sample FILE)");
            return 64;
        }
        int runs = Bench.Option(args, "--runs", 5);
        string self = Environment.ProcessPath!;
        string dll = typeof(Startup).Assembly.Location;
        var phases = new List<double[]>();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var (output, ms, cpuMs) = Time(self, [dll, "startup", "--child", sample]);
            phases.Add([.. output.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))]);
            wall.Add(ms);
            cpu.Add(cpuMs);
        }
        Console.WriteLine($"start-up, {runs} fresh processes, medians in ms ({Path.GetFileName(sample)}):");
        Console.WriteLine($"  {"process wall time",-44} {Median(wall),8:F0}   CPU {Median(cpu),6:F0}");
        Console.WriteLine($"  {"  of which: build the default pipeline",-44} {Median(phases.Select(p => p[0])),8:F0}");
        Console.WriteLine($"  {"  first article (loading + JIT)",-44} {Median(phases.Select(p => p[1])),8:F0}");
        Console.WriteLine($"  {"  second article (steady state)",-44} {Median(phases.Select(p => p[2])),8:F1}");
        if (Bench.Option<string?>(args, "--cli", null) is { } cli)
        {
            var extract = Enumerable.Range(0, runs).Select(_ => Time(self, [cli, "extract", sample, "--format", "jsonl"])).ToList();
            var version = Enumerable.Range(0, runs).Select(_ => Time(self, [cli, "--version"])).ToList();
            Console.WriteLine($"  {"ingest extract FILE (CLI, whole process)",-44} {Median(extract.Select(r => r.Ms)),8:F0}   CPU {Median(extract.Select(r => r.CpuMs)),6:F0}");
            Console.WriteLine($"  {"ingest --version (CLI start-up alone)",-44} {Median(version.Select(r => r.Ms)),8:F0}   CPU {Median(version.Select(r => r.CpuMs)),6:F0}");
        }
        return 0;
    }

    private static int Child(string file)
    {
        long start = Stopwatch.GetTimestamp();
        var extractor = new ArticleExtractor();
        double build = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        byte[] bytes = File.ReadAllBytes(file);
        long first = Stopwatch.GetTimestamp();
        var result = extractor.Extract(new SourceRef("local", file), bytes);
        var record = result.Record;
        double firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        if (Environment.GetEnvironmentVariable("INGEST_BENCH_STAGES") == "1")
            Console.Error.WriteLine(string.Join(", ", result.Timings.Select(t => $"{t.Stage} {t.Elapsed.TotalMilliseconds:F0}")));
        long second = Stopwatch.GetTimestamp();
        extractor.Extract(new SourceRef("local", file), bytes);
        double secondMs = Stopwatch.GetElapsedTime(second).TotalMilliseconds;
        if (record.Title is null)
            Console.Error.WriteLine("startup: the sample gave no title");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{build:F1} {firstMs:F1} {secondMs:F2}"));
        return 0;
    }

    private static (string Output, double Ms, double CpuMs) Time(string exe, string[] args)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
            info.ArgumentList.Add(a);
        double childCpuBefore = ChildrenCpuMs();
        long start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        double cpuMs = ChildrenCpuMs() - childCpuBefore;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return (stdout.Result, ms, cpuMs);
    }

    /// <summary>
    /// CPU time of this process's reaped children (user + system), from /proc/self/stat fields cutime and cstime in clock
    /// ticks (100 per second on Linux, so 10 ms resolution): a child's own counters are gone once it has exited. NaN
    /// where /proc is not there.
    /// </summary>
    private static double ChildrenCpuMs()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

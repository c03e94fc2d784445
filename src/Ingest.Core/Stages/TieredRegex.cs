using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>
/// A rule pattern that starts interpreted and is recompiled with <see cref="RegexOptions.Compiled"/> once it has been
/// tried <see cref="CompileAfter"/> times, as the runtime tiers its JIT. Compiling the ~100 line rules costs about
/// 0.35-0.4 CPU-seconds when they are first built (measured with <c>Ingest.Bench startup</c>, 2026-12-03: a fresh process
/// to its first article, 430-500 ms CPU interpreted against 760-890 ms compiled), which a one-file CLI run never earns
/// back; a host that processes many articles matches each rule thousands of times, where compiled matching is the cheaper
/// (about 4 CPU-ms less per generated article in the same bench). <see cref="RegexOptions.Compiled"/> changes how a
/// pattern runs, never what it matches, so the switch cannot change a result. Thread-safe: the swap is one reference write
/// and either instance answers correctly meanwhile.
/// </summary>
internal sealed class TieredRegex
{
    /// <summary>Tries before the pattern is compiled: about 40 articles of ~50 blocks for a rule near the top of a table.</summary>
    internal const int CompileAfter = 2000;

    private readonly string _pattern;
    private readonly RegexOptions _options;
    private Regex _current;
    private int _tries;

    /// <summary>Builds the interpreted pattern now, so that a bad pattern throws here (<see cref="ArgumentException"/>).</summary>
    /// <param name="pattern">The .NET regular expression.</param>
    /// <param name="options">Its options; <see cref="RegexOptions.Compiled"/> is ignored here and added at the switch.</param>
    public TieredRegex(string pattern, RegexOptions options)
    {
        _pattern = pattern;
        _options = options & ~RegexOptions.Compiled;
        _current = new Regex(pattern, _options);
    }

    /// <summary>The instance answering now: interpreted until <see cref="CompileAfter"/> tries, compiled after.</summary>
    public Regex Current => _current;

    /// <summary>Whether the pattern matches somewhere in <paramref name="input"/>.</summary>
    public bool IsMatch(string input)
    {
        var regex = _current;
        // Counting stops at the switch: a plain read first, so compiled patterns pay no interlocked add per try.
        if (Volatile.Read(ref _tries) < CompileAfter && Interlocked.Increment(ref _tries) == CompileAfter)
            _current = regex = new Regex(_pattern, _options | RegexOptions.Compiled);
        return regex.IsMatch(input);
    }

    /// <inheritdoc />
    public override string ToString() => _pattern;
}

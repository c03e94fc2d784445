using System.Text;

namespace Ingest.Cli.Commands;

/// <summary>
/// The blob names of <c>ingest upload</c>, checked before anything is uploaded, so that the id printed for a file is the id
/// the API answers to (the id is a hash of container and blob name, see <c>ArticleIds.For</c>).
/// <para>Naming rule: a file given by path is stored under its file name; a file found in a given folder under its path
/// relative to that folder (with <c>/</c>); <c>--prefix</c> (trimmed of white space and <c>/</c>) and <c>/</c> go before
/// either. The names are used as they are, never rewritten: a name the Blob service or its client would store under another
/// name, or that would break listing, is refused (<see cref="Problem"/>), and two different files that get the same name
/// are refused (<see cref="Check"/>). Either way nothing is uploaded.</para>
/// </summary>
internal static class UploadPlan
{
    /// <summary>Longest blob name Blob storage accepts, in characters.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Most path segments Blob storage accepts in a name.</summary>
    public const int MaxSegments = 254;

    /// <summary>
    /// Why Blob storage would not store <paramref name="name"/> under exactly that name, or null when it would.
    /// Refused (tried against Azurite and the 12.x client): empty or longer than <see cref="MaxNameLength"/> characters;
    /// more than <see cref="MaxSegments"/> segments; <c>\</c> (the service stores <c>/</c>); a leading or trailing
    /// <c>/</c> or an empty segment (<c>a//b</c>); a segment <c>.</c> or <c>..</c> (the client resolves them, so
    /// <c>x/../y.txt</c> is stored as <c>y.txt</c>) or ending with <c>.</c> (Azure's naming rules say to avoid it); control
    /// characters U+0000–U+001F and U+007F–U+009F (a listing that holds one fails, which stops the blob poller); a lone
    /// surrogate (sent as U+FFFD).
    /// </summary>
    /// <param name="name">A blob name.</param>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            return "the name is empty";
        if (name.Length > MaxNameLength)
            return $"the name has {name.Length} characters; Blob storage allows {MaxNameLength}";
        if (name.Contains('\\'))
            return "it contains '\\', which Blob storage stores as '/'";
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (IsControl(c))
                return $"it contains the control character U+{(int)c:X4}";
            if (IsPair(name, i))
                i++;
            else if (char.IsSurrogate(c))
                return "it contains a lone UTF-16 surrogate, which is sent as U+FFFD";
        }
        if (name[0] == '/')
            return "it starts with '/', which the client drops";
        if (name[^1] == '/')
            return "it ends with '/', which the client drops";
        string[] segments = name.Split('/');
        if (segments.Length > MaxSegments)
            return $"it has {segments.Length} path segments; Blob storage allows {MaxSegments}";
        foreach (string segment in segments)
        {
            if (segment.Length == 0)
                return "it has an empty path segment ('//')";
            if (segment is "." or "..")
                return $"it has a '{segment}' path segment, which the client resolves away";
            if (segment[^1] == '.')
                return $"the path segment '{Printable(segment)}' ends with '.', which Azure's naming rules say to avoid (it may be dropped)";
        }
        return null;
    }

    /// <summary>
    /// The problems of a whole upload, one line each: every refused name (<see cref="Problem"/>) and every blob name that two
    /// different files would get. The same file reached twice (by itself and through its folder) is not a problem.
    /// </summary>
    /// <param name="files">The files and their blob names, as <see cref="Distinct"/> would take them.</param>
    public static List<string> Check(IReadOnlyList<(string File, string BlobName)> files)
    {
        var problems = new List<string>();
        foreach (var (file, name) in files)
        {
            if (Problem(name) is { } problem)
                problems.Add($"{file}: cannot be stored as '{Printable(name)}': {problem}. Rename it, or choose another --prefix.");
        }
        foreach (var group in files.GroupBy(f => f.BlobName, StringComparer.Ordinal))
        {
            var sources = group.Select(f => Path.GetFullPath(f.File)).Distinct(StringComparer.Ordinal).ToList();
            if (sources.Count > 1)
                problems.Add($"{string.Join(", ", group.Select(f => f.File).Distinct(StringComparer.Ordinal))}: would all be stored as " +
                             $"'{Printable(group.Key)}' (a file given by path keeps only its file name). Upload their common folder " +
                             "instead, so each keeps its path below it, or upload them in separate runs with different --prefix values.");
        }
        return problems;
    }

    /// <summary>The files once each: the same file (by full path) reached twice under the same blob name is uploaded once.</summary>
    /// <param name="files">The files and their blob names.</param>
    public static List<(string File, string BlobName)> Distinct(IEnumerable<(string File, string BlobName)> files) =>
        files.DistinctBy(f => (Path.GetFullPath(f.File), f.BlobName)).ToList();

    /// <summary>The name with control characters and lone surrogates shown as <c>\uXXXX</c>, cut to 200 characters, for messages.</summary>
    internal static string Printable(string name)
    {
        var sb = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length && sb.Length < 200; i++)
        {
            char c = name[i];
            if (IsPair(name, i))
                sb.Append(c).Append(name[++i]);
            else if (IsControl(c) || char.IsSurrogate(c))
                sb.Append($"\\u{(int)c:X4}");
            else
                sb.Append(c);
        }
        return sb.Length < 200 ? sb.ToString() : sb.Append('…').ToString();
    }

    private static bool IsControl(char c) => c <= '\u001F' || c is >= '\u007F' and <= '\u009F';

    private static bool IsPair(string s, int i) => char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
}

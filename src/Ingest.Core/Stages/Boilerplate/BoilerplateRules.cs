using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Boilerplate;

/// <summary>One line rule: a pattern over a block's normalized text and the reason it removes the block.</summary>
/// <param name="Reason">Reason listed in the record (<c>republication</c>, <c>promo</c> …).</param>
/// <param name="Pattern">Case-insensitive pattern; most are anchored at the block start. Interpreted at first, compiled
/// once it has been tried often (<see cref="TieredRegex"/>).</param>
/// <param name="MaxWords">The rule applies only to blocks of at most this many words (long paragraphs that merely
/// mention "subscribe" are article text).</param>
internal sealed record LineRule(string Reason, TieredRegex Pattern, int MaxWords)
{
    /// <summary>Stable name of the rule (<c>promo-newsletter-sign-up</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary><c>general</c>, or the platform or site family whose template uses the wording (<c>wordpress</c> …).</summary>
    public string Family { get; init; } = "general";

    /// <summary>A made-up line the rule removes.</summary>
    public string Example { get; init; } = "";
}

/// <summary>
/// The line rules of <see cref="BoilerplateStage"/>: data, not logic. The table is the embedded
/// <c>Resources/Rules/line_rules.tsv</c> (republication, promotion, licence, comment, share, caption, related-link,
/// navigation, cookie, author-bio and credit wording of news sites, aggregators and publishing platforms), loaded
/// once, lazily, in file order; each pattern is compiled once it has been tried often (<see cref="TieredRegex"/>), so a
/// one-article process does not pay for compiling a hundred patterns.
/// </summary>
internal static class BoilerplateRules
{
    internal const string ResourceName = "Ingest.Core.Resources.Rules.line_rules.tsv";

    /// <summary>The reasons a line rule may give.</summary>
    internal static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "republication", "promo", "licence", "comment-rules", "share", "caption", "related", "navigation", "cookie",
        "author-bio", "credit",
    };

    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly Lazy<LineRule[]> _lines = new(() => Parse(ReadResource()));

    /// <summary>Rules checked in order; the first match gives the reason.</summary>
    public static LineRule[] Lines => _lines.Value;

    private static string ReadResource()
    {
        using var stream = typeof(BoilerplateRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded rule table '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses the rule table: tab-separated id, reason, family, max_words, pattern, example; a header row
    /// and lines starting with <c>#</c> are skipped. Fields are not trimmed (a pattern may end in a space).</summary>
    internal static LineRule[] Parse(string tsv)
    {
        var rules = new List<LineRule>();
        int lineNo = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNo++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("id\t", StringComparison.Ordinal))
                continue;
            var f = line.Split('\t');
            if (f.Length != 6 || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out int maxWords))
                throw new FormatException($"Rule table line {lineNo}: expected id, reason, family, max_words, pattern, example.");
            rules.Add(new LineRule(f[1], new TieredRegex(f[4], Opts), maxWords) { Id = f[0], Family = f[2], Example = f[5] });
        }
        return [.. rules];
    }
}

using System.Text.RegularExpressions;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Html;

namespace Ingest.Core.Stages;

/// <summary>
/// normalize + segment: splits the decoded text into normalized <see cref="Block"/>s with offsets back into
/// the decoded text (<see cref="DecodedText.Text"/>). HTML goes through <see cref="HtmlContentExtractor"/> (main-content
/// extraction); plain text splits at blank lines, and a paragraph block whose lines are not hard-wrapped splits
/// at each line (text dumps often put one paragraph, caption or promo per line); Markdown marks headings,
/// list items and block quotes, and drops inline markup.
/// </summary>
public sealed partial class SegmentStage : IPipelineStage
{
    /// <summary>Lines at least this long, followed by a line that continues the sentence, are taken as hard-wrapped.</summary>
    internal const int HardWrapMinLine = 55;

    /// <inheritdoc />
    public string Name => "segment";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Text, Layers.Hints };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Blocks, Layers.Hints };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var decoded = document.Get(Layers.Text);
        var blocks = decoded.IsHtml
            ? HtmlContentExtractor.Extract(document, decoded.Text)
            : SegmentText(document, decoded.Text, decoded.Format == DocumentFormat.Markdown);
        if (blocks.All(b => b.MarkupReason is not null))
            throw new ArticleRejectedException("No article text was found in the file.");
        document.Set(Layers.Blocks, new BlockList(blocks));
    }

    /// <summary>Where the text segmenter collects blocks.</summary>
    private sealed record Sink(string Text, List<Block> Blocks);

    internal static List<Block> SegmentText(ArticleDocument document, string text, bool markdown)
    {
        var sink = new Sink(text, []);
        int skipTo = markdown ? MarkdownHeader.Read(document, text) : 0;
        var lines = new List<(int Start, int Length)>();
        int pos = 0;
        while (pos <= text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int end = nl < 0 ? text.Length : nl;
            int len = end - pos;
            if (len > 0 && text[end - 1] == '\r')
                len--;
            lines.Add((pos, len));
            if (nl < 0)
                break;
            pos = nl + 1;
        }

        var group = new List<(int Start, int Length)>();
        for (int li = 0; li < lines.Count; li++)
        {
            var line = lines[li];
            if (line.Start < skipTo)
                continue;
            if (markdown && li + 1 < lines.Count && SetextUnderline().IsMatch(text.AsSpan(lines[li + 1].Start, lines[li + 1].Length).ToString())
                && !string.IsNullOrWhiteSpace(text.AsSpan(line.Start, line.Length).ToString()))
            {
                // Setext heading: a line underlined with === (level 1) or --- (level 2).
                Flush(sink, group, markdown);
                int level = text[lines[li + 1].Start..].TrimStart()[0] == '=' ? 1 : 2;
                AddBlock(sink, StripInline(text.Substring(line.Start, line.Length)), line.Start, line.Length, BlockKind.Heading, level);
                li++;
                continue;
            }
            if (string.IsNullOrWhiteSpace(text.AsSpan(line.Start, line.Length).ToString()))
            {
                Flush(sink, group, markdown);
                continue;
            }
            group.Add(line);
        }
        Flush(sink, group, markdown);
        return sink.Blocks;
    }

    private static void Flush(Sink sink, List<(int Start, int Length)> group, bool markdown)
    {
        if (group.Count == 0)
            return;
        string text = sink.Text;
        if (markdown && text.AsSpan(group[0].Start).TrimStart().StartsWith("```"))
        {
            int s = group[0].Start, e = group[^1].Start + group[^1].Length;
            AddBlock(sink, text[s..e].Replace("```", ""), s, e - s, BlockKind.Preformatted, 0);
            group.Clear();
            return;
        }
        if (IsHardWrapped(text, group))
        {
            int s = group[0].Start, e = group[^1].Start + group[^1].Length;
            string joined = string.Join(' ', group.Select(l => text.Substring(l.Start, l.Length).Trim()));
            if (markdown)
                AddMarkdownBlock(sink, joined, s, e - s);
            else
                AddBlock(sink, joined, s, e - s, BlockKind.Paragraph, 0);
        }
        else
        {
            foreach (var (start, length) in group)
            {
                string line = text.Substring(start, length);
                if (markdown)
                    AddMarkdownBlock(sink, line, start, length);
                else
                    AddBlock(sink, line, start, length, ListMarker().IsMatch(line) ? BlockKind.ListItem : BlockKind.Paragraph, 0);
            }
        }
        group.Clear();
    }

    /// <summary>True when the lines read as one paragraph wrapped at a fixed width.</summary>
    private static bool IsHardWrapped(string text, List<(int Start, int Length)> group)
    {
        if (group.Count < 2)
            return false;
        for (int i = 0; i < group.Count - 1; i++)
        {
            string line = text.Substring(group[i].Start, group[i].Length).TrimEnd();
            string next = text.Substring(group[i + 1].Start, group[i + 1].Length).TrimStart();
            if (line.Length < HardWrapMinLine || ListMarker().IsMatch(next) || next.StartsWith('#') || next.StartsWith('>'))
                return false;
            // A finished sentence followed by a capital may be a new paragraph; a lower-case continuation is a wrap.
            if (".!?:\"”".Contains(line[^1]) && next.Length > 0 && char.IsUpper(next[0]) && line.Length < HardWrapMinLine + 10)
                return false;
        }
        return true;
    }

    private static void AddMarkdownBlock(Sink sink, string line, int start, int length)
    {
        var kind = BlockKind.Paragraph;
        int level = 0;
        string t = line.Trim();
        var heading = MdHeading().Match(t);
        if (heading.Success)
        {
            kind = BlockKind.Heading;
            level = heading.Groups[1].Length;
            t = heading.Groups[2].Value;
        }
        else if (t.StartsWith('>'))
        {
            kind = BlockKind.BlockQuote;
            t = t.TrimStart('>', ' ');
        }
        else if (ListMarker().IsMatch(t))
        {
            kind = BlockKind.ListItem;
        }
        if (MdRule().IsMatch(t))
            return;
        t = StripInline(t);
        AddBlock(sink, t, start, length, kind, level);
    }

    /// <summary>Drops Markdown inline markup: images, link targets, emphasis, code ticks.</summary>
    internal static string StripInline(string t)
    {
        t = MdImage().Replace(t, "");
        t = MdLink().Replace(t, "$1");
        t = MdEmphasis().Replace(t, "$2");
        return MdCode().Replace(t, "$1");
    }

    [GeneratedRegex(@"^\s*(?:={3,}|-{3,})\s*$")]
    private static partial Regex SetextUnderline();

    private static void AddBlock(Sink sink, string raw, int start, int length, BlockKind kind, int level)
    {
        string t = TextNormalizer.Normalize(raw);
        if (t.Length == 0)
            return;
        int gaps = WideGap().Split(raw.Trim()).Length;
        sink.Blocks.Add(new Block
        {
            Text = t, Kind = kind, Level = level, SourceStart = start, SourceLength = length,
            GapSeparatedItems = gaps > 1 ? gaps : 0,
        });
    }

    [GeneratedRegex(@"(?: {2,}|\t+)")]
    private static partial Regex WideGap();

    [GeneratedRegex(@"^\s*(?:[-*•·▪–]\s+|\d{1,2}[.)]\s+)")]
    private static partial Regex ListMarker();
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*$")]
    private static partial Regex MdHeading();
    [GeneratedRegex(@"^(?:-{3,}|\*{3,}|_{3,})$")]
    private static partial Regex MdRule();
    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex MdImage();
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MdLink();
    [GeneratedRegex(@"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex MdEmphasis();
    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex MdCode();
}

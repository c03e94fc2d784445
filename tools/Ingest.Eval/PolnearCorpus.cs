using System.Text;

namespace Ingest.Eval;

/// <summary>A brat text-bound span of a PolNeAR <c>.ann</c> file, offsets converted to UTF-16 indexes of the article text.</summary>
/// <param name="Id">The T id ("T3").</param>
/// <param name="Type">Source, Cue, Content, Attribution, Attribution-no-source, Discuss or Discard.</param>
/// <param name="Pieces">Start (inclusive) and end (exclusive) of each piece, in text order; discontinuous spans have several.</param>
public sealed record AnnSpan(string Id, string Type, IReadOnlyList<(int Start, int End)> Pieces)
{
    /// <summary>Offset of the first piece.</summary>
    public int Start => Pieces[0].Start;

    /// <summary>Whether offset <paramref name="i"/> lies in one of the pieces.</summary>
    public bool Covers(int i) => Pieces.Any(p => i >= p.Start && i < p.End);

    /// <summary>The pieces' text, joined by a space (the way brat writes a discontinuous span's surface).</summary>
    public string TextOf(string text) => string.Join(' ', Pieces.Select(p => text[p.Start..p.End]));
}

/// <summary>One attribution (E line): its Content spans, Cue and Source (null for <c>Attribution-no-source</c>).</summary>
public sealed record AnnRelation(string Id, IReadOnlyList<AnnSpan> Contents, AnnSpan? Cue, AnnSpan? Source);

/// <summary>A parsed <c>.ann</c> file.</summary>
public sealed record AnnFile(IReadOnlyList<AnnSpan> Spans, IReadOnlyList<AnnRelation> Relations)
{
    /// <summary>
    /// Parses brat standoff text against its article text. Lines matching <c>^T\d+\t</c> and <c>^E\d+\t</c> are read; any
    /// other line (a surface text continued after a newline, <c>#</c> notes) is skipped. Offsets in the file count Unicode
    /// code points (README); they are mapped to UTF-16 indexes of <paramref name="text"/>.
    /// </summary>
    /// <exception cref="FormatException">A T line whose offsets do not parse or lie outside the text, or an E line naming an unknown T id.</exception>
    public static AnnFile Parse(string ann, string text)
    {
        var cp = CodePointIndex(text);
        var spans = new Dictionary<string, AnnSpan>(StringComparer.Ordinal);
        var order = new List<AnnSpan>();
        var events = new List<string[]>();
        foreach (var raw in ann.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var tab = line.Split('\t');
            if (tab.Length < 2 || tab[0].Length < 2 || !tab[0][1..].All(char.IsAsciiDigit)) continue;
            if (tab[0][0] == 'T')
            {
                var sp = tab[1].IndexOf(' ');
                if (sp < 0) throw new FormatException($"T line without offsets: {tab[0]}");
                var type = tab[1][..sp];
                var pieces = new List<(int, int)>();
                foreach (var piece in tab[1][(sp + 1)..].Split(';'))
                {
                    var se = piece.Trim().Split(' ');
                    if (se.Length != 2 || !int.TryParse(se[0], out var s) || !int.TryParse(se[1], out var e) || s < 0 || e < s || e >= cp.Length)
                        throw new FormatException($"bad offsets in {tab[0]}: {piece}");
                    pieces.Add((cp[s], cp[e]));
                }
                pieces.Sort();
                var span = new AnnSpan(tab[0], type, pieces);
                spans[span.Id] = span;
                order.Add(span);
            }
            else if (tab[0][0] == 'E')
                events.Add(tab[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        var relations = new List<AnnRelation>();
        foreach (var (roles, n) in events.Select((r, n) => (r, n)))
        {
            var contents = new List<AnnSpan>();
            AnnSpan? cue = null, source = null;
            foreach (var role in roles)
            {
                var colon = role.IndexOf(':');
                if (colon < 0) continue;
                var name = role[..colon];
                if (!spans.TryGetValue(role[(colon + 1)..], out var s)) throw new FormatException($"E line names unknown span {role}");
                // "Content", "Content2" (a relation with two Content parts), "Cue", "Source"; the trigger roles are skipped
                if (name.StartsWith("Content", StringComparison.Ordinal)) contents.Add(s);
                else if (name.StartsWith("Cue", StringComparison.Ordinal)) cue = s;
                else if (name.StartsWith("Source", StringComparison.Ordinal)) source = s;
            }
            relations.Add(new AnnRelation("E" + (n + 1), contents, cue, source));
        }
        return new AnnFile(order, relations);
    }

    /// <summary>UTF-16 index of each code point of <paramref name="text"/>, plus one entry for the end.</summary>
    internal static int[] CodePointIndex(string text)
    {
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        map.Add(text.Length);
        return [.. map];
    }
}

/// <summary>Text inside one pair of double quote marks: offsets of the words between the marks (UTF-16).</summary>
/// <param name="Open">Offset of the opening mark.</param>
/// <param name="InnerStart">First offset after the opening mark.</param>
/// <param name="InnerEnd">Offset of the closing mark, or the paragraph end when the quotation runs on.</param>
/// <param name="Paragraph">Index of the paragraph (blank-line separated block, the headline is 0).</param>
public sealed record MarkedSpan(int Open, int InnerStart, int InnerEnd, int Paragraph);

/// <summary>A gold direct quote of a PolNeAR article.</summary>
/// <param name="Text">The words inside the marks; pieces of one quotation joined by a space, a trailing comma dropped.</param>
/// <param name="Start">Offset of the first opening mark.</param>
/// <param name="Paragraph">Paragraph of the first piece (0 = headline).</param>
/// <param name="Relation">The attribution it belongs to (its Source is the gold speaker mention).</param>
/// <param name="Pieces">The marked spans it is made of.</param>
public sealed record PolnearQuote(string Text, int Start, int Paragraph, AnnRelation Relation, IReadOnlyList<MarkedSpan> Pieces);

/// <summary>
/// One PolNeAR article with one annotator's attributions, converted to gold direct quotes (<see cref="Quotes"/>) and the
/// quote-marked text no attribution covers (<see cref="Unattributed"/>: scare quotes, titles, unannotated quotations).
/// </summary>
public sealed class PolnearArticle
{
    /// <summary>Article file name without extension.</summary>
    public required string Name { get; init; }
    /// <summary>Annotator id (the .ann file suffix).</summary>
    public required string Annotator { get; init; }
    /// <summary>The article text as read (UTF-8).</summary>
    public required string Text { get; init; }
    /// <summary>The parsed annotation.</summary>
    public required AnnFile Ann { get; init; }
    /// <summary>Gold direct quotes in text order, the headline's included (see <see cref="PolnearQuote.Paragraph"/>).</summary>
    public required IReadOnlyList<PolnearQuote> Quotes { get; init; }
    /// <summary>Quote-marked spans covered by no Content span.</summary>
    public required IReadOnlyList<MarkedSpan> Unattributed { get; init; }

    /// <summary>
    /// Lists the articles of a split folder (<c>train</c> or <c>dev</c>, holding <c>text/</c> and <c>attributions/</c>), each
    /// with the alphabetically first annotator's file (README: one file per article; files of several annotators are not merged).
    /// Ordinal name order.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder has no <c>text/</c> or <c>attributions/</c>.</exception>
    public static IReadOnlyList<(string Name, string AnnPath, string TextPath)> List(string splitDir)
    {
        var textDir = Path.Combine(splitDir, "text");
        var annDir = Path.Combine(splitDir, "attributions");
        if (!Directory.Exists(textDir) || !Directory.Exists(annDir)) throw new DirectoryNotFoundException($"{splitDir}: expected text/ and attributions/");
        return Directory.GetFiles(annDir, "*.ann")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Select(f => (Article: f[..f.LastIndexOf('_')], File: f))
            .GroupBy(x => x.Article, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(x => x.File, StringComparer.Ordinal).First())
            .Select(x => (x.Article, Path.Combine(annDir, x.File + ".ann"), Path.Combine(textDir, x.Article + ".txt")))
            .ToList();
    }

    /// <summary>Reads one article and its annotation from disk.</summary>
    public static PolnearArticle Load(string name, string annPath, string textPath)
    {
        var file = Path.GetFileNameWithoutExtension(annPath);
        return FromText(name, file[(file.LastIndexOf('_') + 1)..], File.ReadAllText(textPath, Encoding.UTF8), File.ReadAllText(annPath, Encoding.UTF8));
    }

    /// <summary>
    /// Converts an article and its brat annotation to gold direct quotes. A quote-marked span belongs to the Content span
    /// that covers most of its words (at least half; the marks themselves may lie outside the span). The marked spans of one
    /// Content are one quote when nothing of the Content lies between them (the gap is the attribution, “A,” she said,
    /// “B.”, or a paragraph break), and separate quotes when Content words lie between them (partial quotes inside reported
    /// speech: that the plan was “late” and “too costly”).
    /// </summary>
    public static PolnearArticle FromText(string name, string annotator, string text, string ann)
    {
        var file = AnnFile.Parse(ann, text);
        var marked = MarkedSpans(text);
        var owner = new AnnRelation?[marked.Count];
        var ownerContent = new AnnSpan?[marked.Count];
        for (var i = 0; i < marked.Count; i++)
        {
            var m = marked[i];
            var len = m.InnerEnd - m.InnerStart;
            if (len <= 0) continue;
            var best = 0;
            foreach (var r in file.Relations)
                foreach (var c in r.Contents)
                {
                    var cov = c.Pieces.Sum(p => Math.Max(0, Math.Min(p.End, m.InnerEnd) - Math.Max(p.Start, m.InnerStart)));
                    if (cov * 2 >= len && cov > best) { best = cov; owner[i] = r; ownerContent[i] = c; }
                }
        }
        var quotes = new List<PolnearQuote>();
        var unattributed = new List<MarkedSpan>();
        List<MarkedSpan>? group = null;
        AnnSpan? groupContent = null;
        AnnRelation? groupRelation = null;
        void Flush()
        {
            if (group is null) return;
            var t = string.Join(' ', group.Select(g => text[g.InnerStart..g.InnerEnd].Trim())).Trim();
            if (t.EndsWith(',')) t = t[..^1].TrimEnd();
            if (t.Any(char.IsLetterOrDigit)) quotes.Add(new PolnearQuote(t, group[0].Open, group[0].Paragraph, groupRelation!, group));
            group = null;
        }
        for (var i = 0; i < marked.Count; i++)
        {
            if (owner[i] is null) { unattributed.Add(marked[i]); continue; }
            if (group is not null && groupContent == ownerContent[i] && !ContentBetween(text, groupContent!, group[^1].InnerEnd, marked[i].Open))
            {
                group.Add(marked[i]);
                continue;
            }
            Flush();
            group = [marked[i]];
            groupContent = ownerContent[i];
            groupRelation = owner[i];
        }
        Flush();
        return new PolnearArticle { Name = name, Annotator = annotator, Text = text, Ann = file, Quotes = quotes, Unattributed = unattributed };
    }

    /// <summary>Whether a letter or digit of <paramref name="content"/> lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static bool ContentBetween(string text, AnnSpan content, int from, int to)
    {
        for (var i = from; i < to && i < text.Length; i++)
            if (char.IsLetterOrDigit(text[i]) && content.Covers(i)) return true;
        return false;
    }

    /// <summary>
    /// The double-quoted spans of the text, paragraph by paragraph (paragraphs are separated by blank lines): “ opens and ”
    /// closes; a straight " opens at the start, after a space or an opening bracket/dash/colon when a non-space follows, and
    /// closes otherwise. An unclosed quotation ends at its paragraph's end (news style reopens the next paragraph with a mark).
    /// Single marks are not quotation marks here (they are apostrophes or quotes inside quotes).
    /// </summary>
    public static List<MarkedSpan> MarkedSpans(string text)
    {
        var result = new List<MarkedSpan>();
        var paragraph = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            if (text.AsSpan(start, end - start).Trim().Length > 0)
            {
                int? open = null;
                for (var i = start; i < end; i++)
                {
                    var c = text[i];
                    if (c is not ('“' or '”' or '"')) continue;
                    var opening = c == '“' || (c == '"' && (i == start || char.IsWhiteSpace(text[i - 1]) || "([{—–-:/".Contains(text[i - 1]))
                                                         && i + 1 < end && !char.IsWhiteSpace(text[i + 1]));
                    if (open is null && opening) open = i;
                    else if (open is not null && !opening)
                    {
                        result.Add(new MarkedSpan(open.Value, open.Value + 1, i, paragraph));
                        open = null;
                    }
                    else if (open is not null && c == '“')
                    {
                        // a new opener before a closer: the first quotation ran on unclosed
                        result.Add(new MarkedSpan(open.Value, open.Value + 1, i, paragraph));
                        open = i;
                    }
                }
                if (open is not null) result.Add(new MarkedSpan(open.Value, open.Value + 1, end, paragraph));
                paragraph++;
            }
            start = end + 2;
            while (start < text.Length && text[start] == '\n') start++;
        }
        return result;
    }
}

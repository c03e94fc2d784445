using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ingest.Eval;

/// <summary>One token of a GUM document.</summary>
public sealed record GumToken(string Word, string Ptb, string Upos, string Deprel, bool Glued);

/// <summary>A token span [Start, End) of a document.</summary>
public readonly record struct Span(int Start, int End)
{
    public int Length => End - Start;
    public bool Contains(int i) => i >= Start && i < End;
    public bool Inside(Span o) => Start >= o.Start && End <= o.End;
    public int Overlap(Span o) => Math.Max(0, Math.Min(End, o.End) - Math.Max(Start, o.Start));
}

/// <summary>A coreference mention from <c>coref_tsv</c>.</summary>
public sealed class GumMention
{
    public required int Id { get; init; }
    public required string Type { get; set; }
    public string? Identity { get; set; }
    public int Start { get; set; } = int.MaxValue;
    public int End { get; set; } = -1;
    public Span Span => new(Start, End);
    /// <summary>Mention is a proper name: it holds a PROPN token not covered by a smaller nested mention.</summary>
    public bool Proper { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The proper-name part: first to last uncovered PROPN token (with what lies between).</summary>
    public string Core { get; set; } = "";
    public GumChain? Chain { get; set; }
}

/// <summary>A coreference chain (mentions linked by identity relations).</summary>
public sealed class GumChain
{
    public List<GumMention> Mentions { get; } = [];
    public string Type { get; set; } = "";
    public bool Proper { get; set; }
    /// <summary>README canonical: the Wikipedia identity (decoded, underscores to spaces, disambiguator dropped) or else <see cref="TextName"/>.</summary>
    public string Canonical { get; set; } = "";
    /// <summary>The longest name form written in the text (see <see cref="GumDocument.NameForm"/>), or "" when none.</summary>
    public string TextName { get; set; } = "";
    public bool FromIdentity { get; set; }
    /// <summary>Our schema type: person, organization, location, or null for others.</summary>
    public string? SchemaType => Type switch { "person" => "person", "organization" => "organization", "place" => "location", _ => null };
}

/// <summary>An RST node (segment or group) from <c>rst_rs4</c>.</summary>
public sealed class RstNode
{
    public required string Id { get; init; }
    public string? Parent { get; set; }
    public string Rel { get; set; } = "";
    public bool IsSegment { get; set; }
    public Span Own { get; set; } = new(int.MaxValue, -1);
    public List<RstNode> Children { get; } = [];
    /// <summary>Span of the node and everything attached below it.</summary>
    public Span Full { get; set; } = new(int.MaxValue, -1);
}

/// <summary>A gold quotation.</summary>
public sealed record GumQuote(Span Span, string Text, bool IsScare)
{
    /// <summary>The runs of quoted words inside the span (more than one when the element also covers its attribution).</summary>
    public IReadOnlyList<Span> Inner { get; init; } = [Span];
}

/// <summary>One GUM document with the layers the evaluation needs.</summary>
public sealed partial class GumDocument
{
    public required string Name { get; init; }
    public required string Genre { get; init; }
    public List<GumToken> Tokens { get; } = [];
    /// <summary>Token spans of the paragraphs (headline first).</summary>
    public List<Span> Paragraphs { get; } = [];
    public List<GumQuote> Quotes { get; } = [];
    public List<(Span Span, string Who)> Turns { get; } = [];
    public List<GumMention> Mentions { get; } = [];
    public List<GumChain> Chains { get; } = [];
    public Dictionary<string, RstNode> Rst { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>False when the text has quote marks but no &lt;quote&gt;/&lt;q&gt; element: the quote layer was not annotated there.</summary>
    public bool QuoteLayerAnnotated => Quotes.Count > 0 || !Tokens.Any(t => t.Ptb is "``" or "''" && t.Word is "\"" or "“" or "”");

    /// <summary>Index of the paragraph holding token <paramref name="i"/>, or -1.</summary>
    public int ParagraphOf(int i) => Paragraphs.FindIndex(p => p.Contains(i));

    /// <summary>
    /// Gold quotations under the project schema: GUM splits a quotation wherever it crosses a sentence or paragraph
    /// element and marks each part of one broken by its attribution separately; here consecutive &lt;quote&gt; pieces are
    /// joined when nothing but quote marks lies between them (across a paragraph break only when the first was left open), or when a short attribution (at most 16 tokens, same paragraph)
    /// with the same gold speaker does ("A," he said. "B." → "A B").
    /// </summary>
    public List<(List<GumQuote> Pieces, string Text)> MergedQuotes()
    {
        var res = new List<(List<GumQuote>, string)>();
        List<GumQuote>? cur = null;
        foreach (var q in Quotes.Where(q => !q.IsScare && Text.Tokens(q.Text).Count > 0))
        {
            if (cur != null)
            {
                var a = cur[^1];
                var gap = Enumerable.Range(a.Span.End, Math.Max(0, q.Span.Start - a.Span.End)).Select(k => Tokens[k]).ToList();
                // only quote marks between: a sentence split, or a quotation left open at the end of a paragraph
                var join = q.Span.Start >= a.Span.End && gap.All(IsQuoteMark)
                           && (ParagraphOf(a.Span.End - 1) == ParagraphOf(q.Span.Start) || !(IsDouble(Tokens[a.Span.End - 1]) && Tokens[a.Span.End - 1].Ptb == "''"));
                // a quotation broken by its attribution: the first part ends in punctuation inside the marks, the attribution
                // between has a verb and ends in punctuation right before the second part ("A," he said. "B.")
                var lastInner = Enumerable.Range(a.Span.Start, a.Span.Length).Reverse().Select(k => Tokens[k]).FirstOrDefault(t => !IsQuoteMark(t));
                var brokenShape = gap.Count > 0 && lastInner?.Word is "," or "." or "?" or "!" or "..." && gap[^1].Word is "," or "." or ":" && gap.Any(t => t.Upos == "VERB");
                if (!join && brokenShape && q.Span.Start >= a.Span.End && gap.Count <= 16 && ParagraphOf(a.Span.End - 1) == ParagraphOf(q.Span.Start))
                {
                    var sa = GumSpeakers.Find(this, cur[0]);
                    var sb = GumSpeakers.Find(this, q);
                    join = sb.Name == null || sa.Name == sb.Name;
                }
                if (join) { cur.Add(q); continue; }
                res.Add((cur, string.Join(' ', cur.Select(p => p.Text))));
            }
            cur = [q];
        }
        if (cur != null) res.Add((cur, string.Join(' ', cur.Select(p => p.Text))));
        return res;
    }

    /// <summary>The reconstructed plain text: headline first, paragraphs separated by blank lines.</summary>
    public string PlainText() => string.Join("\n\n", Paragraphs.Select(JoinSpan).Where(s => s.Length > 0)) + "\n";

    public string JoinSpan(Span s) =>
        TokenJoiner.Join(Enumerable.Range(s.Start, s.Length).Select(i => (Tokens[i].Word, (string?)Tokens[i].Ptb, Tokens[i].Glued && i > s.Start)).ToList());

    private static readonly HashSet<string> BlockTags = ["p", "head", "sp", "caption", "item", "l", "list", "figure", "lg"];

    [GeneratedRegex(@"^<(/?)([A-Za-z]+)")]
    private static partial Regex TagRe();

    [GeneratedRegex(@"who=""#?([^""]*)""")]
    private static partial Regex WhoRe();

    /// <summary>Reads <c>xml/NAME.xml</c>, <c>coref_tsv/NAME.tsv</c> and <c>rst_rs4/NAME.rs4</c> under <paramref name="root"/>.</summary>
    public static GumDocument Load(string root, string name)
    {
        var genre = name.Split('_') is { Length: >= 3 } parts ? parts[1] : "other";
        var doc = new GumDocument { Name = name, Genre = genre };
        doc.ReadXml(Path.Combine(root, "xml", name + ".xml"));
        var tsv = Path.Combine(root, "coref_tsv", name + ".tsv");
        if (File.Exists(tsv)) doc.ReadCoref(tsv); else doc.Warnings.Add("no coref_tsv");
        var rs4 = Path.Combine(root, "rst_rs4", name + ".rs4");
        if (File.Exists(rs4)) doc.ReadRst(rs4); else doc.Warnings.Add("no rst_rs4");
        return doc;
    }

    private void ReadXml(string path)
    {
        var paraStart = 0;
        var inW = false;
        var firstInW = false;
        var open = new Stack<(string Tag, int Start, string? Who)>();
        void Break()
        {
            if (Tokens.Count > paraStart) Paragraphs.Add(new Span(paraStart, Tokens.Count));
            paraStart = Tokens.Count;
        }
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var m = TagRe().Match(line);
            if (m.Success && !line.Contains('\t'))
            {
                var closing = m.Groups[1].Value == "/";
                var tag = m.Groups[2].Value;
                var selfClosing = line.EndsWith("/>", StringComparison.Ordinal);
                if (BlockTags.Contains(tag)) Break();
                if (tag == "w") { inW = !closing; firstInW = true; continue; }
                if (tag is "quote" or "q" or "sp")
                {
                    if (!closing && !selfClosing)
                        open.Push((tag, Tokens.Count, tag == "sp" ? WhoRe().Match(line).Groups[1].Value : null));
                    else if (closing && open.Count > 0)
                    {
                        // close the innermost element of this name
                        var tmp = new Stack<(string, int, string?)>();
                        while (open.Count > 0 && open.Peek().Tag != tag) tmp.Push(open.Pop());
                        if (open.Count > 0)
                        {
                            var (t, start, who) = open.Pop();
                            var span = new Span(start, Tokens.Count);
                            if (t == "sp") Turns.Add((span, who ?? ""));
                            else
                            {
                                var (text, inner) = QuoteText(span);
                                Quotes.Add(new GumQuote(span, text, t == "q") { Inner = inner });
                            }
                        }
                        while (tmp.Count > 0) open.Push(tmp.Pop());
                    }
                }
                continue;
            }
            var f = line.Split('\t');
            Tokens.Add(new GumToken(System.Net.WebUtility.HtmlDecode(f[0]), f.Length > 1 ? f[1] : "", f.Length > 4 ? f[4] : "", f.Length > 5 ? f[5] : "", inW && !firstInW));
            firstInW = false;
        }
        Break();
        Quotes.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    private static bool IsQuoteMark(GumToken t) => t.Ptb is "``" or "''" || t.Word is "\"" or "'" or "“" or "”" or "‘" or "’" or "«" or "»";

    /// <summary>Text of a quotation without its outer quote marks.</summary>
    private (string Text, List<Span> Inner) QuoteText(Span s)
    {
        int a = s.Start, b = s.End;
        while (a < b && IsQuoteMark(Tokens[a])) a++;
        while (b > a && IsQuoteMark(Tokens[b - 1])) b--;
        if (a >= b) return ("", [s]);
        // GUM sometimes lets one <quote> run over its own attribution ("A," said Smith. "B."): when the span opens
        // with a double quote mark, keep only what lies inside double marks.
        if (a > s.Start && IsDouble(Tokens[s.Start]))
        {
            var keep = new List<int>();
            var inside = true;
            for (var k = a; k < b; k++)
            {
                if (IsDouble(Tokens[k]) && Tokens[k].Ptb == "''") { inside = false; continue; }
                if (IsDouble(Tokens[k]) && Tokens[k].Ptb == "``") { inside = true; continue; }
                if (inside) keep.Add(k);
            }
            if (keep.Count < b - a && keep.Count > 0)
            {
                var runs = Runs(keep).ToList();
                return (string.Join(' ', runs.Select(JoinSpan)), runs);
            }
        }
        return (JoinSpan(new Span(a, b)), [new Span(a, b)]);
    }

    private static bool IsDouble(GumToken t) => t.Word is "\"" or "“" or "”" or "``" or "''";

    private static IEnumerable<Span> Runs(List<int> idx)
    {
        var start = idx[0];
        for (var i = 1; i <= idx.Count; i++)
            if (i == idx.Count || idx[i] != idx[i - 1] + 1) { yield return new Span(start, idx[i - 1] + 1); if (i < idx.Count) start = idx[i]; }
    }

    [GeneratedRegex(@"^(.*?)\[(\d+)\]$")]
    private static partial Regex ValId();

    [GeneratedRegex(@"^(\d+-\d+)\[(\d+)_(\d+)\]$")]
    private static partial Regex Target();

    /// <summary>GUM identity relations: these link mentions of one referent (bridging, predication and discourse deixis do not).</summary>
    public static readonly HashSet<string> IdentityRelations = ["coref", "ana", "cata", "appos"];

    private void ReadCoref(string path)
    {
        var index = new Dictionary<string, int>();
        var byId = new Dictionary<int, GumMention>();
        var links = new List<(int From, int To)>();
        var i = 0;
        var tsvWords = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length < 10 || f[0].Contains('.')) continue;
            index[f[0]] = i;
            tsvWords.Add(f[2]);
            var types = f[3] == "_" ? [] : f[3].Split('|');
            foreach (var t in types)
            {
                var m = ValId().Match(t);
                if (!m.Success) continue;
                var id = int.Parse(m.Groups[2].Value);
                if (!byId.TryGetValue(id, out var men)) byId[id] = men = new GumMention { Id = id, Type = m.Groups[1].Value };
                men.Start = Math.Min(men.Start, i);
                men.End = Math.Max(men.End, i + 1);
            }
            if (f[6] != "_")
                foreach (var v in f[6].Split('|'))
                {
                    var m = ValId().Match(v);
                    if (m.Success && byId.TryGetValue(int.Parse(m.Groups[2].Value), out var men) && m.Groups[1].Value.Length > 0)
                        men.Identity = m.Groups[1].Value.Replace("\\_", "_");
                }
            if (f[8] != "_" && f[9] != "_")
            {
                var rels = f[8].Split('|');
                var targets = f[9].Split('|');
                for (var k = 0; k < Math.Min(rels.Length, targets.Length); k++)
                {
                    var m = Target().Match(targets[k]);
                    if (!m.Success || !IdentityRelations.Contains(rels[k])) continue;
                    links.Add((int.Parse(m.Groups[3].Value), int.Parse(m.Groups[2].Value)));
                }
            }
            i++;
        }
        if (tsvWords.Count != Tokens.Count)
            Warnings.Add($"coref_tsv has {tsvWords.Count} tokens, xml {Tokens.Count}");
        else
            for (var k = 0; k < tsvWords.Count; k++)
                if (tsvWords[k] != Tokens[k].Word) { Warnings.Add($"token {k} differs: tsv '{tsvWords[k]}' xml '{Tokens[k].Word}'"); break; }

        Mentions.AddRange(byId.Values.Where(m => m.End > m.Start && m.End <= Tokens.Count).OrderBy(m => m.Start).ThenByDescending(m => m.End));
        // union-find over identity links
        var parent = Mentions.ToDictionary(m => m.Id, m => m.Id);
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var (a, b) in links)
            if (parent.ContainsKey(a) && parent.ContainsKey(b)) parent[Find(a)] = Find(b);

        foreach (var men in Mentions)
        {
            men.Text = JoinSpan(men.Span);
            // tokens covered by a strictly smaller mention nested inside this one
            var covered = new bool[men.Span.Length];
            foreach (var o in Mentions)
                if (o != men && o.Span.Inside(men.Span) && o.Span.Length < men.Span.Length)
                    for (var k = o.Start; k < o.End; k++) covered[k - men.Start] = true;
            int first = -1, last = -1;
            for (var k = men.Start; k < men.End; k++)
                if (!covered[k - men.Start] && IsPropn(Tokens[k])) { if (first < 0) first = k; last = k; }
            men.Proper = first >= 0;
            men.Core = first >= 0 ? JoinSpan(new Span(first, last + 1)) : "";
        }
        foreach (var g in Mentions.GroupBy(m => Find(m.Id)))
        {
            var chain = new GumChain();
            chain.Mentions.AddRange(g);
            foreach (var m in g) m.Chain = chain;
            chain.Type = g.GroupBy(m => m.Type).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            var identity = g.Where(m => m.Identity != null).GroupBy(m => m.Identity!).OrderByDescending(x => x.Count()).FirstOrDefault()?.Key;
            var propers = g.Where(m => m.Proper).ToList();
            chain.Proper = propers.Count > 0 || identity != null;
            chain.TextName = propers.Select(m => NameForm(m, chain.Type)).Where(x => x.Length > 0)
                .OrderByDescending(x => Text.Tokens(x).Count).ThenBy(x => x, StringComparer.Ordinal).FirstOrDefault() ?? "";
            if (identity != null) { chain.Canonical = IdentityName(identity); chain.FromIdentity = true; }
            else chain.Canonical = chain.TextName;
            Chains.Add(chain);
        }
    }

    private static bool IsPropn(GumToken t) => t.Upos == "PROPN" || t.Ptb is "NP" or "NPS";

    /// <summary>Wikipedia title as a name: percent-decoded, underscores to spaces, a trailing "(disambiguator)" dropped.</summary>
    public static string IdentityName(string identity)
    {
        string t;
        try { t = Uri.UnescapeDataString(identity); } catch (UriFormatException) { t = identity; }
        return DisambiguatorRe().Replace(t.Replace('_', ' '), "").Trim();
    }

    [GeneratedRegex(@"\s*\([^)]*\)\s*$")]
    private static partial Regex DisambiguatorRe();

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "general", "gen", "colonel", "col", "captain", "capt",
        "president", "prime", "minister", "senator", "sen", "governor", "gov", "rep", "representative", "judge", "justice", "king",
        "queen", "prince", "princess", "lord", "lady", "pope", "saint", "st", "rev", "reverend", "chancellor", "secretary",
        "mayor", "chairman", "director", "commissioner", "ambassador", "lieutenant", "lt", "sergeant", "sgt", "admiral",
        "bishop", "archbishop", "cardinal", "sheikh", "inspector", "detective", "coach", "premier", "vice",
        "deputy", "undersecretary", "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "capt.", "sen.", "gov.", "rep.", "st.", "rev.",
        "lt.", "sgt.", "congressman", "congresswoman", "councillor", "councilor",     };

    /// <summary>
    /// The name written in a proper-name mention. Persons: the last run of uncovered PROPN tokens (hyphens and initials
    /// inside allowed) with leading titles dropped ("former engineer Ann Smith" → "Ann Smith",
    /// "Deputy for Transport Mr. Jones" → "Jones"). Organisations and places: the mention text cut at
    /// the first comma, parenthesis or relative pronoun ("the LA Sheriff's office").
    /// </summary>
    public string NameForm(GumMention m, string type)
    {
        if (!m.Proper) return "";
        var covered = new bool[m.Span.Length];
        foreach (var o in Mentions)
            if (o != m && o.Span.Inside(m.Span) && o.Span.Length < m.Span.Length)
                for (var k = o.Start; k < o.End; k++) covered[k - m.Start] = true;
        if (type == "person")
        {
            int end = -1, start = -1;
            for (var k = m.End - 1; k >= m.Start; k--)
            {
                var ok = !covered[k - m.Start] && (IsPropn(Tokens[k]) || (end >= 0 && Tokens[k].Ptb == "HYPH"));
                if (ok) { if (end < 0) end = k + 1; start = k; }
                else if (end >= 0) break;
            }
            if (end < 0) return m.Core;
            while (end - start > 1 && Titles.Contains(Tokens[start].Word)) start++;
            while (end - start > 1 && Tokens[end - 1].Ptb == "POS") end--;
            return JoinSpan(new Span(start, end));
        }
        return Description(m);
    }

    /// <summary>A mention's text cut at the first comma, parenthesis or relative pronoun (descriptions of unnamed sources).</summary>
    public string Description(GumMention m)
    {
        var stop = m.End;
        for (var k = m.Start + 1; k < m.End; k++)
        {
            if (Tokens[k].Word is "," or "(" or "who" or "which" or "that" or ";" or ":" or "--" or "—" or "–") { stop = k; break; }
            // "... Hall in Springfield": a locative phrase holding its own nested mention ends the name
            if (Tokens[k].Word is "in" or "at" or "near" && Mentions.Any(o => o != m && o.Start == k + 1 && o.End <= m.End)) { stop = k; break; }
        }
        while (stop > m.Start + 1 && Tokens[stop - 1].Ptb == "POS") stop--;
        return JoinSpan(new Span(m.Start, stop));
    }

    private void ReadRst(string path)
    {
        var x = XDocument.Load(path);
        var body = x.Root?.Element("body");
        if (body == null) { Warnings.Add("rs4 without body"); return; }
        var pos = 0;
        foreach (var e in body.Elements())
        {
            var id = (string?)e.Attribute("id");
            if (id == null) continue;
            var node = new RstNode { Id = id, Parent = (string?)e.Attribute("parent"), Rel = (string?)e.Attribute("relname") ?? "", IsSegment = e.Name.LocalName == "segment" };
            if (node.IsSegment)
            {
                var n = e.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                node.Own = new Span(pos, pos + n);
                pos += n;
            }
            Rst[id] = node;
        }
        if (pos != Tokens.Count) Warnings.Add($"rs4 has {pos} tokens, xml {Tokens.Count}");
        foreach (var n in Rst.Values)
            if (n.Parent != null && Rst.TryGetValue(n.Parent, out var p)) p.Children.Add(n);
        Span Full(RstNode n)
        {
            if (n.Full.End >= 0) return n.Full;
            var s = n.Own;
            foreach (var c in n.Children)
            {
                var cs = Full(c);
                if (cs.End >= 0) s = new Span(Math.Min(s.Start, cs.Start), Math.Max(s.End, cs.End));
            }
            n.Full = s;
            return s;
        }
        foreach (var n in Rst.Values) Full(n);
    }

    /// <summary>Names of the documents under <paramref name="root"/>/xml.</summary>
    public static IEnumerable<string> List(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "xml"), "*.xml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);
}

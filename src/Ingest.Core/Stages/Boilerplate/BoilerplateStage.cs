using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Stages;

/// <summary>
/// boilerplate (page): marks blocks the page markup puts outside the article, blocks the line rules of
/// <see cref="BoilerplateRules"/> name, navigation and menus, captions by their credit line or image file, repeats
/// inside the article (a promo at the top and the bottom goes both times), "Related" lists, the page's tail
/// chrome after the last paragraph of running text, and credited photo captions near the top. Header chrome and
/// the publisher template are decided later, by <see cref="HeaderChromeStage"/> and <see cref="TemplateStage"/>.
/// </summary>
public sealed partial class BoilerplateStage : IPipelineStage
{

    private readonly BoilerplateOptions _options;

    /// <summary>Creates the stage.</summary>
    /// <param name="options">Its tunables (<c>Pipeline:Boilerplate</c>); defaults when null.</param>
    public BoilerplateStage(BoilerplateOptions? options = null) => _options = options ?? new BoilerplateOptions();

    /// <inheritdoc />
    public string Name => "boilerplate";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Layers.Blocks, Layers.LineScores };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.PageBoilerplate };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var blocks = document.Get(Layers.Blocks);
        var scores = document.Get(Layers.LineScores);
        // The line classifier ran the line rules over these blocks for its features: their answers, not a second run.
        var rules = scores.RuleReasons.Count == blocks.Count ? scores.RuleReasons : null;
        var marks = new BoilerplateMarks();
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.MarkupReason is { } markup)
                marks.Mark(i, markup);
            else if ((rules is null ? Classify(block) : rules[i]) is { } reason)
                marks.Mark(i, reason);
            else if (BlockShape.IsNavigation(block.Text) || IsGapMenu(block))
                marks.Mark(i, "navigation");
        }

        MarkCaptionsByContext(blocks, marks);
        MarkRepeats(blocks, marks);
        MarkRelatedSections(blocks, marks);
        CutTail(blocks, marks);

        // A short block between two removed blocks goes with them (a name under comment rules, a lone label).
        for (int i = 1; i < blocks.Count - 1; i++)
        {
            if (!marks.Contains(i) && marks.Contains(i - 1) && marks.Contains(i + 1)
                && WordCount(blocks[i].Text) <= _options.MaxSandwichedWords && !EndsSentence(blocks[i].Text))
                marks.Mark(i, marks[i - 1]!);
        }
        MarkCreditedCaptions(blocks, marks);
        document.Set(Layers.PageBoilerplate, _options.LineClassifier && scores.Scored ? WithClassifier(blocks, marks, scores) : marks);
    }

    /// <summary>
    /// The rules' marks weighed against the line classifier (<see cref="BoilerplateOptions.LineClassifier"/>). The body
    /// span runs from the first to the last block of prose the rules keep and the classifier scores at or above
    /// <see cref="BoilerplateOptions.LineClassifierThreshold"/>, grown over the kept prose, finished sentences and list
    /// items next to it (and, at its start, over a subhead with kept prose above it: the lead paragraph before the first
    /// subhead). Blocks the classifier scores below the threshold are removed as <c>classifier</c>, except body
    /// text it is unsure of: inside the span and scored at or above <see cref="BoilerplateOptions.LineClassifierFloor"/>, finished sentences, list items, lines ending in a colon before a kept block
    /// ("The plan includes:") and short lines between two kept paragraphs (subheads); before the span, lines the zones and
    /// publisher stages may read as headline, byline, date or masthead. The rules' context decisions (tail chrome, link
    /// lines, navigation) are dropped for blocks it scores at or above
    /// <see cref="BoilerplateOptions.LineClassifierKeep"/>. When it calls no kept paragraph body, the rules decide alone.
    /// Prose is counted as the classifier counts it (<see cref="LineFeatures.IsProseText"/>: CJK text, written without
    /// spaces, is prose too).
    /// </summary>
    private BoilerplateMarks WithClassifier(BlockList blocks, BoilerplateMarks rules, LineScores scores)
    {
        var p = scores.Body;
        double t = _options.LineClassifierThreshold;
        int n = blocks.Count;
        bool Kept(int i) => i >= 0 && i < n && !rules.Contains(i);
        double floor = _options.LineClassifierFloor;
        bool Anchor(int i) => Kept(i) && p[i] >= t && LineFeatures.IsProseText(blocks[i].Text);
        bool BodyShaped(int i) => Kept(i) && (LineFeatures.IsProseText(blocks[i].Text) || EndsSentence(blocks[i].Text) || blocks[i].Kind == BlockKind.ListItem);
        // A short kept line, as the items of an unbulleted list are ("Feb. 3 at Valley High School").
        bool ListLine(int i) => Kept(i) && WordCount(blocks[i].Text) <= _options.MaxListLineWords;
        // Whether the kept lines before i, back to a lead-in ending in a colon, are all list lines.
        bool FollowsLeadIn(int i)
        {
            for (int j = i - 1; j >= 0 && Kept(j); j--)
            {
                if (blocks[j].Text.EndsWith(':'))
                    return true;
                if (!ListLine(j) && blocks[j].Kind != BlockKind.ListItem)
                    return false;
            }
            return false;
        }
        int start = 0, end = n - 1;
        while (start < n && !Anchor(start))
            start++;
        if (start == n)
            return rules; // It calls no kept paragraph body: it does not know this page, so the rules decide alone.
        while (end >= start && !Anchor(end))
            end--;
        // Grown back over body-shaped blocks, and over a subhead with prose above it (a lead paragraph, then "Group F").
        while (start > 0 && (BodyShaped(start - 1)
                   || start > 1 && IsSubhead(blocks[start - 1].Text) && Kept(start - 1) && Kept(start - 2)
                      && LineFeatures.IsProseText(blocks[start - 2].Text)))
            start--;
        // Grown forward over body-shaped blocks, and over what a story's later sections start with: a subhead the
        // classifier's body follows ("What we know", then "The cause is under investigation.") and a list lead-in before
        // kept lines ("Officials listed three causes:", then the list).
        while (end >= start && end + 1 < n)
        {
            if (BodyShaped(end + 1))
                end++;
            else if (Kept(end + 1) && IsSubhead(blocks[end + 1].Text) && Kept(end + 2) && (p[end + 2] >= t || BodyShaped(end + 2)))
                end += 2;
            else if (Kept(end + 1) && blocks[end + 1].Text.EndsWith(':') && Kept(end + 2) && (BodyShaped(end + 2) || ListLine(end + 2)))
                end += 2;
            else if (ListLine(end + 1) && FollowsLeadIn(end + 1))
                end++;
            else
                break;
        }

        var marks = new BoilerplateMarks();
        for (int i = 0; i < n; i++)
        {
            if (rules[i] is { } reason)
            {
                if (!(p[i] >= _options.LineClassifierKeep && SoftReasons.Contains(reason) && blocks[i].MarkupReason is null))
                    marks.Mark(i, reason);
                continue;
            }
            if (p[i] >= t)
                continue;
            string text = blocks[i].Text;
            bool keep = i >= start && i <= end
                ? p[i] >= floor && (EndsSentence(text) || blocks[i].Kind == BlockKind.ListItem || text.EndsWith(':') && Kept(i + 1)
                  || NearestKeptIsProse(blocks, rules, i, -1) && NearestKeptIsProse(blocks, rules, i, +1)
                  || i > start && i < end && IsSubhead(text) && NearestKeptIsProse(blocks, rules, i, -1) && Kept(i + 1) && p[i + 1] >= t
                  || ListLine(i) && FollowsLeadIn(i))
                : i < start && IsHeaderCandidate(text);
            if (!keep)
                marks.Mark(i, "classifier");
        }
        return marks;
    }

    /// <summary>A one-line subhead: at most <see cref="BlockShape.ProseMinWords"/> + 4 words, no sentence end.</summary>
    private static bool IsSubhead(string text) => WordCount(text) <= BlockShape.ProseMinWords + 4 && !EndsSentence(text);

    /// <summary>Whether the nearest block the rules keep in direction <paramref name="step"/> from <paramref name="i"/> is prose.</summary>
    private static bool NearestKeptIsProse(BlockList blocks, BoilerplateMarks rules, int i, int step)
    {
        for (int j = i + step; j >= 0 && j < blocks.Count; j += step)
            if (!rules.Contains(j))
                return LineFeatures.IsProseText(blocks[j].Text);
        return false;
    }

    /// <summary>A line the zones and publisher stages may read as the headline, a byline, a date line or the masthead: left
    /// to them before the body starts.</summary>
    private static bool IsHeaderCandidate(string text) =>
        BlockShape.IsHeadline(text) || BlockShape.BylineMatch(text).Success || BlockShape.IsDateLine(text) || BlockShape.IsLabel(text)
        || BlockShape.IsNameLabel(text);

    /// <summary>Rule decisions made from a block's context rather than its wording, which a confident classifier overrides.</summary>
    private static readonly HashSet<string> SoftReasons = new(StringComparer.Ordinal) { "footer", "links", "navigation" };

    /// <summary>A line whose wide gaps split it into three or more short items is a menu.</summary>
    private static bool IsGapMenu(Block block) =>
        block.GapSeparatedItems >= 3 && WordCount(block.Text) <= block.GapSeparatedItems * 3 && !EndsSentence(block.Text);

    /// <summary>A block right above a credit line, or right below an image file name, is a caption.</summary>
    private void MarkCaptionsByContext(BlockList blocks, BoilerplateMarks marks)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (marks.Contains(i) || WordCount(blocks[i].Text) > _options.MaxCaptionWords)
                continue;
            bool creditBelow = i + 1 < blocks.Count && marks[i + 1] == "caption" && WordCount(blocks[i + 1].Text) <= _options.MaxCreditWords
                               && !ImageFile().IsMatch(blocks[i + 1].Text) && !CaptionLabel().IsMatch(blocks[i + 1].Text);
            bool imageAbove = i > 0 && marks[i - 1] == "caption" && ImageFile().IsMatch(blocks[i - 1].Text);
            if (creditBelow || imageAbove)
                marks.Mark(i, "caption");
        }
    }

    /// <summary>A short block that recurs, where a rule removed one copy, is boilerplate in every copy.</summary>
    private static void MarkRepeats(BlockList blocks, BoilerplateMarks marks)
    {
        var removed = new Dictionary<string, string>();
        for (int i = 0; i < blocks.Count; i++)
            if (marks[i] is { } reason)
                removed.TryAdd(TextNormalizer.Key(blocks[i].Text), reason);
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!marks.Contains(i) && removed.TryGetValue(TextNormalizer.Key(blocks[i].Text), out var reason))
                marks.Mark(i, reason);
        }
    }

    /// <summary>After a "Related …" heading, the short link titles that follow are removed until running text resumes.</summary>
    private void MarkRelatedSections(BlockList blocks, BoilerplateMarks marks)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (marks[i] != "related" || WordCount(blocks[i].Text) > 6)
                continue;
            for (int j = i + 1; j < blocks.Count; j++)
            {
                if (marks.Contains(j))
                    continue;
                if (WordCount(blocks[j].Text) > _options.MaxRelatedItemWords)
                    break;
                marks.Mark(j, "related");
            }
        }
    }

    /// <summary>
    /// Walks back from the end of the page over chrome (removed blocks, labels, link titles, navigation) and removes it;
    /// stops at the last block of running text. Skipped when it would remove most of the body.
    /// </summary>
    private void CutTail(BlockList blocks, BoilerplateMarks marks)
    {
        int bodyWords = 0;
        for (int i = 0; i < blocks.Count; i++)
            if (!marks.Contains(i))
                bodyWords += WordCount(blocks[i].Text);
        var cut = new List<int>();
        int cutWords = 0;
        for (int i = blocks.Count - 1; i >= 0; i--)
        {
            if (marks.Contains(i))
                continue;
            var b = blocks[i];
            int words = WordCount(b.Text);
            bool chrome = words <= _options.MaxTailChromeWords && !EndsSentence(b.Text) && b.Kind != BlockKind.ListItem
                          || BlockShape.IsNavigation(b.Text) || BlockShape.IsLabel(b.Text);
            if (!chrome)
                break;
            cut.Add(i);
            cutWords += words;
        }
        if (cutWords * 2 > bodyWords)
            return;
        foreach (int i in cut)
            marks.Mark(i, "footer");
    }

    /// <summary>
    /// Photo captions near the top that end with their credit in parentheses ("… on Sunday. (Jane Doe/Harbor Gazette)"):
    /// a finished sentence of five or more words, then the credit.
    /// </summary>
    private void MarkCreditedCaptions(BlockList blocks, BoilerplateMarks marks)
    {
        for (int i = 0; i < Math.Min(blocks.Count, _options.CreditedCaptionScanBlocks); i++)
        {
            string text = blocks[i].Text;
            var credit = BlockShape.TrailingCredit(text);
            if (!marks.Contains(i) && credit.Success && WordCount(text) <= _options.MaxCreditedCaptionWords
                && EndsSentence(text[..credit.Index].TrimEnd()) && WordCount(text[..credit.Index]) >= 5)
                marks.Mark(i, "caption");
        }
    }

    /// <summary>The reason a rule gives for removing <paramref name="block"/>, or null to keep it.</summary>
    internal static string? Classify(Block block)
    {
        string text = block.Text;
        int words = WordCount(text);
        foreach (var rule in BoilerplateRules.Lines)
        {
            if (words <= rule.MaxWords && rule.Pattern.IsMatch(text))
                return rule.Reason;
        }
        if (block.LinkDensity > 0.6 && words <= 25 && block.Kind != BlockKind.ListItem)
            return "links";
        if (block.Kind == BlockKind.Caption)
            return "caption";
        return null;
    }

    internal static int WordCount(string text)
    {
        int n = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool w = !char.IsWhiteSpace(c);
            if (w && !inWord)
                n++;
            inWord = w;
        }
        return n;
    }

    /// <summary>Whether the text ends a sentence: . ! ? … possibly followed by closing quote marks or brackets.</summary>
    internal static bool EndsSentence(string text)
    {
        string t = text.TrimEnd().TrimEnd('"', '”', '“', '’', '‘', '\'', '»', '«', ')', ']', '*', '_');
        return t.Length > 0 && (".!?…".Contains(t[^1]) || t.Length < text.TrimEnd().Length && t[^1] != ',' && text.TrimEnd()[^1] is '”' or '"' or '“' or '»' or '’');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.(jpe?g|png|gif|webp|svg)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ImageFile();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(photo|image|picture|foto|bild|photograph|illustration|video|caption|featured image)\s*[:/]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CaptionLabel();
}

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
        var marks = new BoilerplateMarks();
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.MarkupReason is { } markup)
                marks.Mark(i, markup);
            else if (Classify(block) is { } reason)
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
        var scores = document.Get(Layers.LineScores);
        document.Set(Layers.PageBoilerplate, _options.LineClassifier && scores.Scored ? WithClassifier(blocks, marks, scores) : marks);
    }

    /// <summary>
    /// The rules' marks weighed against the line classifier (<see cref="BoilerplateOptions.LineClassifier"/>): blocks it
    /// scores below <see cref="BoilerplateOptions.LineClassifierThreshold"/> are removed as <c>classifier</c>, except, before
    /// the first block of prose it calls body, lines the zones stage may read as headline, byline or date; and the
    /// rules' context decisions (tail chrome, link lines, short blocks between removed ones) are dropped for blocks it
    /// scores at or above <see cref="BoilerplateOptions.LineClassifierKeep"/>.
    /// </summary>
    private BoilerplateMarks WithClassifier(BlockList blocks, BoilerplateMarks rules, LineScores scores)
    {
        var p = scores.Body;
        int start = 0;
        while (start < blocks.Count && !(p[start] >= _options.LineClassifierThreshold && BlockShape.IsProse(blocks[start].Text)))
            start++;
        var marks = new BoilerplateMarks();
        for (int i = 0; i < blocks.Count; i++)
        {
            if (rules[i] is { } reason)
            {
                if (!(p[i] >= _options.LineClassifierKeep && SoftReasons.Contains(reason) && blocks[i].MarkupReason is null))
                    marks.Mark(i, reason);
            }
            else if (p[i] < _options.LineClassifierThreshold && (i >= start || !IsHeaderCandidate(blocks[i].Text)))
                marks.Mark(i, "classifier");
        }
        return marks;
    }

    /// <summary>A line the zones stage may read as the headline, a byline or a date line: left to it before the body starts.</summary>
    private static bool IsHeaderCandidate(string text) =>
        BlockShape.IsHeadline(text) || BlockShape.BylineMatch(text).Success || BlockShape.IsDateLine(text);

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

using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Stages;

/// <summary>
/// strip boilerplate: classifies each block by the line rules of <see cref="BoilerplateRules"/>, the
/// publisher's learnt template lines, and repetition inside the article (a block that occurs twice, as a
/// promo at the top and the bottom does, is boilerplate both times). Runs of chrome at the end of the page
/// (after the last long paragraph) are cut as a tail.
/// </summary>
public sealed partial class BoilerplateStage : IPipelineStage
{
    /// <summary>Blocks of up to this many words may be template lines of a publisher.</summary>
    internal const int TemplateMaxWords = 40;

    public string Name => "boilerplate";
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Annotations.Blocks };
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Annotations.Boilerplate };

    /// <summary>A credit line under a caption has at most this many words ("Shutterstock", "AP Photo/Jane Doe").</summary>
    internal const int MaxCreditWords = 5;
    /// <summary>Captions have at most this many words.</summary>
    internal const int MaxCaptionWords = 60;
    /// <summary>After a "Related" heading, blocks up to this many words are link titles.</summary>
    internal const int MaxRelatedItemWords = 20;
    /// <summary>Chrome at the end of a page: blocks up to this many words that do not end a sentence.</summary>
    internal const int MaxTailChromeWords = 16;

    public void Process(ArticleDocument document)
    {
        var blocks = document.Blocks;
        foreach (var block in blocks)
        {
            if (block.Role != BlockRole.Body)
                continue;
            if (Classify(block) is { } reason)
                block.MarkBoilerplate(reason);
            else if (BlockShape.IsNavigation(block.Text) || IsGapMenu(block))
                block.MarkBoilerplate("navigation");
            else if (document.TemplateLines is { Count: > 0 } template && WordCount(block.Text) <= TemplateMaxWords
                     && template.Contains(TemplateKey(block.Text)))
                block.MarkBoilerplate("template");
        }

        MarkCaptionsByContext(blocks);
        MarkRepeats(blocks);
        MarkRelatedSections(blocks);
        CutTail(blocks);

        // A short block between two removed blocks goes with them (a name under comment rules, a lone label).
        for (int i = 1; i < blocks.Count - 1; i++)
        {
            if (blocks[i].Role == BlockRole.Body && blocks[i - 1].Role == BlockRole.Boilerplate && blocks[i + 1].Role == BlockRole.Boilerplate
                && WordCount(blocks[i].Text) <= 12 && !EndsSentence(blocks[i].Text))
                blocks[i].MarkBoilerplate(blocks[i - 1].Reason ?? "chrome");
        }
    }

    /// <summary>A line whose wide gaps split it into three or more short items is a menu.</summary>
    private static bool IsGapMenu(Block block) =>
        block.GapSeparatedItems >= 3 && WordCount(block.Text) <= block.GapSeparatedItems * 3 && !EndsSentence(block.Text);

    /// <summary>A block right above a credit line, or right below an image file name, is a caption.</summary>
    private static void MarkCaptionsByContext(List<Block> blocks)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Role != BlockRole.Body || WordCount(b.Text) > MaxCaptionWords)
                continue;
            bool creditBelow = i + 1 < blocks.Count && blocks[i + 1].Reason == "caption" && WordCount(blocks[i + 1].Text) <= MaxCreditWords
                               && !ImageFile().IsMatch(blocks[i + 1].Text) && !CaptionLabel().IsMatch(blocks[i + 1].Text);
            bool imageAbove = i > 0 && blocks[i - 1].Reason == "caption" && ImageFile().IsMatch(blocks[i - 1].Text);
            if (creditBelow || imageAbove)
                b.MarkBoilerplate("caption");
        }
    }

    /// <summary>A short block that recurs, where a rule removed one copy, is boilerplate in every copy.</summary>
    private static void MarkRepeats(List<Block> blocks)
    {
        var removed = new Dictionary<string, string>();
        foreach (var b in blocks.Where(b => b.Role == BlockRole.Boilerplate))
            removed.TryAdd(TemplateKey(b.Text), b.Reason!);
        foreach (var block in blocks)
        {
            if (block.Role == BlockRole.Body && removed.TryGetValue(TemplateKey(block.Text), out var reason))
                block.MarkBoilerplate(reason);
        }
    }

    /// <summary>After a "Related …" heading, the short link titles that follow are removed until running text resumes.</summary>
    private static void MarkRelatedSections(List<Block> blocks)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Reason != "related" || WordCount(blocks[i].Text) > 6)
                continue;
            for (int j = i + 1; j < blocks.Count; j++)
            {
                var b = blocks[j];
                if (b.Role == BlockRole.Boilerplate)
                    continue;
                if (b.Role != BlockRole.Body || WordCount(b.Text) > MaxRelatedItemWords)
                    break;
                b.MarkBoilerplate("related");
            }
        }
    }

    /// <summary>
    /// Walks back from the end of the page over chrome (removed blocks, labels, link titles, navigation) and removes it;
    /// stops at the last block of running text. Skipped when it would remove most of the body.
    /// </summary>
    private static void CutTail(List<Block> blocks)
    {
        int bodyWords = blocks.Where(b => b.Role == BlockRole.Body).Sum(b => WordCount(b.Text));
        var cut = new List<Block>();
        for (int i = blocks.Count - 1; i >= 0; i--)
        {
            var b = blocks[i];
            if (b.Role == BlockRole.Boilerplate)
                continue;
            if (b.Role != BlockRole.Body)
                break;
            int words = WordCount(b.Text);
            bool chrome = words <= MaxTailChromeWords && !EndsSentence(b.Text) && b.Kind != BlockKind.ListItem
                          || BlockShape.IsNavigation(b.Text) || BlockShape.IsLabel(b.Text);
            if (!chrome)
                break;
            cut.Add(b);
        }
        if (cut.Sum(b => WordCount(b.Text)) * 2 > bodyWords)
            return;
        foreach (var b in cut)
            b.MarkBoilerplate("footer");
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

    /// <summary>Normalized key of a line, as the template memory stores it (see <see cref="TextNormalizer.Key"/>).</summary>
    public static string TemplateKey(string text) => TextNormalizer.Key(text);

    /// <summary>Keys of the article's short blocks, each once: what the template memory counts per publisher.</summary>
    public static IReadOnlyList<string> TemplateCandidates(ArticleDocument document) =>
        document.Blocks.Where(b => WordCount(b.Text) <= TemplateMaxWords).Select(b => TemplateKey(b.Text))
            .Where(k => k.Length >= 8).Distinct().ToList();

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

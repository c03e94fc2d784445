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
public sealed class BoilerplateStage : IPipelineStage
{
    /// <summary>Blocks of up to this many words may be template lines of a publisher.</summary>
    internal const int TemplateMaxWords = 40;

    public string Name => "boilerplate";
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey> { Annotations.Blocks };
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Annotations.Boilerplate };

    public void Process(ArticleDocument document)
    {
        var blocks = document.Blocks;
        foreach (var block in blocks)
        {
            if (block.Role != BlockRole.Body)
                continue;
            if (Classify(block) is { } reason)
                block.MarkBoilerplate(reason);
            else if (document.TemplateLines is { Count: > 0 } template && WordCount(block.Text) <= TemplateMaxWords
                     && template.Contains(TemplateKey(block.Text)))
                block.MarkBoilerplate("template");
        }

        // Repeated blocks: a short block that recurs and a rule removed once is boilerplate everywhere.
        var removed = blocks.Where(b => b.Role == BlockRole.Boilerplate).GroupBy(b => TemplateKey(b.Text))
            .ToDictionary(g => g.Key, g => g.First().Reason!);
        foreach (var block in blocks)
        {
            if (block.Role == BlockRole.Body && removed.TryGetValue(TemplateKey(block.Text), out var reason))
                block.MarkBoilerplate(reason);
        }

        // Comment rules, licence notes and comment prompts close the article: a short block between two of them goes too.
        for (int i = 1; i < blocks.Count - 1; i++)
        {
            if (blocks[i].Role == BlockRole.Body && blocks[i - 1].Role == BlockRole.Boilerplate && blocks[i + 1].Role == BlockRole.Boilerplate
                && WordCount(blocks[i].Text) <= 12 && !EndsSentence(blocks[i].Text))
                blocks[i].MarkBoilerplate(blocks[i - 1].Reason ?? "chrome");
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
        if (block.LinkDensity > 0.6 && words <= 25)
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

    internal static bool EndsSentence(string text) => text.Length > 0 && ".!?\"”’)".Contains(text[^1]);
}

using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// template: removes the lines of the publisher's learnt template (lines the publisher-template memory has seen in
/// several of its articles, <see cref="Abstractions.ITemplateMemory"/>) from the blocks still left in the body. The
/// publisher is known by then (the publisher stage), so one pipeline run per article is enough. Without a memory on
/// the document (the CLI's <c>extract</c>) or a publisher, the layer is empty. It never takes most of the body: when
/// the learnt lines would remove half of the body's words or more, the article is a copy of one the memory learnt
/// from (a re-upload under another name), not the publisher's template, and nothing is removed.
/// </summary>
public sealed class TemplateStage : IAsyncPipelineStage
{
    private readonly TemplateOptions _options;

    /// <summary>Creates the stage.</summary>
    /// <param name="options">Its tunables (<c>Pipeline:Template</c>); defaults when null.</param>
    public TemplateStage(TemplateOptions? options = null) => _options = options ?? new TemplateOptions();

    /// <summary>The stage's tunables.</summary>
    public TemplateOptions Options => _options;
    /// <summary>Keys shorter than this many characters are not learnt (labels such as "share" are for the rules).</summary>
    internal const int MinKeyLength = 8;

    /// <summary>
    /// Key of a line as the template memory stores it: letters and digits, lower case, single spaces. Digits are kept
    /// so that lines differing only in numbers ("day 3 of the trial", "day 4 of the trial") are different lines.
    /// </summary>
    /// <param name="text">The block's text.</param>
    public static string TemplateKey(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char c in TextNormalizer.Normalize(text))
        {
            if (char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
            else if (c == ' ' && sb.Length > 0 && sb[^1] != ' ')
                sb.Append(' ');
        }
        return sb.ToString().Trim();
    }

    /// <summary>Keys of the article's short blocks, each once: what the template memory counts per publisher.</summary>
    /// <param name="blocks">The article's blocks.</param>
    /// <param name="maxWords">Longest block counted, in words (<see cref="TemplateOptions.MaxWords"/>).</param>
    public static IReadOnlyList<string> TemplateCandidates(IEnumerable<Block> blocks, int maxWords) =>
        blocks.Where(b => BoilerplateStage.WordCount(b.Text) <= maxWords).Select(b => TemplateKey(b.Text))
            .Where(k => k.Length >= MinKeyLength).Distinct().ToList();

    /// <inheritdoc />
    public string Name => "template";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>
    {
        Layers.Blocks, Layers.PageBoilerplate, Layers.HeaderBoilerplate, Layers.Zones, Layers.Publisher,
    };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.TemplateBoilerplate };

    /// <inheritdoc />
    public void Process(ArticleDocument document) => ProcessAsync(document, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask ProcessAsync(ArticleDocument document, CancellationToken cancellationToken)
    {
        var marks = new BoilerplateMarks();
        var blocks = document.Get(Layers.Blocks);
        var page = document.Get(Layers.PageBoilerplate);
        var header = document.Get(Layers.HeaderBoilerplate);
        var zones = document.Get(Layers.Zones);
        if (document.TemplateMemory is { } memory && document.Get(Layers.Publisher).Name is { } publisher)
        {
            var lines = await memory.GetTemplateLinesAsync(publisher, cancellationToken).ConfigureAwait(false);
            var found = new List<int>();
            int bodyWords = 0, foundWords = 0;
            for (int i = 0; i < blocks.Count && lines.Count > 0; i++)
            {
                if (page.Contains(i) || header.Contains(i) || zones.RoleOf(i) != BlockRole.Body)
                    continue;
                int words = BoilerplateStage.WordCount(blocks[i].Text);
                bodyWords += words;
                if (words <= _options.MaxWords && lines.Contains(TemplateKey(blocks[i].Text)))
                {
                    found.Add(i);
                    foundWords += words;
                }
            }
            if (foundWords < bodyWords * _options.MaxBodyShare)
                foreach (int i in found)
                    marks.Mark(i, "template");
        }
        document.Set(Layers.TemplateBoilerplate, marks);
    }
}

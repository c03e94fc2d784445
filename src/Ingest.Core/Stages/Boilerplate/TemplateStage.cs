using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// template: removes the lines of the publisher's learnt template (lines the publisher-template memory has seen in
/// several of its articles, <see cref="Abstractions.ITemplateMemory"/>) from the blocks still left in the body. The
/// publisher is known by then (the publisher stage), so one pipeline run per article is enough. Without a memory on
/// the document (the CLI's <c>extract</c>) or a publisher, the layer is empty. Safe by construction: it never removes a
/// block the line classifier calls body (scored at or above <see cref="TemplateOptions.KeepScore"/>); it never takes most
/// of the body (when the learnt lines would remove half of the body's words or more, the article is a copy of one the
/// memory learnt from, a re-upload under another name, not the publisher's template, and nothing is removed); and a
/// memory that fails (storage down, throttled) removes nothing rather than failing the article. The memory learns only
/// from chrome (<see cref="TemplateCandidates(ArticleDocument, TemplateOptions)"/>).
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

    /// <summary>
    /// Keys of the article's short chrome blocks, each once: what the template memory counts per publisher. A block is
    /// chrome when the line classifier scores it below <see cref="TemplateOptions.KeepScore"/> (text dumps, whose blocks
    /// it scores) or, where there are no scores (HTML, JSON, Markdown), when the boilerplate or header-chrome rules
    /// removed it. Blocks the template itself removed are not counted again, so a learnt line is forgotten once the
    /// publisher's articles stop carrying it as chrome. Body lines are never learnt, so a sentence that recurs in a
    /// publisher's articles (a quote, a standing disclosure the classifier reads as body) never becomes template.
    /// </summary>
    /// <param name="document">The document after the pipeline ran (blocks, line scores, boilerplate marks).</param>
    /// <param name="options">The template options (<see cref="TemplateOptions.MaxWords"/>, <see cref="TemplateOptions.KeepScore"/>).</param>
    public static IReadOnlyList<string> TemplateCandidates(ArticleDocument document, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var blocks = document.Get(Layers.Blocks);
        var scores = document.Find(Layers.LineScores) ?? LineScores.None;
        var page = document.Find(Layers.PageBoilerplate);
        var header = document.Find(Layers.HeaderBoilerplate);
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < blocks.Count; i++)
        {
            bool chrome = scores.Scored
                ? scores.Body[i] < options.KeepScore
                : page?.Contains(i) == true || header?.Contains(i) == true;
            if (!chrome || BoilerplateStage.WordCount(blocks[i].Text) > options.MaxWords)
                continue;
            string key = TemplateKey(blocks[i].Text);
            if (key.Length >= MinKeyLength && seen.Add(key))
                keys.Add(key);
        }
        return keys;
    }

    /// <inheritdoc />
    public string Name => "template";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>
    {
        Layers.Blocks, Layers.LineScores, Layers.PageBoilerplate, Layers.HeaderBoilerplate, Layers.Zones, Layers.Publisher,
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
        var scores = document.Get(Layers.LineScores);
        if (document.TemplateMemory is { } memory && document.Get(Layers.Publisher).Name is { } publisher
            && await TryGetLinesAsync(memory, publisher, cancellationToken).ConfigureAwait(false) is { Count: > 0 } lines)
        {
            var found = new List<int>();
            int bodyWords = 0, foundWords = 0;
            for (int i = 0; i < blocks.Count; i++)
            {
                if (page.Contains(i) || header.Contains(i) || zones.RoleOf(i) != BlockRole.Body)
                    continue;
                int words = BoilerplateStage.WordCount(blocks[i].Text);
                bodyWords += words;
                bool body = scores.Scored && scores.Body[i] >= _options.KeepScore;
                if (!body && words <= _options.MaxWords && lines.Contains(TemplateKey(blocks[i].Text)))
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

    /// <summary>
    /// The publisher's learnt lines, or null when the memory fails: the template is an optimisation, so a storage error,
    /// a timeout or a bug in the memory costs the article its template removal, never the article. Cancellation of
    /// <paramref name="cancellationToken"/> still ends the run.
    /// </summary>
    private static async ValueTask<IReadOnlySet<string>?> TryGetLinesAsync(Abstractions.ITemplateMemory memory, string publisher,
        CancellationToken cancellationToken)
    {
        try
        {
            return await memory.GetTemplateLinesAsync(publisher, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}

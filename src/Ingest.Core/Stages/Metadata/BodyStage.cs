using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// body: the article text is what no boilerplate layer removed and no header zone took. A file with none is rejected:
/// it holds only a headline, metadata or page chrome. So is a file whose body is too short to be an article (fewer
/// than <see cref="BodyOptions.MinWords"/> words or <see cref="BodyOptions.MinLetters"/> letters).
/// </summary>
public sealed class BodyStage : IPipelineStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="options">Its tunables (<c>Pipeline:Body</c>); defaults when null.</param>
    public BodyStage(BodyOptions? options = null) => Options = options ?? new BodyOptions();

    /// <summary>The stage's tunables.</summary>
    public BodyOptions Options { get; }

    /// <inheritdoc />
    public string Name => "body";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>
    {
        Layers.Blocks, Layers.PageBoilerplate, Layers.Zones, Layers.HeaderBoilerplate, Layers.TemplateBoilerplate,
    };
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Body };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var blocks = document.Get(Layers.Blocks);
        var roles = Roles(document);
        var indices = new List<int>();
        for (int i = 0; i < blocks.Count; i++)
            if (roles.IsBody(i))
                indices.Add(i);
        if (indices.Count == 0)
            throw new ArticleRejectedException(
                "No article text was found: the file holds only a headline, metadata or page chrome (cookie notices, menus, promos).");
        int words = indices.Sum(i => BoilerplateStage.WordCount(blocks[i].Text));
        int letters = indices.Sum(i => blocks[i].Text.Count(char.IsLetter));
        if (words < Options.MinWords)
            throw new ArticleRejectedException(
                $"The file is too short to be an article: {words} {(words == 1 ? "word" : "words")} of article text (at least {Options.MinWords} needed).");
        if (letters < Options.MinLetters)
            throw new ArticleRejectedException(
                $"The file is too short to be an article: {words} words but {letters} letters of article text (at least {Options.MinLetters} needed).");
        document.Set(Layers.Body, new BodyText(indices, indices.Select(i => blocks[i]).ToList()));
    }

    /// <summary>The final roles: header zones over the page, header and template boilerplate layers.</summary>
    /// <param name="document">A document whose zones and boilerplate layers are written.</param>
    public static BlockRoles Roles(ArticleDocument document) => new(document.Get(Layers.Zones),
        document.Get(Layers.PageBoilerplate), document.Get(Layers.HeaderBoilerplate), document.Get(Layers.TemplateBoilerplate));
}

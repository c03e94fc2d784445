namespace Ingest.Core.Pipeline;

/// <summary>
/// Names one layer of annotation on an <see cref="Document.ArticleDocument"/> (CoreNLP's annotation keys, spaCy's
/// <c>assigns</c>/<c>requires</c>). Stages declare the keys they read and write; <see cref="PipelineBuilder.Build"/>
/// checks the order and <see cref="Pipeline"/> checks each access while a stage runs.
/// </summary>
/// <param name="Name">Unique, lower-case name of the layer ("blocks", "boilerplate.page").</param>
public record AnnotationKey(string Name)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>An <see cref="AnnotationKey"/> whose layer holds a value of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The layer's value type, e.g. <see cref="Document.BoilerplateMarks"/>.</typeparam>
/// <param name="Name">Unique name of the layer.</param>
public sealed record Layer<T>(string Name) : AnnotationKey(Name) where T : class
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

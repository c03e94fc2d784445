using Ingest.Core.Pipeline;

namespace Ingest.Core.Document;

/// <summary>
/// Base of a layer value that stages extend in place (hints, boilerplate marks). Every change goes through
/// <see cref="EnsureWritable"/>, so the pipeline can refuse a change by a stage that did not declare the layer.
/// </summary>
public abstract class LayerData
{
    private ArticleDocument? _owner;
    private AnnotationKey? _key;

    internal void Attach(ArticleDocument owner, AnnotationKey key)
    {
        _owner = owner;
        _key = key;
    }

    /// <summary>Throws unless the running stage (if any) declares this layer in its writes.</summary>
    /// <exception cref="PipelineContractException">The running stage does not write this layer.</exception>
    protected void EnsureWritable()
    {
        if (_owner is not null && _key is not null)
            _owner.CheckWrite(_key);
    }
}

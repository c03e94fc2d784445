using Ingest.Core.Abstractions;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Document;

/// <summary>
/// The one document every stage reads and writes (spaCy's <c>Doc</c>, CoreNLP's <c>Annotation</c>): the raw file and
/// its typed layers (<see cref="Layers"/>). While a stage runs under a contract-checking pipeline, reading a layer the
/// stage did not declare, writing one it did not declare, or replacing a layer throws <see cref="PipelineContractException"/>.
/// Not thread-safe: one document belongs to one pipeline run.
/// </summary>
public sealed partial class ArticleDocument
{
    private readonly Dictionary<AnnotationKey, object> _layers = [];
    private readonly Dictionary<AnnotationKey, string> _writers = [];
    private IPipelineStage? _stage;
    private bool _enforce;

    /// <summary>Creates a document over raw file bytes.</summary>
    /// <param name="source">Where the bytes came from; the file extension of <see cref="SourceRef.Name"/> hints the format.</param>
    /// <param name="raw">The file's bytes as stored.</param>
    /// <param name="templateMemory">The publisher-template memory the template stage asks, or null for none.</param>
    public ArticleDocument(SourceRef source, ReadOnlyMemory<byte> raw, ITemplateMemory? templateMemory = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Raw = raw;
        TemplateMemory = templateMemory;
        ContentHash = ArticleIds.ContentHash(raw.Span);
    }

    /// <summary>Where the bytes came from.</summary>
    public SourceRef Source { get; }
    /// <summary>The file's bytes as stored.</summary>
    public ReadOnlyMemory<byte> Raw { get; }
    /// <summary>SHA-256 of <see cref="Raw"/>, lowercase hex.</summary>
    public string ContentHash { get; }
    /// <summary>The publisher-template memory, or null when the run has none (the CLI's <c>extract</c>).</summary>
    public ITemplateMemory? TemplateMemory { get; }

    /// <summary>Names of the layers written so far.</summary>
    public IReadOnlyCollection<AnnotationKey> Annotations => _layers.Keys;

    /// <summary>Whether <paramref name="layer"/> has been written.</summary>
    /// <param name="layer">The layer.</param>
    public bool Has(AnnotationKey layer) => _layers.ContainsKey(layer);

    /// <summary>Reads a layer.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="PipelineContractException">The running stage does not declare the layer, or no stage wrote it yet.</exception>
    public T Get<T>(Layer<T> layer) where T : class
    {
        CheckRead(layer);
        return _layers.TryGetValue(layer, out var value)
            ? (T)value
            : throw new PipelineContractException($"Layer '{layer}' has not been written{(_stage is null ? "" : $" before stage '{_stage.Name}'")}.");
    }

    /// <summary>Reads a layer that may be absent (optional inputs of a stage).</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>Its value, or null when no stage wrote it.</returns>
    /// <exception cref="PipelineContractException">The running stage does not declare the layer.</exception>
    public T? Find<T>(Layer<T> layer) where T : class
    {
        CheckRead(layer);
        return _layers.TryGetValue(layer, out var value) ? (T)value : null;
    }

    /// <summary>Writes a layer once.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="value">Its value.</param>
    /// <exception cref="PipelineContractException">The running stage does not declare the layer, or it is already written.</exception>
    public void Set<T>(Layer<T> layer, T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckWrite(layer);
        if (_layers.ContainsKey(layer))
            throw new PipelineContractException($"Layer '{layer}' was written by '{_writers[layer]}'; {Who} may not replace it.");
        _layers[layer] = value;
        _writers[layer] = _stage?.Name ?? "(outside the pipeline)";
        if (value is LayerData data)
            data.Attach(this, layer);
    }

    /// <summary>The layer to extend: its value, created empty when no stage wrote it yet (layers with several writers).</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="PipelineContractException">The running stage does not declare the layer in its writes.</exception>
    public T Extend<T>(Layer<T> layer) where T : LayerData, new()
    {
        CheckWrite(layer);
        if (_layers.TryGetValue(layer, out var value))
            return (T)value;
        var created = new T();
        Set(layer, created);
        return created;
    }

    /// <summary>Adds a hint (see <see cref="HintSet.Add"/>) to <see cref="Layers.Hints"/>.</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    /// <param name="value">The value, or null.</param>
    public void AddHint(string key, string? value) => Extend(Layers.Hints).Add(key, value);

    /// <summary>First hint value for <paramref name="key"/>, or null (also when no stage wrote hints).</summary>
    /// <param name="key">A <see cref="HintKeys"/> name.</param>
    public string? Hint(string key) => Find(Layers.Hints)?.First(key);

    private string Who => _stage is null ? "code outside the pipeline" : $"stage '{_stage.Name}'";

    internal void EnterStage(IPipelineStage stage, bool enforce)
    {
        _stage = stage;
        _enforce = enforce;
    }

    internal void LeaveStage(IPipelineStage stage)
    {
        foreach (var key in stage.Produces)
            if (!_layers.ContainsKey(key))
                throw new PipelineContractException($"Stage '{stage.Name}' declares {key} but did not write it.");
        _stage = null;
    }

    internal void AbandonStage() => _stage = null;

    private void CheckRead(AnnotationKey layer)
    {
        if (_enforce && _stage is { } s && !s.Requires.Contains(layer) && !s.Produces.Contains(layer))
            throw new PipelineContractException($"Stage '{s.Name}' read {layer}, which it does not declare in Requires.");
    }

    internal void CheckWrite(AnnotationKey layer)
    {
        if (_enforce && _stage is { } s && !s.Produces.Contains(layer))
            throw new PipelineContractException($"Stage '{s.Name}' wrote {layer}, which it does not declare in Produces.");
    }
}

namespace Ingest.Core.Document;

/// <summary>
/// The line classifier's reading of a text dump (<see cref="Layers.LineScores"/>): for each block, the probability (0-1)
/// that it is article body rather than page chrome. Empty when the file is not a plain-text dump (HTML, JSON, Markdown)
/// or no weights are embedded; then no stage may act on it.
/// </summary>
public sealed class LineScores
{
    /// <summary>No scores (the file is not a text dump).</summary>
    public static LineScores None { get; } = new([]);

    /// <summary>Creates the layer.</summary>
    /// <param name="body">One probability per block of <see cref="Layers.Blocks"/>, in order; copied.</param>
    public LineScores(IEnumerable<double> body) => Body = [.. body];

    /// <summary>Body probability of each block, by block index; empty when the file was not scored.</summary>
    public IReadOnlyList<double> Body { get; }

    /// <summary>Whether the blocks were scored.</summary>
    public bool Scored => Body.Count > 0;
}

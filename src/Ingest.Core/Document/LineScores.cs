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

    /// <summary>
    /// The line rules' reason for each block as the boilerplate stage's rule check gives it (null: no rule), by block index:
    /// the classifier computes them for its features, and the boilerplate stage reuses them instead of matching the ~100
    /// rule patterns a second time. Empty when not scored; then the boilerplate stage matches the rules itself.
    /// </summary>
    public IReadOnlyList<string?> RuleReasons { get; init; } = [];

    /// <summary>Whether the blocks were scored.</summary>
    public bool Scored => Body.Count > 0;
}

namespace Ingest.Core.Document;

/// <summary>
/// One stage's boilerplate decisions: block index → reason. Append-only: a block marked once keeps its first reason.
/// The record lists every marked block of all boilerplate layers with the reason of the earliest layer that marked it.
/// </summary>
public sealed class BoilerplateMarks : LayerData
{
    private readonly Dictionary<int, string> _reasons = [];

    /// <summary>Number of marked blocks.</summary>
    public int Count => _reasons.Count;

    /// <summary>Marks block <paramref name="index"/> with <paramref name="reason"/> unless it is already marked.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    /// <param name="reason">A short rule name ("promo", "caption", "template").</param>
    public void Mark(int index, string reason)
    {
        EnsureWritable();
        _reasons.TryAdd(index, reason);
    }

    /// <summary>The reason block <paramref name="index"/> was marked with, or null.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public string? this[int index] => _reasons.GetValueOrDefault(index);

    /// <summary>Whether block <paramref name="index"/> is marked.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public bool Contains(int index) => _reasons.ContainsKey(index);

    /// <summary>The reason of the first of <paramref name="layers"/> (null entries skipped) that marked block <paramref name="index"/>, or null.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    /// <param name="layers">Boilerplate layers in pipeline order.</param>
    public static string? ReasonOf(int index, params ReadOnlySpan<BoilerplateMarks?> layers)
    {
        foreach (var layer in layers)
            if (layer?[index] is { } reason)
                return reason;
        return null;
    }
}

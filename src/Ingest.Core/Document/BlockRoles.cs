namespace Ingest.Core.Document;

/// <summary>
/// The role of each block as a set of layers decides it: a header zone role wins (a byline that a rule also matched
/// is a byline), then any boilerplate layer's mark, else body. Used by the stages after the header is read and by the
/// record builder; it holds the layers it was given, not copies.
/// </summary>
/// <param name="zones">The header zones, or null before the zones stage.</param>
/// <param name="marks">Boilerplate layers in pipeline order (null entries skipped).</param>
public sealed class BlockRoles(HeaderZones? zones, params BoilerplateMarks?[] marks)
{
    /// <summary>Role of block <paramref name="index"/>.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public BlockRole RoleOf(int index)
    {
        var zone = zones?.RoleOf(index) ?? BlockRole.Body;
        if (zone != BlockRole.Body)
            return zone;
        return BoilerplateMarks.ReasonOf(index, marks) is null ? BlockRole.Body : BlockRole.Boilerplate;
    }

    /// <summary>The boilerplate reason of block <paramref name="index"/> when its role is <see cref="BlockRole.Boilerplate"/>, else null.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public string? BoilerplateReason(int index) =>
        (zones?.RoleOf(index) ?? BlockRole.Body) == BlockRole.Body ? BoilerplateMarks.ReasonOf(index, marks) : null;

    /// <summary>Whether block <paramref name="index"/> is body text.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public bool IsBody(int index) => RoleOf(index) == BlockRole.Body;

    /// <summary>Whether block <paramref name="index"/> is boilerplate.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public bool IsBoilerplate(int index) => RoleOf(index) == BlockRole.Boilerplate;
}

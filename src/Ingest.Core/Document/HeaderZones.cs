namespace Ingest.Core.Document;

/// <summary>
/// What the page header says and where it is: the header role of each block (headline, dek, bylines, date lines,
/// source markers), where the body starts, and the facts read from those lines. Written once by the zones stage.
/// </summary>
public sealed class HeaderZones : LayerData
{
    private readonly BlockRole[] _roles;
    private readonly string?[] _reasons;

    /// <summary>Creates zones for <paramref name="blockCount"/> blocks, all <see cref="BlockRole.Body"/>.</summary>
    /// <param name="blockCount">Number of blocks in <see cref="Layers.Blocks"/>.</param>
    public HeaderZones(int blockCount)
    {
        _roles = new BlockRole[blockCount];
        _reasons = new string?[blockCount];
    }

    /// <summary>The header role of block <paramref name="index"/> (<see cref="BlockRole.Body"/> when it has none).</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public BlockRole RoleOf(int index) => _roles[index];

    /// <summary>Why a <see cref="BlockRole.Byline"/> block has its role ("byline", "date"), or null.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    public string? ReasonOf(int index) => _reasons[index];

    /// <summary>Gives block <paramref name="index"/> a header role.</summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    /// <param name="role">The role.</param>
    /// <param name="reason">For bylines: "byline" or "date"; else null.</param>
    public void SetRole(int index, BlockRole role, string? reason = null)
    {
        EnsureWritable();
        _roles[index] = role;
        _reasons[index] = reason;
    }

    /// <summary>Index of the first block of running text (the block count when there is none).</summary>
    public int BodyStart { get; set; }
    /// <summary>Index of the headline block, or -1 when the headline is not a block (a hinted title) or unknown.</summary>
    public int TitleIndex { get; set; } = -1;
    /// <summary>Whether blocks before the headline and between it and the body are header chrome (text dumps).</summary>
    public bool HasHeaderChrome { get; set; }
    /// <summary>The first block when it reads as a masthead (a short site name), else null.</summary>
    public string? Masthead { get; set; }
    /// <summary>The headline text (a block's, or the cleaned hinted title), or null.</summary>
    public string? Title { get; set; }
    /// <summary>The standfirst text, or null.</summary>
    public string? Subtitle { get; set; }
    /// <summary>Authors read from bylines and author lines, in order.</summary>
    public List<string> Authors { get; } = [];
    /// <summary>Date read from bylines and date lines (ISO 8601), or null.</summary>
    public string? PublishedAt { get; set; }
    /// <summary>Outlet names found in the header (byline outlets, section and partner labels), in order.</summary>
    public List<string> SourceLabels { get; } = [];
    /// <summary>Index of the block that is a "From X:" marker of a republished section, or -1.</summary>
    public int SourceMarkerIndex { get; set; } = -1;
    /// <summary>The outlet the "From X:" marker names (cleaned), or null.</summary>
    public string? MarkedSource { get; set; }

    /// <summary>
    /// Whether block <paramref name="index"/> is header chrome: in a text dump with a headline block, a block with no
    /// header role that no earlier boilerplate layer removed, before the headline or between it and the body.
    /// </summary>
    /// <param name="index">Index into <see cref="Layers.Blocks"/>.</param>
    /// <param name="page">The page boilerplate layer.</param>
    /// <returns>"masthead", "header", or null.</returns>
    public string? HeaderChromeReason(int index, BoilerplateMarks page)
    {
        if (!HasHeaderChrome || TitleIndex < 0 || _roles[index] != BlockRole.Body || page.Contains(index))
            return null;
        if (index < TitleIndex)
            return "masthead";
        return index > TitleIndex && index < BodyStart ? "header" : null;
    }
}

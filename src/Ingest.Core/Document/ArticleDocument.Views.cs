namespace Ingest.Core.Document;

public sealed partial class ArticleDocument
{
    /// <summary>The blocks (<see cref="Layers.Blocks"/>); a declared read.</summary>
    public BlockList Blocks => Get(Layers.Blocks);

    /// <summary>The body blocks (<see cref="Layers.Body"/>); a declared read.</summary>
    public IReadOnlyList<Block> BodyBlocks => Get(Layers.Body).Blocks;

    /// <summary>The metadata (<see cref="Layers.Metadata"/>); a declared read.</summary>
    public ArticleMetadata Metadata => Get(Layers.Metadata);
}

namespace Ingest.Core.Document;

public sealed partial class ArticleDocument
{
    /// <summary>The blocks (<see cref="Layers.Blocks"/>); a declared read.</summary>
    public BlockList Blocks => Get(Layers.Blocks);

    /// <summary>The body blocks (<see cref="Layers.Body"/>); a declared read.</summary>
    public IReadOnlyList<Block> BodyBlocks => Get(Layers.Body).Blocks;

    /// <summary>The metadata (<see cref="Layers.Metadata"/>); a declared read.</summary>
    public ArticleMetadata Metadata => Get(Layers.Metadata);

    /// <summary>The quotes: read when written, else created empty for the writing stage (<see cref="Layers.Quotes"/>).</summary>
    internal QuoteList Quotes
    {
        get
        {
            if (Has(Layers.Quotes))
                return Get(Layers.Quotes);
            var quotes = new QuoteList();
            Set(Layers.Quotes, quotes);
            return quotes;
        }
    }

    /// <summary>The shared body words (<see cref="Layers.Tokens"/>), or null before the tokens stage.</summary>
    internal Stages.Entities.BodyWords? BodyWords
    {
        get => Has(Layers.Tokens) ? Get(Layers.Tokens) : null;
        set => Set(Layers.Tokens, value!);
    }
}

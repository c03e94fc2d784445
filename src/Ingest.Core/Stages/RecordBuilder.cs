using Ingest.Core.Document;

namespace Ingest.Core.Stages;

/// <summary>record: turns the annotated document into the <see cref="ArticleRecord"/> contract.</summary>
public static class RecordBuilder
{
    /// <summary>Builds the record; body paragraphs are joined by one blank line.</summary>
    /// <param name="document">A document the default pipeline has run over (every layer written).</param>
    /// <param name="pipelineVersion">Version stamped on the record.</param>
    /// <exception cref="Pipeline.PipelineContractException">A layer the record needs was not written.</exception>
    public static ArticleRecord Build(ArticleDocument document, string pipelineVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        var meta = document.Get(Layers.Metadata);
        var blocks = document.Get(Layers.Blocks);
        var roles = BodyStage.Roles(document);
        var boilerplate = new List<BoilerplateItem>();
        for (int i = 0; i < blocks.Count; i++)
            if (roles.BoilerplateReason(i) is { } reason)
                boilerplate.Add(new BoilerplateItem(blocks[i].Text, reason));
        var speakers = document.Get(Layers.Speakers).Speakers;
        return new ArticleRecord
        {
            Id = ArticleIds.For(document.Source),
            Source = document.Source,
            Title = meta.Title,
            Subtitle = meta.Subtitle,
            Authors = [.. meta.Authors],
            PublishedAt = meta.PublishedAt,
            Publisher = meta.Publisher,
            OriginalSource = meta.OriginalSource,
            CanonicalUrl = meta.CanonicalUrl,
            Language = meta.Language,
            Body = string.Join("\n\n", document.Get(Layers.Body).Blocks.Select(b => b.Text)),
            Boilerplate = boilerplate,
            Quotes = document.Get(Layers.Quotes)
                .Select((q, i) => new QuoteRecord(q.Text, speakers[i], q.SpeakerKind, q.Cue, q.Paragraph)).ToList(),
            Entities = [.. document.Get(Layers.Entities).Entities],
            PipelineVersion = pipelineVersion,
            ContentHash = document.ContentHash,
        };
    }
}

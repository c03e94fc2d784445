using Ingest.Core.Document;

namespace Ingest.Core.Stages;

/// <summary>record: turns the annotated document into the <see cref="ArticleRecord"/> contract.</summary>
public static class RecordBuilder
{
    /// <summary>Builds the record; body paragraphs are joined by one blank line.</summary>
    public static ArticleRecord Build(ArticleDocument document, string pipelineVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        var meta = document.Metadata;
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
            Body = string.Join("\n\n", document.BodyBlocks.Select(b => b.Text)),
            Boilerplate = document.Blocks.Where(b => b.Role == BlockRole.Boilerplate)
                .Select(b => new BoilerplateItem(b.Text, b.Reason ?? "boilerplate")).ToList(),
            Quotes = document.Quotes.Select(q => new QuoteRecord(q.Text, q.Speaker, q.SpeakerKind, q.Cue, q.Paragraph)).ToList(),
            Entities = [.. document.Entities],
            PipelineVersion = pipelineVersion,
            ContentHash = document.ContentHash,
        };
    }
}

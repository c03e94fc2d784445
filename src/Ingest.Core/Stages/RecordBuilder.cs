using Ingest.Core.Document;

namespace Ingest.Core.Stages;

/// <summary>
/// record: turns the annotated document into the <see cref="ArticleRecord"/> contract. The last guard on what leaves
/// the pipeline: every text field (title, subtitle, authors, date, publisher, original source, URL, language, body,
/// boilerplate, quotes, entities) is stripped of control characters (<see cref="TextNormalizer.StripControls"/>), so
/// a stage that forgot to normalize cannot put a NUL or a C1 control into storage. <see cref="ArticleRecord.Source"/>
/// is kept as given: it names the blob the record belongs to.
/// </summary>
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
                boilerplate.Add(new BoilerplateItem(Clean(blocks[i].Text), Clean(reason)));
        var speakers = document.Get(Layers.Speakers).Speakers;
        return new ArticleRecord
        {
            Id = ArticleIds.For(document.Source),
            Source = document.Source,
            Title = Clean(meta.Title),
            Subtitle = Clean(meta.Subtitle),
            Authors = [.. meta.Authors.Select(a => Clean(a))],
            PublishedAt = Clean(meta.PublishedAt),
            Publisher = Clean(meta.Publisher),
            OriginalSource = Clean(meta.OriginalSource),
            CanonicalUrl = Clean(meta.CanonicalUrl),
            Language = Clean(meta.Language),
            Body = Clean(string.Join("\n\n", document.Get(Layers.Body).Blocks.Select(b => b.Text))),
            Boilerplate = boilerplate,
            Quotes = document.Get(Layers.Quotes)
                .Select((q, i) => new QuoteRecord(Clean(q.Text), Clean(speakers[i]), Clean(q.SpeakerKind), Clean(q.Cue), q.Paragraph)).ToList(),
            Entities = [.. document.Get(Layers.Entities).Entities
                .Select(e => new EntityRecord(Clean(e.Name), Clean(e.Type), e.Mentions, [.. e.Aliases.Select(a => Clean(a))]))],
            Warnings = [.. (document.Find(Layers.Text)?.Warnings ?? []).Select(w => Clean(w))],
            PipelineVersion = pipelineVersion,
            ContentHash = document.ContentHash,
        };
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Clean(string? text) => TextNormalizer.StripControls(text);
}

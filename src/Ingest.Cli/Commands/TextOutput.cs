using Ingest.Core.Document;

namespace Ingest.Cli.Commands;

/// <summary>Readable plain-text rendering of a record (<c>--format text</c>).</summary>
internal static class TextOutput
{
    public static void Write(ArticleRecord r, TextWriter o)
    {
        o.WriteLine($"# {r.Title ?? "(no title)"}");
        if (r.Subtitle is not null)
            o.WriteLine($"  {r.Subtitle}");
        o.WriteLine($"id: {r.Id}  source: {r.Source}");
        o.WriteLine($"publisher: {r.Publisher ?? "-"}  original source: {r.OriginalSource ?? "-"}  published: {r.PublishedAt ?? "-"}  language: {r.Language ?? "-"}");
        if (r.Authors.Count > 0)
            o.WriteLine($"authors: {string.Join(", ", r.Authors)}");
        o.WriteLine();
        o.WriteLine(r.Body);
        o.WriteLine();
        o.WriteLine($"## Quotes ({r.Quotes.Count})");
        foreach (var q in r.Quotes)
            o.WriteLine($"- ¶{q.Paragraph + 1} {q.Speaker ?? "?"} ({q.SpeakerKind}, {q.Cue ?? "-"}): “{q.Text}”");
        o.WriteLine($"## Entities ({r.Entities.Count})");
        foreach (var e in r.Entities)
            o.WriteLine($"- {e.Name} [{e.Type}] x{e.Mentions}{(e.Aliases.Count > 0 ? " aka " + string.Join(", ", e.Aliases) : "")}");
        o.WriteLine($"## Boilerplate removed ({r.Boilerplate.Count})");
        foreach (var b in r.Boilerplate)
            o.WriteLine($"- ({b.Reason}) {b.Text}");
        o.WriteLine();
    }
}

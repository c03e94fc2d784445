using System.Security.Cryptography;
using System.Text;
using Ingest.Core.Document;

namespace Ingest.Storage.Tests;

/// <summary>Builds made-up article records for the tests.</summary>
internal static class Records
{
    public const string Version1 = "test-1";
    public const string Version2 = "test-2";

    public static ArticleRecord Article(
        string id,
        string? title = null,
        string? publisher = "Harbor Gazette",
        string? originalSource = null,
        string? publishedAt = "2024-05-01",
        string body = "The lighthouse committee met on Tuesday.\n\nNothing was decided.",
        IEnumerable<(string Name, string Type)>? entities = null,
        IEnumerable<(string Text, string? Speaker)>? quotes = null,
        string pipelineVersion = Version1,
        string? contentSeed = null) => new()
        {
            Id = id,
            Source = new SourceRef("articles", $"test/{id}.html"),
            Title = title ?? $"Article {id}",
            Publisher = publisher,
            OriginalSource = originalSource,
            PublishedAt = publishedAt,
            Language = "en",
            Body = body,
            Authors = ["Test Writer"],
            Boilerplate = [new BoilerplateItem("Share this story", "share")],
            Entities = [.. (entities ?? []).Select(e => new EntityRecord(e.Name, e.Type, 2, []))],
            Quotes = [.. (quotes ?? []).Select((q, i) => new QuoteRecord(q.Text, q.Speaker,
                q.Speaker is null ? SpeakerKinds.Unknown : SpeakerKinds.Person, q.Speaker is null ? null : "said", i))],
            PipelineVersion = pipelineVersion,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contentSeed ?? body + (title ?? id)))),
        };

    /// <summary><paramref name="record"/> with aliases given to some of its entities (by canonical name).</summary>
    public static ArticleRecord WithAliases(ArticleRecord record, params (string Name, string[] Aliases)[] aliases) => record with
    {
        Entities = [.. record.Entities.Select(e => aliases.FirstOrDefault(a => a.Name == e.Name) is { Aliases: { } list } ? e with { Aliases = list } : e)],
    };

    public static (string, string) Person(string name) => (name, EntityTypes.Person);

    public static (string, string) Org(string name) => (name, EntityTypes.Organization);
}

using System.Text;
using Ingest.Core.Document;
using Ingest.Functions.Functions;
using Microsoft.Extensions.Logging.Abstractions;
using static Ingest.Functions.Tests.HttpTestContext;

namespace Ingest.Functions.Tests;

/// <summary><c>GET /api/articles/{id}/copies</c> over the fakes, with files run through the real pipeline.</summary>
public sealed class CopiesHttpTests
{
    private readonly Harness _h = new();
    private ArticlesHttpFunctions Functions => new(_h.Store, NullLogger<ArticlesHttpFunctions>.Instance);

    private async Task<string> IngestAsync(string name, string text)
    {
        var outcome = await _h.Ingest.IngestAsync(new SourceRef("articles", name), new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(Ingest.Core.IngestStatus.Stored, outcome.Status);
        return outcome.ArticleId;
    }

    [Fact]
    public async Task The_copies_of_an_article_are_its_republications_with_blob_names_and_similarity()
    {
        string sample = await File.ReadAllTextAsync(SamplePath("harbor-bridge.txt"));
        string original = await IngestAsync("ledger/bridge.txt", sample);
        string same = await IngestAsync("mirror/bridge.txt", sample);
        string republished = await IngestAsync("courier/bridge.txt",
            "Support Bay Courier - Go Ad-Free!\n\n" + sample + "\n\nThis post first appeared on Bay Courier\n\nOur commenting rules: Be civil.\n");
        string other = await IngestAsync("other/ferry.txt",
            "Harbor City Gazette\n\nFerry Timetable Changes\n\nBy Test Writer\n\nThe ferry to the islands will leave twenty minutes " +
            "earlier from Monday, the operator said, because of the new tide tables published by the harbour office this week.\n");

        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticleCopies(request, republished, default), request);

        Assert.Equal(200, status);
        Assert.Equal(republished, body.GetProperty("articleId").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { original, same, republished }.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() == other);
        Assert.Equal(items[0].GetProperty("id").GetString(), body.GetProperty("storyId").GetString());
        var self = items.Single(i => i.GetProperty("id").GetString() == republished);
        Assert.Equal("courier/bridge.txt", self.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal(1.0, self.GetProperty("similarity").GetDouble());
        var mirror = items.Single(i => i.GetProperty("id").GetString() == same);
        Assert.InRange(mirror.GetProperty("similarity").GetDouble(), 0.85, 1.0);
        Assert.Equal("Lakeside Ledger", mirror.GetProperty("publisher").GetString());
        Assert.True(mirror.TryGetProperty("publishedAt", out _));
        Assert.True(mirror.TryGetProperty("originalSource", out _));
        Assert.True(mirror.GetProperty("originalSourceMatches").GetBoolean());
        Assert.False(body.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task An_article_without_copies_is_its_own_story()
    {
        await using var file = File.OpenRead(SamplePath("harbor-bridge.txt"));
        string id = (await _h.Ingest.IngestAsync(new SourceRef("articles", "only.txt"), file)).ArticleId;

        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticleCopies(request, id, default), request);

        Assert.Equal(200, status);
        Assert.Equal(id, body.GetProperty("storyId").GetString());
        Assert.Equal(id, Assert.Single(body.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Copies_of_an_unknown_or_malformed_id_are_errors_in_the_api_shape()
    {
        var request = Get();
        var (status, body) = await ExecuteAsync(await Functions.GetArticleCopies(request, "0123456789abcdef", default), request);
        Assert.Equal(404, status);
        Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());

        request = Get();
        (status, body) = await ExecuteAsync(await Functions.GetArticleCopies(request, "NOT-AN-ID", default), request);
        Assert.Equal(400, status);
        Assert.Equal("invalid_id", body.GetProperty("error").GetProperty("code").GetString());
    }
}

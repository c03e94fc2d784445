using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Core.Document;
using Ingest.Core.Tests.Copies;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// List queries through a real Ingest.LocalHost on Azurite: refused continuation tokens and empty filters are 400 in the
/// API's error shape (not 500, not an unfiltered list), and decomposed filters find composed names.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class LocalHostQueryTests(LocalHostFixture host)
{
    /// <summary>A made-up article whose names have accents (written here in NFC).</summary>
    private const string AccentedArticle =
        "Harbor City Gazette\n\n" +
        "Ferry Pier Caf\u00E9 Reopens After Storm Repairs\n\n" +
        "By Dana Whitfield\n\n" +
        "Harbor City, June 3, 2025 - The caf\u00E9 at the end of the ferry pier reopened on Tuesday after three months of repairs.\n\n" +
        "\"We rebuilt every plank of the deck ourselves,\" said owner Jos\u00E9 N\u00FA\u00F1ez, who has run the caf\u00E9 since 2009.\n\n" +
        "N\u00FA\u00F1ez said the city paid for half of the repairs.\n";

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await host.Api.GetAsync(path);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private async Task AssertRefusedAsync(string path, string code, string parameter)
    {
        var (status, body) = await GetJsonAsync(path);
        Assert.True(status == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)status}: {body}");
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), path);
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task Tokens_of_other_queries_old_cut_or_changed_are_400_invalid_token()
    {
        host.EnsureStarted();
        byte[] sample = await File.ReadAllBytesAsync(HttpTestContext.SamplePath("harbor-bridge.txt"));
        await host.UploadAndWaitAsync("tokens/a.txt", sample);
        await host.UploadAndWaitAsync("tokens/b.txt", sample);

        const string byEntity = "api/articles?entity=Elena%20Marquez";
        var (status, first) = await GetJsonAsync(byEntity + "&pageSize=1");
        Assert.Equal(HttpStatusCode.OK, status);
        string token = first.GetProperty("continuationToken").GetString()!;
        string escaped = Uri.EscapeDataString(token);

        // The token continues its own query, spelled differently and with another page size.
        var (nextStatus, next) = await GetJsonAsync($"api/articles?entity=ELENA%20%20marquez&pageSize=5&continuationToken={escaped}");
        Assert.Equal(HttpStatusCode.OK, nextStatus);
        Assert.NotEmpty(next.GetProperty("items").EnumerateArray());

        string[] refused =
        [
            $"api/articles?entity=Robert%20Tanaka&continuationToken={escaped}",                    // other filter value
            $"{byEntity}&from=2020-01-01&continuationToken={escaped}",                             // added filter
            $"api/articles?speaker=Elena%20Marquez&continuationToken={escaped}",                    // other index
            $"api/quotes?continuationToken={escaped}",                                              // other endpoint
            $"api/entities?prefix=el&continuationToken={escaped}",                                  // other endpoint
            $"{byEntity}&continuationToken=not-a-token%21",                                         // malformed
            $"{byEntity}&continuationToken={Uri.EscapeDataString(token[..^3])}",                    // cut
            $"{byEntity}&continuationToken={Uri.EscapeDataString(token[..(token.Length / 2)] + (token[token.Length / 2] == 'A' ? 'B' : 'A') + token[(token.Length / 2 + 1)..])}", // changed
            $"{byEntity}&continuationToken={Base64Url("""{"v":1,"q":"ae","pk":"elena marquez","rk":"0"}""")}", // format version 1
        ];
        foreach (string path in refused)
            await AssertRefusedAsync(path, "invalid_token", "continuationToken");
    }

    [Theory]
    [InlineData("api/articles?entity=%00", "entity")]
    [InlineData("api/articles?source=%E2%80%8B", "source")]
    [InlineData("api/articles?speaker=", "speaker")]
    [InlineData("api/quotes?text=%3F%21", "text")]
    [InlineData("api/entities?prefix=%01", "prefix")]
    public async Task Filters_given_but_empty_are_400_empty_filter(string path, string parameter)
    {
        host.EnsureStarted();
        await AssertRefusedAsync(path, "empty_filter", parameter);
    }

    [Fact]
    public async Task Decomposed_filters_find_the_stored_composed_names()
    {
        host.EnsureStarted();
        string id = await host.UploadAndWaitAsync("unicode/pier-cafe.txt", Encoding.UTF8.GetBytes(AccentedArticle));
        const string decomposed = "Jose%CC%81%20Nu%CC%81n%CC%83ez"; // "José Núñez" as NFD, percent-encoded

        var (_, articles) = await GetJsonAsync($"api/articles?entity={decomposed}");
        Assert.Contains(articles.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var (_, bySpeaker) = await GetJsonAsync($"api/articles?speaker={decomposed}");
        Assert.Contains(bySpeaker.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var (_, quotes) = await GetJsonAsync($"api/quotes?speaker={decomposed}&text=plank");
        Assert.Contains(quotes.GetProperty("items").EnumerateArray(), q => q.GetProperty("speaker").GetString() == "Jos\u00E9 N\u00FA\u00F1ez");
        var (_, entities) = await GetJsonAsync("api/entities?prefix=jose%CC%81");
        Assert.Contains(entities.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "Jos\u00E9 N\u00FA\u00F1ez");
    }

    [Fact]
    public async Task Republished_copies_are_one_story_through_the_host_and_deleting_the_first_hands_it_on()
    {
        host.EnsureStarted();
        // Uploaded and processed one after the other, so the wire's file is the earliest-stored copy.
        string wire = await host.UploadAndWaitAsync("copies/wire/pier.txt", Encoding.UTF8.GetBytes(CopyBodies.WireFile));
        string courier = await host.UploadAndWaitAsync("copies/courier/pier.txt", Encoding.UTF8.GetBytes(CopyBodies.RepublisherFile));
        string mirror = await host.UploadAndWaitAsync("copies/mirror/pier.txt", Encoding.UTF8.GetBytes(CopyBodies.WireFile));
        string river = await host.UploadAndWaitAsync("copies/river/pier.txt", Encoding.UTF8.GetBytes(CopyBodies.SameTopicFile));

        var (status, story) = await GetJsonAsync($"api/articles/{courier}/copies");
        Assert.True(status == HttpStatusCode.OK, story.ToString());
        Assert.Equal(wire, story.GetProperty("storyId").GetString());
        var items = story.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([wire, courier, mirror], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("copies/mirror/pier.txt", items[2].GetProperty("source").GetProperty("name").GetString());
        Assert.False(items[2].GetProperty("sameContent").GetBoolean()); // the same bytes as the wire's, not as the courier's
        Assert.InRange(items[0].GetProperty("similarity").GetDouble(), 0.85, 1.0);
        var (_, riverStory) = await GetJsonAsync($"api/articles/{river}/copies");
        Assert.Equal([river], riverStory.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // The quotation the copies repeat is one use for their story, and another for the River Times' own story.
        var (_, quotes) = await GetJsonAsync("api/quotes?text=inspectors%20stand%20structure");
        var hit = Assert.Single(quotes.GetProperty("items").EnumerateArray());
        var stories = hit.GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(2, stories.Count);
        var copiesOfWire = stories.Single(g => g.GetProperty("articleId").GetString() == wire)
            .GetProperty("copies").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { courier, mirror }.Order(StringComparer.Ordinal), copiesOfWire);

        using (var deleted = await host.Api.DeleteAsync($"api/articles/{wire}?blob=true"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (afterStatus, after) = await GetJsonAsync($"api/articles/{mirror}/copies");
        Assert.Equal(HttpStatusCode.OK, afterStatus);
        Assert.Equal(courier, after.GetProperty("storyId").GetString());
        Assert.Equal([courier, mirror], after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var (goneStatus, gone) = await GetJsonAsync($"api/articles/{wire}/copies");
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
        Assert.Equal("not_found", gone.GetProperty("error").GetProperty("code").GetString());
    }
}

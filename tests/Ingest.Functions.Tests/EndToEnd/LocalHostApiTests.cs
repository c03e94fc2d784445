using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Ingest.Core.Document;
using Ingest.Storage.Tests.Faults;

namespace Ingest.Functions.Tests.EndToEnd;

/// <summary>
/// The write and error side of the API through a real Ingest.LocalHost on Azurite: DELETE, the failures list, list-item
/// status, unknown parameters, unknown routes and wrong methods.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class LocalHostApiTests(LocalHostFixture host)
{
    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        var response = await host.Api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentType?.MediaType == "application/json",
            $"{method} {path}: {(int)response.StatusCode} '{response.Content.Headers.ContentType}' '{text}'");
        using var doc = text.Length == 0 ? JsonDocument.Parse("null") : JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone(), response);
    }

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    [Fact]
    public async Task Delete_removes_record_and_index_rows_blob_true_removes_the_file_and_the_poller_takes_it_calmly()
    {
        host.EnsureStarted();
        byte[] sample = await File.ReadAllBytesAsync(HttpTestContext.SamplePath("harbor-bridge.txt"));
        string keep = await host.UploadAndWaitAsync("delete/keep-blob.txt", sample);
        string gone = await host.UploadAndWaitAsync("delete/drop-blob.txt", sample);

        var (_, listed, _) = await SendAsync(HttpMethod.Get, "api/articles?entity=Elena%20Marquez&pageSize=1000");
        Assert.Contains(keep, Ids(listed));
        Assert.All(listed.GetProperty("items").EnumerateArray(), i => Assert.Equal("stored", i.GetProperty("status").GetString()));

        var (status, _, _) = await SendAsync(HttpMethod.Delete, $"api/articles/{keep}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, _, _) = await SendAsync(HttpMethod.Delete, $"api/articles/{gone}?blob=true");
        Assert.Equal(HttpStatusCode.NoContent, status);

        Assert.True((await host.Container.GetBlobClient("delete/keep-blob.txt").ExistsAsync()).Value);
        Assert.False((await host.Container.GetBlobClient("delete/drop-blob.txt").ExistsAsync()).Value);
        foreach (string id in new[] { keep, gone })
        {
            var (getStatus, body, _) = await SendAsync(HttpMethod.Get, $"api/articles/{id}");
            Assert.Equal(HttpStatusCode.NotFound, getStatus);
            Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());
            var (againStatus, again, _) = await SendAsync(HttpMethod.Delete, $"api/articles/{id}?blob=true");
            Assert.Equal(HttpStatusCode.NotFound, againStatus);
            Assert.Equal("not_found", again.GetProperty("error").GetProperty("code").GetString());
        }
        (_, listed, _) = await SendAsync(HttpMethod.Get, "api/articles?entity=Elena%20Marquez&pageSize=1000");
        Assert.DoesNotContain(keep, Ids(listed));
        Assert.DoesNotContain(gone, Ids(listed));

        // The poller sees the deleted blob gone (interval 250 ms): the host keeps answering, nothing comes back, and no
        // row of either article is left anywhere.
        await Task.Delay(1500);
        var (health, _, _) = await SendAsync(HttpMethod.Get, "api/health");
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"api/articles/{gone}")).Status);
        var problems = await StoreConsistency.ProblemsAsync(host.Tables, host.Blobs, host.Names);
        Assert.DoesNotContain(problems, p => p.Contains(keep, StringComparison.Ordinal) || p.Contains(gone, StringComparison.Ordinal));
        Assert.DoesNotContain("BlobIngestFunction failed", host.Output);
    }

    [Fact]
    public async Task Failures_are_listed_with_their_fields_and_pages_continue()
    {
        host.EnsureStarted();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
            ids.Add(await host.UploadAndWaitAsync($"failures/bad-{i}.bin", [0x00, 0x01, 0x02, (byte)i, 0xFF, 0xFE, 0x00, 0x00], HttpStatusCode.UnprocessableEntity));

        var seen = new Dictionary<string, JsonElement>();
        string? token = null;
        for (int guard = 0; guard < 100; guard++)
        {
            string path = "api/failures?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var (status, page, _) = await SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            foreach (var item in page.GetProperty("items").EnumerateArray())
                Assert.True(seen.TryAdd(item.GetProperty("id").GetString()!, item), "an item came twice");
            token = page.GetProperty("continuationToken").GetString();
            if (token is null)
                break;
        }
        Assert.Null(token);
        foreach (string id in ids)
        {
            var item = seen[id];
            Assert.Equal("decode", item.GetProperty("stage").GetString());
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("reason").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("errorType").GetString()));
            Assert.Equal(8, item.GetProperty("sizeBytes").GetInt64());
            Assert.StartsWith("failures/bad-", item.GetProperty("source").GetProperty("name").GetString());
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("pipelineVersion").GetString()));
            Assert.True(item.GetProperty("failedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1));
        }
        // Key order: by article id.
        Assert.Equal(seen.Keys.Order(StringComparer.Ordinal), seen.Keys);
    }

    /// <summary>A made-up article whose person is named in full once and by surname after (the pipeline's alias).</summary>
    private const string AliasArticle =
        "Port Elwin Courier\n\nFerry Board Approves Winter Timetable\n\nBy Test Writer\n\n" +
        "Port Elwin, October 2, 2025 - The ferry board of Port Elwin approved a reduced winter timetable on Thursday after a long debate about the cost of fuel.\n\n" +
        "\"We cannot run empty boats all winter,\" said board chair Marta Villanueva, who has led the board since 2021.\n\n" +
        "Villanueva said the summer timetable would return in April. Villanueva also promised a review of the fares.\n\n" +
        "Several residents objected to the cuts at the meeting.\n";

    [Fact]
    public async Task An_alias_finds_the_article_by_entity_and_speaker_and_is_not_an_entity_of_its_own()
    {
        host.EnsureStarted();
        string id = await host.UploadAndWaitAsync("alias/ferry-board.txt", Encoding.UTF8.GetBytes(AliasArticle));
        var (_, record, _) = await SendAsync(HttpMethod.Get, $"api/articles/{id}");
        var entity = Assert.Single(record.GetProperty("entities").EnumerateArray(), e => e.GetProperty("name").GetString() == "Marta Villanueva");
        Assert.Contains(entity.GetProperty("aliases").EnumerateArray(), a => a.GetString() == "Villanueva");

        foreach (string path in new[] { "api/articles?entity=Villanueva", "api/articles?speaker=villanueva", "api/articles?entity=Marta%20Villanueva" })
        {
            var (status, page, _) = await SendAsync(HttpMethod.Get, path + "&pageSize=1000");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(1, Ids(page).Count(i => i == id));
        }
        var (_, names, _) = await SendAsync(HttpMethod.Get, "api/entities?prefix=villanueva");
        Assert.DoesNotContain(names.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "Villanueva");
        var (_, full, _) = await SendAsync(HttpMethod.Get, "api/entities?prefix=marta%20villanueva");
        Assert.Equal(1, Assert.Single(full.GetProperty("items").EnumerateArray()).GetProperty("articles").GetInt32());
        var problems = await StoreConsistency.ProblemsAsync(host.Tables, host.Blobs, host.Names);
        Assert.DoesNotContain(problems, p => p.Contains(id, StringComparison.Ordinal) || p.Contains("villanueva", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_newest_lists_the_latest_published_first()
    {
        host.EnsureStarted();
        var ids = new List<string>();
        foreach (string day in new[] { "March 4, 1911", "March 9, 1911", "March 6, 1911" })
            ids.Add(await host.UploadAndWaitAsync($"newest/{day.Replace(' ', '-').Replace(",", "")}.txt",
                Encoding.UTF8.GetBytes(AliasArticle.Replace("October 2, 2025", day))));

        var (status, page, _) = await SendAsync(HttpMethod.Get, "api/articles?order=newest&from=1911-03-01&to=1911-03-31&pageSize=2");
        Assert.Equal(HttpStatusCode.OK, status);
        var first = Ids(page).ToList();
        string token = page.GetProperty("continuationToken").GetString()!;
        (_, page, _) = await SendAsync(HttpMethod.Get, "api/articles?order=newest&from=1911-03-01&to=1911-03-31&pageSize=2&continuationToken=" + Uri.EscapeDataString(token));
        Assert.Equal([ids[1], ids[2], ids[0]], first.Concat(Ids(page)));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuationToken").ValueKind);

        // Over everything, the 1911 articles come after every later one.
        var all = new List<string>();
        string? next = null;
        do
        {
            (_, page, _) = await SendAsync(HttpMethod.Get, "api/articles?order=newest&pageSize=1000" + (next is null ? "" : "&continuationToken=" + Uri.EscapeDataString(next)));
            all.AddRange(Ids(page));
            next = page.GetProperty("continuationToken").GetString();
        }
        while (next is not null);
        var dates = new List<string>();
        foreach (string id in all)
        {
            var (_, record, _) = await SendAsync(HttpMethod.Get, $"api/articles/{id}");
            if (record.TryGetProperty("publishedAt", out var date) && date.ValueKind == JsonValueKind.String)
                dates.Add(date.GetString()![..10]);
        }
        Assert.Contains("1911-03-09", dates);
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);

        var (bad, body, _) = await SendAsync(HttpMethod.Get, "api/articles?order=newest&entity=Marta%20Villanueva");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("order", body.GetProperty("error").GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("api/articles?entitiy=Elena%20Marquez", "entitiy")]
    [InlineData("api/quotes?speeker=x", "speeker")]
    [InlineData("api/entities?prefx=el", "prefx")]
    [InlineData("api/failures?stage=decode", "stage")]
    [InlineData("api/articles/0123456789abcdef?full=1", "full")]
    public async Task Unknown_parameters_are_400_naming_them(string path, string parameter)
    {
        host.EnsureStarted();
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unknown_parameter", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(parameter, body.GetProperty("error").GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("GET", "api/nothing-here", HttpStatusCode.NotFound, null)]
    [InlineData("GET", "api/articles/0123456789abcdef/quotes", HttpStatusCode.NotFound, null)]
    [InlineData("GET", "elsewhere", HttpStatusCode.NotFound, null)]
    [InlineData("POST", "api/quotes", HttpStatusCode.MethodNotAllowed, "GET")]
    [InlineData("PUT", "api/articles/0123456789abcdef", HttpStatusCode.MethodNotAllowed, "DELETE, GET")]
    [InlineData("DELETE", "api/articles", HttpStatusCode.MethodNotAllowed, "GET")]
    [InlineData("GET", "api/reprocess", HttpStatusCode.MethodNotAllowed, "POST")]
    public async Task Unknown_routes_and_wrong_methods_answer_the_json_error_body(string method, string path, HttpStatusCode expected, string? allow)
    {
        host.EnsureStarted();
        var (status, body, response) = await SendAsync(new HttpMethod(method), path);
        Assert.Equal(expected, status);
        Assert.Equal(expected == HttpStatusCode.NotFound ? "not_found" : "method_not_allowed",
            body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(allow, allow is null ? null : string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Declared_routes_still_reach_their_functions_past_the_fallback()
    {
        host.EnsureStarted();
        var (status, body, _) = await SendAsync(HttpMethod.Get, "api/articles/NOT-AN-ID");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_id", body.GetProperty("error").GetProperty("code").GetString());
        (status, _, _) = await SendAsync(HttpMethod.Get, "api/failures/");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _, _) = await SendAsync(HttpMethod.Get, "API/Entities?prefix=x");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}

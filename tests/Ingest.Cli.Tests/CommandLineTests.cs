using System.Net;
using Ingest.Cli.Commands;
using Ingest.Core;

namespace Ingest.Cli.Tests;

/// <summary>The ingest command's help, version, extract on folders and output rendering; no storage needed.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ingest-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Story =
        "Ferry Returns to the Bay\n\nBy Test Writer\n\nThe ferry service across the bay resumed on Friday after a week of repairs to the " +
        "landing stage.\n\n\"Passengers can travel again,\" said Ada Quill, who runs the service.\n";

    [Theory]
    [InlineData("upload")]
    [InlineData("repair")]
    [InlineData("bench-latency")]
    [InlineData("query articles")]
    [InlineData("delete")]
    public async Task Help_never_prints_a_connection_string_or_key_from_the_environment(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliProcess.CliDll);
        foreach (string part in command.Split(' '))
            start.ArgumentList.Add(part);
        start.ArgumentList.Add("--help");
        start.Environment["IngestStorage"] = "DefaultEndpointsProtocol=https;AccountName=realacct;AccountKey=TOPSECRETKEY==;";
        start.Environment["INGEST_API_KEY"] = "FUNCTIONKEYSECRET";
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Usage:", output);
        Assert.DoesNotContain("TOPSECRETKEY", output);
        Assert.DoesNotContain("FUNCTIONKEYSECRET", output);
        Assert.DoesNotContain("AccountKey=", output); // not even Azurite's public one
    }

    [Theory]
    [InlineData("7391", null, "http://127.0.0.1:7391")]
    [InlineData("7391", "http://api.example.invalid", "http://api.example.invalid")] // INGEST_API wins
    [InlineData(null, null, "http://127.0.0.1:7071")]
    public async Task The_api_address_follows_the_port_run_sh_was_given(string? port, string? api, string expected) =>
        Assert.Contains($"[default: {expected}]", await HelpAsync(["query", "articles"], ("INGEST_PORT", port), ("INGEST_API", api)));

    [Theory]
    [InlineData(null, null, "articles")]
    [InlineData("nrvw", null, "nrvw-articles")] // the container a host with this prefix watches
    [InlineData("nrvw", "mine", "mine")]        // IngestContainer wins
    public async Task Upload_writes_to_the_container_a_host_with_the_same_environment_watches(string? prefix, string? container, string expected) =>
        Assert.Contains($"[default: {expected}]",
            await HelpAsync(["upload"], ("StorageOptions__NamePrefix", prefix), ("IngestContainer", container)));

    /// <summary>The help text of <paramref name="command"/> with each variable set, or removed when its value is null.</summary>
    private static async Task<string> HelpAsync(string[] command, params (string Name, string? Value)[] environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = [CliProcess.CliDll, .. command, "--help"];
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            start.Environment.Remove(name);
            if (value is not null)
                start.Environment[name] = value;
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    [Fact]
    public async Task The_version_is_the_pipeline_version_records_carry()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync(_root, ["--version"]);
        Assert.Equal(0, exit);
        Assert.Equal(PipelineInfo.Version, stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+$", PipelineInfo.Version);

        File.WriteAllText(Path.Combine(_root, "story.txt"), Story);
        var (_, json, _) = await CliProcess.RunAsync(_root, ["extract", "story.txt"]);
        Assert.Contains($"\"pipelineVersion\": \"{PipelineInfo.Version}\"", json);
    }

    [Fact]
    public async Task Extract_reads_the_article_files_of_a_folder_recursively_in_name_order()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in", "sub"));
        File.WriteAllText(Path.Combine(_root, "in", "b.txt"), Story.Replace("Ferry Returns", "Second Ferry Returns"));
        File.WriteAllText(Path.Combine(_root, "in", "sub", "a.md"), Story.Replace("Ferry Returns", "Third Ferry Returns"));
        File.WriteAllText(Path.Combine(_root, "in", "notes.csv"), "not,an,article");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(_root, ["extract", "in", "--format", "jsonl"]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("skipped 1 file(s) in in that are not article files", stderr);
        Assert.Contains("notes.csv", stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Second Ferry Returns to the Bay\"", lines[0]);
        Assert.Contains("\"Third Ferry Returns to the Bay\"", lines[1]);

        // A folder as the only path prints an array even with one file in it.
        var (_, json, _) = await CliProcess.RunAsync(_root, ["extract", Path.Combine("in", "sub")]);
        Assert.StartsWith("[", json.TrimStart());
    }

    [Fact]
    public async Task Extract_names_one_file_one_way_however_its_path_is_typed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in", "sub"));
        File.WriteAllText(Path.Combine(_root, "in", "b.txt"), Story);

        var ids = new List<string>();
        foreach (string typed in new[] { "in/b.txt", "./in/b.txt", "in/sub/../b.txt", "in//b.txt" })
        {
            var (exit, json, stderr) = await CliProcess.RunAsync(_root, ["extract", typed]);
            Assert.True(exit == 0, stderr);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            Assert.Equal("in/b.txt", doc.RootElement.GetProperty("source").GetProperty("name").GetString());
            ids.Add(doc.RootElement.GetProperty("id").GetString()!);
        }
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Extract_of_a_path_that_does_not_exist_is_exit_1_with_its_name()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(_root, ["extract", "missing-folder"]);
        Assert.Equal(1, exit);
        Assert.Contains("No such file or folder: missing-folder", stderr);
    }

    [Theory]
    [InlineData("article")]
    [InlineData("delete")]
    public async Task An_empty_article_id_is_refused_before_any_request(string command)
    {
        string[] args = command == "article" ? ["query", "article", "", "--api", "http://127.0.0.1:9"] : ["delete", " ", "--api", "http://127.0.0.1:9"];
        var (exit, stdout, stderr) = await CliProcess.RunAsync(_root, args);
        Assert.NotEqual(0, exit);
        Assert.Contains("The article id is empty", stderr);
        Assert.Equal("", stdout);
        Assert.Contains(command == "article" ? "Run 'ingest query article --help' for usage." : "Run 'ingest delete --help' for usage.", stderr);
    }

    [Fact]
    public async Task An_unknown_option_is_an_error_on_stderr_and_no_help_on_stdout()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(_root, ["query", "articles", "--no-such-option"]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("--no-such-option", stderr);
        Assert.Contains("Run 'ingest query articles --help' for usage.", stderr);
    }

    private static string Render(string kind, HttpStatusCode status, string body)
    {
        var output = new StringWriter();
        QueryOutput.Print(kind, (status, body), OutputMode.Table, output);
        return output.ToString();
    }

    [Fact]
    public void An_article_list_renders_as_a_table_with_status_and_the_next_page_token()
    {
        string text = Render("articles", HttpStatusCode.OK, """
            {"items":[{"id":"0123456789abcdef","source":{"container":"articles","name":"a.txt"},"title":"Ferry Returns to the Bay",
            "publisher":"Bay Courier","publishedAt":"2026-11-30","pipelineVersion":"0.3.1","status":"stored"},
            {"id":"fedcba9876543210","title":"Old Story","status":"failed","failure":{"reason":"No article text was found."}}],
            "continuationToken":"tok123"}
            """);

        Assert.Contains("Ferry Returns to the Bay", text);
        Assert.Contains("Bay Courier", text);
        Assert.Contains("2026-11-30", text);
        Assert.Contains("failed: No article text was found.", text);
        Assert.Contains("2 item(s)", text);
        Assert.Contains("--continuation-token tok123", text);
        Assert.DoesNotContain("\"items\"", text);
    }

    [Fact]
    public void An_article_renders_its_facts_body_quotes_entities_and_removed_boilerplate()
    {
        string text = Render("article", HttpStatusCode.OK, """
            {"id":"0123456789abcdef","source":{"container":"articles","name":"a.txt"},"title":"Ferry Returns","authors":["Test Writer"],
            "body":"The ferry service resumed.","quotes":[{"text":"Passengers can travel again","speaker":"Ada Quill","speakerKind":"person","cue":"said","paragraph":1}],
            "entities":[{"name":"Ada Quill","type":"person","mentions":2,"aliases":["Quill"]}],
            "boilerplate":[{"text":"Share this story","reason":"share"}],"pipelineVersion":"0.3.1"}
            """);

        Assert.Contains("Ferry Returns", text);
        Assert.Contains("Test Writer", text);
        Assert.Contains("articles/a.txt", text);
        Assert.Contains("The ferry service resumed.", text);
        Assert.Contains("“Passengers can travel again”", text);
        Assert.Contains("Quotes (1)", text);
        Assert.Contains("Quill", text);
        Assert.Contains("Boilerplate removed (1)", text);
        Assert.Contains("share", text);
    }

    [Fact]
    public void A_failed_article_and_an_error_answer_say_why()
    {
        string failed = Render("article", HttpStatusCode.UnprocessableEntity, """
            {"status":"failed","failure":{"id":"0123456789abcdef","source":{"container":"articles","name":"bad.txt"},"stage":"decode",
            "reason":"The file is empty.","errorType":"ArticleRejectedException","pipelineVersion":"0.3.1"},"lastRecord":null}
            """);
        Assert.Contains("failed in stage decode: The file is empty.", failed);
        Assert.Contains("articles/bad.txt", failed);

        var output = new StringWriter();
        int exit = QueryOutput.Print("articles", (HttpStatusCode.BadRequest,
            """{"error":{"code":"unknown_parameter","message":"Unknown query parameter 'entitiy'.","parameter":"entitiy"}}"""),
            OutputMode.Table, output);
        Assert.Equal(1, exit);
        Assert.Contains("400 unknown_parameter", output.ToString());
        Assert.Contains("parameter: entitiy", output.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_error_answer_goes_to_the_error_writer_so_a_pipe_never_reads_it_as_results(bool json)
    {
        var mode = json ? OutputMode.Json : OutputMode.Table;
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = QueryOutput.Print("quotes", (HttpStatusCode.BadRequest,
            """{"error":{"code":"invalid_token","message":"The continuation token is not valid.","parameter":"continuationToken"}}"""),
            mode, output, errors: errors);
        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains("invalid_token", errors.ToString());

        exit = QueryOutput.Print("quotes", (HttpStatusCode.OK, """{"items":[]}"""), mode, output, errors: errors);
        Assert.Equal(0, exit);
        Assert.NotEqual("", output.ToString());
    }

    [Fact]
    public void A_failure_list_keeps_ids_whole_and_times_short_on_a_narrow_console()
    {
        var output = new StringWriter();
        QueryOutput.Print("failures", (HttpStatusCode.OK, """
            {"items":[{"id":"8ec7674057139f6f","source":{"container":"articles","name":"uploads/2026/a-rather-long-file-name.txt"},
            "stage":"decode","reason":"The file looks like a PDF document, which is not an article format Ingest reads.",
            "failedAt":"2026-12-02T23:07:05.2302321+00:00"}]}
            """), OutputMode.Table, output, width: 80);
        string text = output.ToString();
        Assert.Contains("8ec7674057139f6f", text);
        Assert.Contains("2026-12-02 23:07:05Z", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));
    }

    [Fact]
    public void Json_mode_prints_the_api_answer_as_json()
    {
        var output = new StringWriter();
        int exit = QueryOutput.Print("entities", (HttpStatusCode.OK, """{"items":[{"name":"Ada Quill","type":"person","articles":3}]}"""),
            OutputMode.Json, output);
        Assert.Equal(0, exit);
        Assert.Contains("\"name\": \"Ada Quill\"", output.ToString());
    }

    [Theory]
    [InlineData(200, """{"contentHash":"aa"}""", "stored")]
    [InlineData(200, """{"contentHash":"bb"}""", null)] // the record of an earlier upload under this name
    [InlineData(404, """{"error":{"code":"not_found"}}""", null)]
    [InlineData(422, """{"failure":{"contentHash":"aa","reason":"The file is empty."}}""", "failed: The file is empty.")]
    [InlineData(422, """{"failure":{"contentHash":"bb","reason":"old"}}""", null)]
    [InlineData(422, """{"failure":{"contentHash":null,"reason":"gave up","failedAt":"2026-12-02T10:00:05Z"}}""", "failed: gave up")]
    [InlineData(422, """{"failure":{"contentHash":null,"reason":"gave up","failedAt":"2026-12-02T09:59:00Z"}}""", null)]
    public void An_upload_outcome_counts_only_answers_about_the_uploaded_bytes(int status, string body, string? outcome)
    {
        var started = DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(outcome, UploadOutcomes.OutcomeOf(((HttpStatusCode)status, body), "aa", started));
    }
}

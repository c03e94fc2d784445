using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ingest.Cli.Commands;

/// <summary>How a query command prints its answer.</summary>
internal enum OutputMode
{
    /// <summary>The API's JSON, pretty-printed: for scripts, and whenever standard output is not a terminal.</summary>
    Json,

    /// <summary>Tables and readable text: the default on a terminal.</summary>
    Table,
}

/// <summary>
/// Readable rendering of the HTTP API's answers for a person at a terminal (Spectre.Console tables), with JSON kept for
/// scripts: <c>--json</c> forces JSON, <c>--table</c> forces tables, and without either the output is tables only when
/// standard output is a terminal, so a pipe or a redirect always gets the JSON it got before.
/// </summary>
internal static class QueryOutput
{
    /// <summary>Longest cell text before it is cut with an ellipsis (characters).</summary>
    private const int MaxCell = 90;

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the API's JSON (the default when output is not a terminal)." };

    public static Option<bool> TableOption() => new("--table") { Description = "Print tables (the default on a terminal)." };

    /// <summary>The mode the options and the terminal ask for; <c>--json</c> wins over <c>--table</c>.</summary>
    public static OutputMode ModeOf(ParseResult parse, Option<bool> json, Option<bool> table) =>
        parse.GetValue(json) ? OutputMode.Json
        : parse.GetValue(table) ? OutputMode.Table
        : Console.IsOutputRedirected ? OutputMode.Json : OutputMode.Table;

    /// <summary>
    /// Prints an API answer and returns the exit code: 0 for 2xx, 1 otherwise. Tables for the known shapes of
    /// <paramref name="kind"/> (<c>articles</c>, <c>quotes</c>, <c>entities</c>, <c>failures</c>, <c>article</c>); an error body
    /// as its code and message; anything else (or <see cref="OutputMode.Json"/>) as the JSON.
    /// </summary>
    /// <param name="kind">The query: <c>articles</c>, <c>quotes</c>, <c>entities</c>, <c>failures</c>, <c>article</c> or another name.</param>
    /// <param name="response">The API's status and body.</param>
    /// <param name="mode">JSON or tables.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="width">Console width in columns when <paramref name="output"/> is not the terminal (default 160).</param>
    /// <param name="errors">Where a non-2xx answer goes (the commands pass standard error); default <paramref name="output"/>.</param>
    public static int Print(string kind, (HttpStatusCode Status, string Body) response, OutputMode mode, TextWriter output, int width = 160,
        TextWriter? errors = null)
    {
        if (mode == OutputMode.Json)
            return ApiClient.Print(response, output, errors);
        int exit = (int)response.Status is >= 200 and < 300 ? 0 : 1;
        if (exit != 0 && errors is not null)
            output = errors;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            output.WriteLine(response.Body);
            return exit;
        }
        var console = ConsoleOn(output, width);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
        {
            console.MarkupLineInterpolated($"[red]{(int)response.Status} {Str(error, "code")}[/]: {Str(error, "message")}");
            if (Str(error, "parameter") is { Length: > 0 } parameter)
                console.MarkupLineInterpolated($"parameter: {parameter}");
            return exit;
        }
        switch (kind)
        {
            case "article" when root.TryGetProperty("failure", out var failure):
                WriteFailure(console, failure);
                if (root.TryGetProperty("lastRecord", out var last) && last.ValueKind == JsonValueKind.Object)
                {
                    console.MarkupLine("[grey]The last good record of this blob:[/]");
                    WriteArticle(console, last);
                }
                break;
            case "article":
                WriteArticle(console, root);
                break;
            case "articles" or "quotes" or "entities" or "failures" when root.TryGetProperty("items", out var items):
                console.Write(ListTable(kind, items));
                console.MarkupLineInterpolated($"[grey]{items.GetArrayLength()} item(s)[/]");
                if (Str(root, "continuationToken") is { Length: > 0 } token)
                    console.MarkupLineInterpolated($"[grey]next page:[/] --continuation-token {token}");
                break;
            default:
                output.WriteLine(JsonSerializer.Serialize(root, Core.Document.ArticleJson.Indented));
                break;
        }
        return exit;
    }

    /// <summary>A console that writes plain text to <paramref name="output"/>, with colour only when it is the terminal.</summary>
    private static IAnsiConsole ConsoleOn(TextWriter output, int width)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = width;
        return console;
    }

    private static Table ListTable(string kind, JsonElement items)
    {
        var table = new Table().Border(TableBorder.Rounded);
        (string Header, Func<JsonElement, string> Cell)[] columns = kind switch
        {
            "articles" =>
            [
                ("id", i => Str(i, "id")), ("published", i => Str(i, "publishedAt")), ("publisher", i => Str(i, "publisher")),
                ("title", i => Str(i, "title")), ("status", i => Str(i, "status") is "failed" && i.TryGetProperty("failure", out var f)
                    ? "failed: " + Str(f, "reason") : Str(i, "status")),
            ],
            "quotes" =>
            [
                ("speaker", i => Str(i, "speaker")), ("kind", i => Str(i, "speakerKind")), ("quote", i => "“" + Str(i, "text") + "”"),
                ("articles", i => i.TryGetProperty("articleIds", out var ids) ? ids.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
            ],
            "entities" => [("name", i => Str(i, "name")), ("type", i => Str(i, "type")), ("articles", i => Str(i, "articles"))],
            _ =>
            [
                ("id", i => Str(i, "id")), ("file", i => SourceOf(i)), ("stage", i => Str(i, "stage")), ("reason", i => Str(i, "reason")),
                ("failed at", i => ShortTime(Str(i, "failedAt"))),
            ],
        };
        foreach (var (header, _) in columns)
        {
            // An id is copied into the next command: it must not wrap.
            var column = new TableColumn(header);
            table.AddColumn(header is "id" or "failed at" ? column.NoWrap() : column);
        }
        foreach (var item in items.EnumerateArray())
            table.AddRow(columns.Select(c => (IRenderable)new Text(Cut(c.Cell(item)))).ToArray());
        return table;
    }

    private static void WriteArticle(IAnsiConsole console, JsonElement r)
    {
        console.Write(new Rule(Markup.Escape(Str(r, "title") is { Length: > 0 } t ? t : "(no title)")).LeftJustified());
        if (Str(r, "subtitle") is { Length: > 0 } subtitle)
            console.MarkupLineInterpolated($"[italic]{subtitle}[/]");
        var facts = new Grid().AddColumn().AddColumn();
        void Fact(string name, string value)
        {
            if (value.Length > 0)
                facts.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        }
        Fact("id", Str(r, "id"));
        Fact("file", SourceOf(r));
        Fact("authors", r.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            ? string.Join(", ", authors.EnumerateArray().Select(a => a.GetString())) : "");
        Fact("published", Str(r, "publishedAt"));
        Fact("publisher", Str(r, "publisher"));
        Fact("original source", Str(r, "originalSource"));
        Fact("pipeline", Str(r, "pipelineVersion"));
        console.Write(facts);
        console.WriteLine();
        console.WriteLine(Str(r, "body"));
        console.WriteLine();
        if (r.TryGetProperty("quotes", out var quotes) && quotes.GetArrayLength() > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Quotes ({quotes.GetArrayLength()})")
                .AddColumn("¶").AddColumn("speaker").AddColumn("cue").AddColumn("quote");
            foreach (var q in quotes.EnumerateArray())
                // ¶ counts from 1 for people, as the browser view does; the JSON's paragraph is the zero-based index.
                table.AddRow(new Text(q.TryGetProperty("paragraph", out var para) && para.TryGetInt32(out int n) ? (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""), new Text(Str(q, "speaker") is { Length: > 0 } s ? s : "?"),
                    new Text(Str(q, "cue")), new Text(Cut("“" + Str(q, "text") + "”")));
            console.Write(table);
        }
        if (r.TryGetProperty("entities", out var entities) && entities.GetArrayLength() > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Entities ({entities.GetArrayLength()})")
                .AddColumn("name").AddColumn("type").AddColumn("mentions").AddColumn("aliases");
            foreach (var e in entities.EnumerateArray())
                table.AddRow(new Text(Str(e, "name")), new Text(Str(e, "type")), new Text(Str(e, "mentions")),
                    new Text(e.TryGetProperty("aliases", out var a) ? string.Join(", ", a.EnumerateArray().Select(x => x.GetString())) : ""));
            console.Write(table);
        }
        if (r.TryGetProperty("boilerplate", out var removed) && removed.GetArrayLength() > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Boilerplate removed ({removed.GetArrayLength()})")
                .AddColumn("reason").AddColumn("text");
            foreach (var b in removed.EnumerateArray())
                table.AddRow(new Text(Str(b, "reason")), new Text(Cut(Str(b, "text"))));
            console.Write(table);
        }
    }

    private static void WriteFailure(IAnsiConsole console, JsonElement f)
    {
        console.MarkupLineInterpolated($"[red]failed[/] in stage {Str(f, "stage")}: {Str(f, "reason")}");
        console.MarkupLineInterpolated($"[grey]file {SourceOf(f)}, {Str(f, "errorType")}, pipeline {Str(f, "pipelineVersion")}, at {Str(f, "failedAt")}[/]");
    }

    /// <summary>"2026-12-02T23:07:05.2302321+00:00" → "2026-12-02 23:07:05Z" (UTC, to the second); other text as it is.</summary>
    private static string ShortTime(string value) =>
        DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : value;

    private static string SourceOf(JsonElement e) =>
        e.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Object ? $"{Str(s, "container")}/{Str(s, "name")}" : "";

    /// <summary>A property as text: strings as they are, numbers and booleans as JSON writes them, null or absent as "".</summary>
    private static string Str(JsonElement e, string name) =>
        e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) ? ""
        : v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => v.GetRawText(),
        };

    private static string Cut(string text)
    {
        string flat = text.ReplaceLineEndings(" ");
        return flat.Length <= MaxCell ? flat : flat[..(MaxCell - 1)] + "…";
    }
}

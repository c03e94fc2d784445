using System.Text.Json.Nodes;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace Ingest.Functions.Browser;

/// <summary>
/// The docs page (<c>GET /api/docs</c>): the OpenAPI document (<see cref="OpenApiDocumentBuilder"/>) rendered on the server,
/// operation by operation (parameters, responses, the key requirement) and schema by schema, with a link that sends each
/// GET without path parameters. No script and nothing from elsewhere, so it works offline.
/// </summary>
internal static class ApiDocsPage
{
    private static readonly Lazy<JsonObject> Document = new(() => JsonNode.Parse(OpenApiDocumentBuilder.Json)!.AsObject());

    /// <summary>The page.</summary>
    public static IActionResult Render(UiLinks links)
    {
        var doc = Document.Value;
        var info = doc["info"]!;
        var html = new HtmlWriter().Open("div", ("class", "panel"))
            .Element("h1", $"{info["title"]} (pipeline {info["version"]})")
            .Open("p").Prose(info["description"]?.GetValue<string>()).Close("p")
            .Open("p").Link("/" + ApiRoutes.Prefix + "/openapi.json", "openapi.json").Text($" · OpenAPI {doc["openapi"]}").Close("p")
            .Close("div");

        var operations = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!.AsObject())))
            .GroupBy(o => o.Operation["tags"]![0]!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var group in operations)
        {
            html.Element("h2", group.Key);
            foreach (var (path, method, operation) in group)
                Operation(html, path, method, operation, links);
        }
        html.Element("h2", "Schemas");
        foreach (var (name, schema) in doc["components"]!["schemas"]!.AsObject())
            Schema(html, name, schema!.AsObject());
        return HtmlPages.Page("API", html, links);
    }

    private static void Operation(HtmlWriter html, string path, string method, JsonObject operation, UiLinks links)
    {
        string id = operation["operationId"]!.GetValue<string>();
        html.Open("section", ("class", "op"), ("id", id)).Open("h3")
            .Element("span", method.ToUpperInvariant(), ("class", "method")).Element("code", path).Raw(" ")
            .Text(operation["summary"]?.GetValue<string>()).Close("h3");
        if (operation["description"] is { } description)
            html.Open("p").Prose(description.GetValue<string>()).Close("p");
        bool keyed = operation["security"] is JsonArray { Count: > 0 };
        html.Element("p", $"operationId {id} · " + (keyed ? "function key in Azure (?code= or x-functions-key)" : "no key"), ("class", "removed"));

        var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        if (parameters.Count > 0)
        {
            html.Raw("<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>");
            foreach (var p in parameters)
                html.Open("tr").Open("td").Element("code", p["name"]!.GetValue<string>()).Close("td")
                    .Element("td", p["in"]!.GetValue<string>() + (p["required"]?.GetValue<bool>() == true ? ", required" : ""))
                    .Element("td", TypeName(p["schema"])).Open("td").Prose(p["description"]?.GetValue<string>()).Close("td").Close("tr");
            html.Raw("</tbody></table>");
        }
        html.Raw("<table><thead><tr><th>Status</th><th>Body</th><th>Description</th></tr></thead><tbody>");
        foreach (var (status, node) in operation["responses"]!.AsObject())
        {
            var response = node!["$ref"] is { } reference
                ? Document.Value["components"]!["responses"]![reference.GetValue<string>().Split('/')[^1]]!
                : node;
            var content = response["content"]?.AsObject().FirstOrDefault();
            string body = content is { Key: { } type, Value: { } media } ? $"{type} {TypeName(media["schema"])}".TrimEnd() : "—";
            html.Open("tr").Element("td", status).Element("td", body).Open("td").Prose(response["description"]?.GetValue<string>()).Close("td").Close("tr");
        }
        html.Raw("</tbody></table>");

        // A link rather than a form: a form sends its empty fields too, and the API refuses a filter given empty.
        if (method == "get" && !path.Contains('{', StringComparison.Ordinal))
            html.Open("p").Link(links.Path(path), "GET " + path, "try").Close("p");
        html.Close("section");
    }

    private static void Schema(HtmlWriter html, string name, JsonObject schema)
    {
        html.Open("section", ("class", "op"), ("id", "schema-" + name)).Element("h3", name);
        if (schema["properties"] is JsonObject properties)
        {
            html.Raw("<table><thead><tr><th>Property</th><th>Type</th></tr></thead><tbody>");
            foreach (var (property, value) in properties)
                html.Open("tr").Open("td").Element("code", property).Close("td").Element("td", TypeName(value)).Close("tr");
            html.Raw("</tbody></table>");
        }
        else
            html.Element("p", TypeName(schema));
        html.Close("section");
    }

    /// <summary>A short type for people: <c>string</c>, <c>string or null</c>, <c>array of ArticleSummary</c>, <c>SourceRef</c>.</summary>
    internal static string TypeName(JsonNode? schema) => schema switch
    {
        null => "any",
        JsonObject o when o["$ref"] is { } r => r.GetValue<string>().Split('/')[^1],
        JsonObject o when o["anyOf"] is JsonArray any => string.Join(" or ", any.Select(TypeName)),
        JsonObject o when o["type"] is JsonArray types => string.Join(" or ", types.Select(t => t!.GetValue<string>() == "array" ? "array of " + TypeName(o["items"]) : t!.GetValue<string>())),
        JsonObject o when o["type"]?.GetValue<string>() == "array" => "array of " + TypeName(o["items"]),
        JsonObject o when o["type"] is { } t => t.GetValue<string>() + (o["format"] is { } f ? $" ({f})" : "") +
                                                (o["enum"] is JsonArray e ? ": " + string.Join(" | ", e) : ""),
        _ => "any",
    };
}

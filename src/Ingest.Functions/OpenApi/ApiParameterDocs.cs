using System.Text.Json.Nodes;
using Ingest.Functions.Http;

namespace Ingest.Functions.OpenApi;

/// <summary>The description and JSON schema of one query or path parameter in the OpenAPI document.</summary>
/// <param name="Description">What the parameter does, for people (CommonMark).</param>
/// <param name="Schema">Its JSON schema (a fresh node each time it is read, so it can be placed in a document).</param>
public sealed record ApiParameterDoc(string Description, Func<JsonObject> Schema);

/// <summary>
/// One description per parameter name of the HTTP API, shared by every route that takes it (the parsers in
/// <see cref="QueryParameters"/> read a name the same way on every route). The rules stated here are those of the parsers.
/// </summary>
public static class ApiParameterDocs
{
    private static JsonObject Text(int maxLength = QueryParameters.MaxFilterLength) =>
        new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength };

    /// <summary>The parameters by name (case-sensitive, as the document spells them; the API matches them ignoring case).</summary>
    public static IReadOnlyDictionary<string, ApiParameterDoc> All { get; } = new Dictionary<string, ApiParameterDoc>(StringComparer.Ordinal)
    {
        ["id"] = new("Article id: 16 lowercase hex characters, the start of the SHA-256 of `container/name` (400 `invalid_id` otherwise).",
            () => new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{16}$" }),
        ["entity"] = new("Entity name, canonical (`Elena Varga`) or an alias a record lists for it (`Varga`); matched ignoring case " +
            "after NFC normalization. Given but empty is 400 `empty_filter`.", () => Text()),
        ["speaker"] = new("Speaker of a quote: canonical name, or an alias of the entity of the same name. Given but empty is 400 `empty_filter`.",
            () => Text()),
        ["source"] = new("Publisher or original source (`Harbor Wire`). Given but empty is 400 `empty_filter`.", () => Text()),
        ["from"] = new($"Earliest published date, inclusive, `{QueryParameters.DateFormat}` (400 `invalid_date` otherwise; " +
            "after `to` is 400 `invalid_range`).", () => new JsonObject { ["type"] = "string", ["format"] = "date" }),
        ["to"] = new($"Latest published date, inclusive, `{QueryParameters.DateFormat}`.",
            () => new JsonObject { ["type"] = "string", ["format"] = "date" }),
        ["order"] = new("`key` (default: the order of the index the query reads) or `newest` (newest published first, undated last); " +
            "`newest` takes no entity, speaker or source (400 `invalid_parameter`).",
            () => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("key", "newest"), ["default"] = "key" }),
        ["text"] = new("Words that must all occur in the quotation (case-insensitive); needs a letter or digit.", () => Text()),
        ["prefix"] = new("Start of the entity names to list (case-insensitive); leave it out to list every entity.", () => Text()),
        ["pageSize"] = new($"Items per page, 1 to {QueryParameters.MaxPageSize} (default {QueryParameters.DefaultPageSize}).",
            () => new JsonObject
            {
                ["type"] = "integer", ["minimum"] = 1, ["maximum"] = QueryParameters.MaxPageSize, ["default"] = QueryParameters.DefaultPageSize,
            }),
        [QueryParameters.ContinuationToken] = new("The `continuationToken` of the previous page, unchanged, with the same filters; " +
            "a token that is malformed, old, cut, altered or of another query is 400 `invalid_token`.", () => Text(QueryParameters.MaxTokenLength)),
        ["blob"] = new("`true`: also delete the source blob; `false` (default) keeps it.",
            () => new JsonObject { ["type"] = "boolean", ["default"] = false }),
    };
}

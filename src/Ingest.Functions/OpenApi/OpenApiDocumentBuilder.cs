using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ingest.Core;
using Ingest.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.1 document of the HTTP API from the function classes: every route of <see cref="ApiRoutes.All"/>
/// (the <c>[Function]</c> and <c>[HttpTrigger]</c> attributes the Functions host indexes) is an operation, with what its
/// <see cref="ApiOperationAttribute"/> and <see cref="ApiResponseAttribute"/>s say. Served at <c>GET /api/openapi.json</c>.
/// </summary>
/// <remarks>
/// Nothing is kept by hand besides those attributes: paths, methods, operation ids (the function names), path parameters
/// and the key requirement (<see cref="AuthorizationLevel"/>) come from the triggers, query parameters from the
/// <see cref="QueryParameters"/> list a function names, schemas from the response types (<see cref="SchemaRegistry"/>).
/// A route without <see cref="ApiOperationAttribute"/> still appears, with its path parameters, a JSON 200 and the errors.
/// </remarks>
public static class OpenApiDocumentBuilder
{
    /// <summary>The OpenAPI version the document declares.</summary>
    public const string OpenApiVersion = "3.1.0";

    /// <summary>The security scheme of a function key in the query (<c>?code=</c>).</summary>
    public const string KeyInQuery = "functionKeyQuery";

    /// <summary>The security scheme of a function key in the <c>x-functions-key</c> header.</summary>
    public const string KeyInHeader = "functionKeyHeader";

    /// <summary>Error statuses and what they mean; each is a <c>components/responses</c> entry in the error shape.</summary>
    internal static readonly IReadOnlyDictionary<int, string> ErrorStatuses = new SortedDictionary<int, string>
    {
        [400] = "A parameter is wrong: `error.code` is `unknown_parameter` (a query parameter the route does not have), " +
                "`invalid_parameter`, `invalid_date`, `invalid_range`, `empty_filter`, `invalid_token` or `invalid_id`; " +
                "`error.parameter` names it.",
        [404] = "`not_found`: nothing is stored for the id, or no route has the path.",
        [405] = "`method_not_allowed`: the path has routes for other methods, listed in `Allow` (Ingest.LocalHost; in Azure the " +
                "Functions host answers a wrong method on a declared path with an empty 404).",
        [409] = "`conflict`: the request conflicts with the stored state.",
        [422] = "The request was understood but what it names cannot be processed.",
        [500] = "`internal_error`: a fault of the app; the message is the first line of the error, without a stack trace.",
        [503] = "`storage_unavailable`: the storage behind the API did not answer; retry after `Retry-After` seconds.",
    };

    /// <summary>The statuses every operation can answer, declared or not.</summary>
    private static readonly int[] AlwaysPossible = [405, 500];

    private static readonly Lazy<string> Cached = new(() => Build(ApiRoutes.All).ToJsonString(
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    /// <summary>The document of <see cref="ApiRoutes.All"/> as indented JSON (built once).</summary>
    public static string Json => Cached.Value;

    /// <summary>Builds the document of <paramref name="routes"/>.</summary>
    /// <param name="routes">The routes (<see cref="ApiRoutes.All"/>).</param>
    /// <returns>The OpenAPI document.</returns>
    /// <exception cref="InvalidOperationException">An <see cref="ApiOperationAttribute.Query"/> names no list of
    /// <see cref="QueryParameters"/>, or two response types share a name.</exception>
    public static JsonObject Build(IEnumerable<ApiRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var schemas = new SchemaRegistry();
        var paths = new JsonObject();
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in routes.OrderBy(r => r.Template, StringComparer.Ordinal))
        {
            string path = "/" + ApiRoutes.Prefix + "/" + string.Join('/', route.Template.Split('/').Select(PathSegment));
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (string method in route.Methods)
            {
                var operation = Operation(route, schemas);
                tags.Add(operation["tags"]![0]!.GetValue<string>());
                item[method.ToLowerInvariant()] = operation;
            }
        }
        schemas.Reference(typeof(ApiErrorBody));
        return new JsonObject
        {
            ["openapi"] = OpenApiVersion,
            ["info"] = new JsonObject
            {
                ["title"] = "Ingest HTTP API",
                ["version"] = PipelineInfo.Version,
                ["description"] = "News article records (text without boilerplate, metadata, quotes with speakers, entities) kept in " +
                    "Azure Table storage, queried by entity, speaker, source and date. Lists are paged: pass `continuationToken` back " +
                    "unchanged with the same filters. Every error answers `{\"error\": {\"code\", \"message\", \"parameter\"}}`. " +
                    "In Azure every route but this document and the docs page needs a function key (`?code=` or `x-functions-key`); " +
                    "Ingest.LocalHost listens on 127.0.0.1 and checks none. `version` is the pipeline version of the records.",
            },
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components(),
                ["responses"] = ErrorResponses(),
                ["securitySchemes"] = new JsonObject
                {
                    [KeyInQuery] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = QueryParameters.FunctionKey },
                    [KeyInHeader] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                },
            },
        };
    }

    /// <summary>The name of the <c>components/responses</c> entry of an error status (<c>Error404</c>).</summary>
    internal static string ErrorResponseName(int status) => "Error" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A route segment as an OpenAPI path segment: <c>{id:regex(…)}</c>, <c>{*rest}</c> and <c>{id?}</c> become <c>{id}</c>.</summary>
    private static string PathSegment(string segment) =>
        segment.StartsWith('{') && segment.EndsWith('}') ? "{" + segment[1..^1].TrimStart('*').Split(':')[0].TrimEnd('?') + "}" : segment;

    private static JsonObject Operation(ApiRoute route, SchemaRegistry schemas)
    {
        var described = route.Handler?.GetCustomAttribute<ApiOperationAttribute>();
        var operation = new JsonObject
        {
            ["operationId"] = route.Function,
            ["summary"] = described?.Summary ?? route.Function,
            ["tags"] = new JsonArray(described?.Tag ?? "undescribed"),
        };
        if (described?.Description is { } description)
            operation["description"] = description;

        var parameters = new JsonArray();
        foreach (string name in route.Parameters)
            parameters.Add(Parameter(name, "path", required: true));
        foreach (string name in QueryNames(described))
            parameters.Add(Parameter(name, "query", required: false));
        if (parameters.Count > 0)
            operation["parameters"] = parameters;

        var responses = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        int status = described?.Status ?? 200;
        var success = new JsonObject { ["description"] = described?.ResponseDescription ?? "OK." };
        if (status != 204)
        {
            JsonObject schema = described?.Response is { } type ? schemas.SchemaOf(type)
                : described?.ContentType.StartsWith("text/", StringComparison.Ordinal) == true ? new JsonObject { ["type"] = "string" }
                : new JsonObject();
            success["content"] = new JsonObject { [described?.ContentType ?? "application/json"] = new JsonObject { ["schema"] = schema } };
        }
        responses[Status(status)] = success;
        // Undescribed: what every route can answer (an unknown query parameter, storage down), and 404 for an id in the path.
        int[] errors = described?.Errors ?? (route.Parameters.Count > 0 ? [400, 404, 503] : [400, 503]);
        bool page = described?.ContentType.StartsWith("text/html", StringComparison.Ordinal) == true;
        foreach (int error in errors.Concat(AlwaysPossible).Distinct())
        {
            if (!ErrorStatuses.TryGetValue(error, out string? meaning))
                throw new InvalidOperationException($"{route.Function} declares error {error}, which the document does not describe.");
            // A page answers its own errors with a page that shows the error code and message; 405 and 500 come from the host.
            responses[Status(error)] = page && !AlwaysPossible.Contains(error)
                ? new JsonObject
                {
                    ["description"] = "An HTML page with the error code and message. " + meaning,
                    ["content"] = new JsonObject { ["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
                }
                : new JsonObject { ["$ref"] = "#/components/responses/" + ErrorResponseName(error) };
        }
        foreach (var extra in route.Handler?.GetCustomAttributes<ApiResponseAttribute>() ?? [])
        {
            responses[Status(extra.Status)] = new JsonObject
            {
                ["description"] = extra.Description,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.SchemaOf(extra.Body) } },
            };
        }
        operation["responses"] = new JsonObject([.. responses.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]);
        operation["security"] = route.Level == AuthorizationLevel.Anonymous
            ? new JsonArray()
            : new JsonArray(new JsonObject { [KeyInQuery] = new JsonArray() }, new JsonObject { [KeyInHeader] = new JsonArray() });
        return operation;
    }

    /// <summary>The query parameters of <see cref="ApiOperationAttribute.Query"/>: a static list of <see cref="QueryParameters"/>.</summary>
    internal static IReadOnlyList<string> QueryNames(ApiOperationAttribute? described)
    {
        if (described?.Query is not { } list)
            return [];
        return typeof(QueryParameters).GetField(list, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>
               ?? throw new InvalidOperationException($"QueryParameters has no public static list '{list}'.");
    }

    private static JsonObject Parameter(string name, string where, bool required)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = where, ["required"] = required };
        if (ApiParameterDocs.All.TryGetValue(name, out var doc))
        {
            parameter["description"] = doc.Description;
            parameter["schema"] = doc.Schema();
        }
        else
            parameter["schema"] = new JsonObject { ["type"] = "string" };
        return parameter;
    }

    private static JsonObject ErrorResponses()
    {
        var responses = new JsonObject();
        foreach (var (status, description) in ErrorStatuses)
        {
            var response = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + nameof(ApiErrorBody) } },
                },
            };
            if (status is 405 or 503)
            {
                string header = status == 405 ? "Allow" : "Retry-After";
                response["headers"] = new JsonObject
                {
                    [header] = new JsonObject
                    {
                        ["description"] = status == 405 ? "The methods the path answers, comma-separated." : "Seconds to wait before retrying.",
                        ["schema"] = new JsonObject { ["type"] = status == 405 ? "string" : "integer" },
                    },
                };
            }
            responses[ErrorResponseName(status)] = response;
        }
        return responses;
    }

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

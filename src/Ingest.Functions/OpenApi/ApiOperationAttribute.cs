namespace Ingest.Functions.OpenApi;

/// <summary>
/// What the OpenAPI document (<see cref="OpenApiDocumentBuilder"/>) says about one HTTP function, beside its
/// <c>[Function]</c> and <c>[HttpTrigger]</c> attributes, which give the operation id, path, methods and authorization.
/// </summary>
/// <remarks>
/// A function without this attribute is still in the document (path, path parameters, a JSON 200, 400 and 503, and 404 when
/// the path has parameters), so a new route is never missing from it; the attribute adds the summary, the query parameters and the
/// response bodies. Errors are documented in the error shape <c>{"error": {"code", "message", "parameter"}}</c>
/// (<see cref="Http.ApiErrorBody"/>); 405 and 500 are added to every operation.
/// </remarks>
/// <param name="summary">One line for the operation (OpenAPI <c>summary</c>).</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ApiOperationAttribute(string summary) : Attribute
{
    /// <summary>One line for the operation.</summary>
    public string Summary { get; } = summary;

    /// <summary>More about the operation (CommonMark), or null.</summary>
    public string? Description { get; set; }

    /// <summary>The group of the operation in the document and the docs page (<c>articles</c>, <c>operations</c>, …).</summary>
    public string Tag { get; set; } = "articles";

    /// <summary>
    /// The name of the <see cref="Http.QueryParameters"/> list the function checks its query against
    /// (<c>nameof(QueryParameters.ArticleListParameters)</c>); null for none. Each name is described by
    /// <see cref="ApiParameterDocs"/>.
    /// </summary>
    public string? Query { get; set; }

    /// <summary>The HTTP status of success (200, 202, 204).</summary>
    public int Status { get; set; } = 200;

    /// <summary>The CLR type serialized as the success body (its JSON schema is generated), or null for no body or HTML.</summary>
    public Type? Response { get; set; }

    /// <summary>The media type of the success body (<c>application/json</c>, <c>text/html</c>).</summary>
    public string ContentType { get; set; } = "application/json";

    /// <summary>What the success answer holds (OpenAPI response <c>description</c>).</summary>
    public string ResponseDescription { get; set; } = "OK.";

    /// <summary>The error statuses the function answers besides 405 and 500 (400, 404, 409, 422, 503), each in the error shape.</summary>
    public int[] Errors { get; set; } = [];
}

/// <summary>
/// A further response of an HTTP function with a body other than the error shape (422 of <c>GET /api/articles/{id}</c>:
/// the failure record); read by <see cref="OpenApiDocumentBuilder"/>. It replaces the error-shape entry of the same status.
/// </summary>
/// <param name="status">The HTTP status.</param>
/// <param name="body">The CLR type serialized as the body (JSON).</param>
/// <param name="description">What the answer means.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ApiResponseAttribute(int status, Type body, string description) : Attribute
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The CLR type serialized as the body.</summary>
    public Type Body { get; } = body;

    /// <summary>What the answer means.</summary>
    public string Description { get; } = description;
}

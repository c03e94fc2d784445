using Ingest.Functions.Browser;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Functions;

/// <summary>
/// <c>GET /api/openapi.json</c>, the OpenAPI 3.1 document generated from the function classes
/// (<see cref="OpenApiDocumentBuilder"/>), and <c>GET /api/docs</c>, a page that shows it (<see cref="ApiDocsPage"/>).
/// Both are anonymous: they describe the API and hold no data.
/// </summary>
public sealed class ApiDocsFunctions
{
    /// <summary>The OpenAPI document.</summary>
    [Function(nameof(OpenApiDocument))]
    [ApiOperation("This OpenAPI 3.1 document", Tag = "documentation", Errors = [400],
        ResponseDescription = "The OpenAPI document of every HTTP function, generated from the function classes.")]
    public IActionResult OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return ApiResults.BadRequest(error);
        return new ContentResult { Content = OpenApiDocumentBuilder.Json, ContentType = "application/json; charset=utf-8", StatusCode = 200 };
    }

    /// <summary>The docs page.</summary>
    [Function(nameof(ApiDocs))]
    [ApiOperation("The API documentation page", Tag = "documentation", ContentType = "text/html", Errors = [400],
        ResponseDescription = "An HTML page of every operation, its parameters, responses and schemas, with a link that sends each GET without path parameters.")]
    public IActionResult ApiDocs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request)
    {
        var links = new UiLinks(request);
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return HtmlPages.Error(error, links, StatusCodes.Status400BadRequest);
        return ApiDocsPage.Render(links);
    }
}

using Ingest.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Functions;

/// <summary>
/// Answers requests under <c>/api/</c> that no other function serves with the API's JSON error body: 404 <c>not_found</c>
/// listing the routes, or 405 <c>method_not_allowed</c> with <c>Allow</c> (<see cref="ApiResults.NoRoute"/>).
/// </summary>
/// <remarks>
/// The Functions host orders function routes by name, not by ASP.NET precedence, so a plain catch-all could take requests
/// meant for other functions. <see cref="Route"/>'s regular expression therefore excludes every path a declared route can
/// match; the catch-all only ever sees paths that would be 404 anyway. A wrong method on a declared path (<c>POST
/// /api/quotes</c>) thus never reaches it in Azure, where the host answers 404 with an empty body; Ingest.LocalHost answers
/// that with the JSON 405 (its status-code middleware uses the same route table).
/// </remarks>
public sealed class ApiFallbackFunction
{
    /// <summary>
    /// Any path except those of the declared routes (<c>articles</c>, <c>articles/{id}</c>, <c>articles/{id}/copies</c>, <c>quotes</c>, <c>entities</c>,
    /// <c>failures</c>, <c>health</c>, <c>reprocess</c>, <c>openapi.json</c>, <c>docs</c>, <c>ui</c>, <c>ui/articles/{id}</c>,
    /// <c>ui/failures</c>, <c>events/blob-deleted</c>, with or without a trailing <c>/</c>; ASP.NET matches route regexes
    /// ignoring case). Written without brackets or braces, which route templates would need escaped (<c>(?:(?!/).)+</c> is one
    /// segment); a test checks it against <see cref="ApiRoutes.All"/>, the end-to-end tests through ASP.NET routing.
    /// </summary>
    public const string Route = "{*path:regex(^(?!(articles|articles/(?:(?!/).)+|articles/(?:(?!/).)+/copies|quotes|entities|failures|health|reprocess|openapi\\.json|docs|ui|ui/articles/(?:(?!/).)+|ui/failures|events/blob-deleted)/*$).+$)}";

    /// <summary>404 or 405 with the JSON error body.</summary>
    [Function(nameof(ApiFallback))]
    public IActionResult ApiFallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = Route)] HttpRequest request) =>
        ApiResults.NoRoute(request.Method, request.Path);
}

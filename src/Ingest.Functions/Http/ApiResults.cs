using Ingest.Core.Document;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ingest.Functions.Http;

/// <summary>The JSON body of every error response: <c>{"error":{"code":"invalid_date","message":"…","parameter":"from"}}</c>.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record ApiErrorBody(ApiError Error);

/// <summary>One error of the HTTP API.</summary>
/// <param name="Code">Stable machine-readable code (<c>invalid_parameter</c>, <c>invalid_date</c>, <c>invalid_range</c>,
/// <c>empty_filter</c>, <c>invalid_token</c>, <c>invalid_id</c>, <c>not_found</c> …).</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Parameter">The query or route parameter at fault, or null.</param>
public sealed record ApiError(string Code, string Message, string? Parameter = null);

/// <summary>Builds the JSON results of the HTTP functions with the record JSON shape of <see cref="ArticleJson"/>.</summary>
public static class ApiResults
{
    /// <summary>A JSON response with <paramref name="statusCode"/>.</summary>
    public static JsonResult Json(object? value, int statusCode = StatusCodes.Status200OK) =>
        new(value, ArticleJson.Indented) { StatusCode = statusCode, ContentType = "application/json; charset=utf-8" };

    /// <summary>A 400 response naming the bad parameter.</summary>
    public static JsonResult BadRequest(ApiError error) => Json(new ApiErrorBody(error), StatusCodes.Status400BadRequest);

    /// <summary>A 404 response.</summary>
    public static JsonResult NotFound(string message) =>
        Json(new ApiErrorBody(new ApiError("not_found", message)), StatusCodes.Status404NotFound);
}

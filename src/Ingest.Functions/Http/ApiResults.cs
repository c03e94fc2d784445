using Ingest.Core.Document;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Http;

/// <summary>The JSON body of every error response: <c>{"error":{"code":"invalid_date","message":"…","parameter":"from"}}</c>.</summary>
/// <param name="Error">What went wrong.</param>
public sealed record ApiErrorBody(ApiError Error);

/// <summary>One error of the HTTP API.</summary>
/// <param name="Code">Stable machine-readable code (<c>invalid_parameter</c>, <c>unknown_parameter</c>, <c>invalid_date</c>,
/// <c>invalid_range</c>, <c>empty_filter</c>, <c>invalid_token</c>, <c>invalid_id</c>, <c>not_found</c>,
/// <c>method_not_allowed</c>, <c>storage_unavailable</c>, <c>internal_error</c>).</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Parameter">The query or route parameter at fault, or null.</param>
public sealed record ApiError(string Code, string Message, string? Parameter = null);

/// <summary>Builds the JSON results of the HTTP functions with the record JSON shape of <see cref="ArticleJson"/>.</summary>
public static class ApiResults
{
    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) after a 503 <c>storage_unavailable</c>.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>A JSON response with <paramref name="statusCode"/>.</summary>
    /// <param name="value">The body.</param>
    /// <param name="statusCode">The HTTP status.</param>
    public static JsonResult Json(object? value, int statusCode = StatusCodes.Status200OK) =>
        new(value, ArticleJson.Indented) { StatusCode = statusCode, ContentType = "application/json; charset=utf-8" };

    /// <summary>A 400 response naming the bad parameter.</summary>
    /// <param name="error">The error.</param>
    public static JsonResult BadRequest(ApiError error) => Json(new ApiErrorBody(error), StatusCodes.Status400BadRequest);

    /// <summary>A 404 <c>not_found</c> response.</summary>
    /// <param name="message">What was not found.</param>
    public static JsonResult NotFound(string message) =>
        Json(new ApiErrorBody(new ApiError("not_found", message)), StatusCodes.Status404NotFound);

    /// <summary>
    /// The answer to a request no route serves: 405 <c>method_not_allowed</c> with an <c>Allow</c> header when the path has
    /// routes for other methods (<see cref="ApiRoutes.MethodsAt"/>), else 404 <c>not_found</c>.
    /// </summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path (with the <c>/api</c> prefix).</param>
    public static IActionResult NoRoute(string method, string? path)
    {
        var allowed = ApiRoutes.MethodsAt(path);
        if (allowed.Count == 0)
            return NotFound($"No API route matches '{path}'. The routes: {string.Join(", ", ApiRoutes.All.SelectMany(r => r.Methods.Select(m => $"{m} /{ApiRoutes.Prefix}/{r.Template}")))}.");
        var body = new ApiErrorBody(new ApiError("method_not_allowed",
            $"'{path}' does not answer {method}; it answers {string.Join(", ", allowed)}."));
        return new WithHeader(Json(body, StatusCodes.Status405MethodNotAllowed), "Allow", string.Join(", ", allowed));
    }

    /// <summary>A 503 <c>storage_unavailable</c> response with <c>Retry-After</c>: storage did not serve the request (see
    /// <see cref="StorageFailures.IsUnavailable"/>).</summary>
    /// <param name="exception">What storage threw; its first line becomes part of the message.</param>
    public static IActionResult StorageUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var body = new ApiErrorBody(new ApiError("storage_unavailable",
            $"The storage behind the API did not answer; try again in a few seconds. ({StorageFailures.Summary(exception)})"));
        return new WithHeader(Json(body, StatusCodes.Status503ServiceUnavailable), "Retry-After",
            RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs an HTTP function's body and turns a storage outage into <see cref="StorageUnavailable"/>; other exceptions propagate.</summary>
    /// <param name="body">The function's work.</param>
    /// <param name="logger">The function's logger (the outage is logged as a warning).</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <param name="unavailable">The 503 answer for the outage (the browser view answers with a page); null: <see cref="StorageUnavailable"/>.</param>
    /// <returns>The body's result, or a 503.</returns>
    public static async Task<IActionResult> GuardStorageAsync(Func<Task<IActionResult>> body, ILogger logger,
        CancellationToken cancellationToken, Func<Exception, IActionResult>? unavailable = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailures.IsUnavailable(ex, cancellationToken))
        {
            logger.LogWarning("Storage unavailable: {Error}", StorageFailures.Summary(ex));
            return (unavailable ?? StorageUnavailable)(ex);
        }
    }

    /// <summary>An action result with one response header set before it runs.</summary>
    private sealed class WithHeader(IActionResult inner, string name, string value) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers[name] = value;
            return inner.ExecuteResultAsync(context);
        }
    }
}

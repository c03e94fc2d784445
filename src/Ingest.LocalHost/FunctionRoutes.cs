using Ingest.Functions.Functions;
using Ingest.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Ingest.LocalHost;

/// <summary>
/// Maps the routes of the HTTP functions (host.json <c>routePrefix</c> "api") to the same function classes.
/// A minimal API does not execute an <see cref="IActionResult"/>, so each result is executed against an
/// <see cref="ActionContext"/> (the executors come from <c>AddMvcCore</c>). Function keys are not checked:
/// the host listens on the loopback address only.
/// </summary>
internal static class FunctionRoutes
{
    public static IEndpointRouteBuilder MapIngestFunctions(this IEndpointRouteBuilder app)
    {
        // Each endpoint is named after its [Function] (tests compare them with the attributes).
        app.MapGet("/api/articles/{id}", (HttpContext c, string id, ArticlesHttpFunctions f) => Run(c, f.GetArticle(c.Request, id, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.GetArticle));
        app.MapGet("/api/articles/{id}/copies", (HttpContext c, string id, ArticlesHttpFunctions f) => Run(c, f.GetArticleCopies(c.Request, id, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.GetArticleCopies));
        app.MapGet("/api/articles", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListArticles(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListArticles));
        app.MapGet("/api/quotes", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListQuotes(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListQuotes));
        app.MapGet("/api/entities", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListEntities(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListEntities));
        app.MapGet("/api/failures", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListFailures(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListFailures));
        app.MapDelete("/api/articles/{id}", (HttpContext c, string id, DeleteArticleFunction f) => Run(c, f.DeleteArticle(c.Request, id, c.RequestAborted)))
            .WithName(nameof(DeleteArticleFunction.DeleteArticle));
        app.MapMethods("/api/" + ApiFallbackFunction.Route, FallbackMethods,
                (HttpContext c, ApiFallbackFunction f) => Run(c, Task.FromResult(f.ApiFallback(c.Request))))
            .WithName(nameof(ApiFallbackFunction.ApiFallback));
        app.MapGet("/api/health", (HttpContext c, HealthFunction f) => Run(c, f.Health(c.Request, c.RequestAborted)))
            .WithName(nameof(HealthFunction.Health));
        app.MapPost("/api/" + BlobDeletedEventFunction.Route, (HttpContext c, BlobDeletedEventFunction f) => Run(c, f.BlobDeletedEvents(c.Request, c.RequestAborted)))
            .WithName(nameof(BlobDeletedEventFunction.BlobDeletedEvents));
        app.MapPost("/api/reprocess", (HttpContext c, ReprocessHttpFunction f) => Run(c, f.Reprocess(c.Request, c.RequestAborted)))
            .WithName(nameof(ReprocessHttpFunction.Reprocess));
        app.MapGet("/api/openapi.json", (HttpContext c, ApiDocsFunctions f) => Run(c, Task.FromResult(f.OpenApiDocument(c.Request))))
            .WithName(nameof(ApiDocsFunctions.OpenApiDocument));
        app.MapGet("/api/docs", (HttpContext c, ApiDocsFunctions f) => Run(c, Task.FromResult(f.ApiDocs(c.Request))))
            .WithName(nameof(ApiDocsFunctions.ApiDocs));
        app.MapGet("/api/ui", (HttpContext c, BrowserViewFunctions f) => Run(c, f.BrowseArticles(c.Request, c.RequestAborted)))
            .WithName(nameof(BrowserViewFunctions.BrowseArticles));
        app.MapGet("/api/ui/articles/{id}", (HttpContext c, string id, BrowserViewFunctions f) => Run(c, f.BrowseArticle(c.Request, id, c.RequestAborted)))
            .WithName(nameof(BrowserViewFunctions.BrowseArticle));
        app.MapGet("/api/ui/failures", (HttpContext c, BrowserViewFunctions f) => Run(c, f.BrowseFailures(c.Request, c.RequestAborted)))
            .WithName(nameof(BrowserViewFunctions.BrowseFailures));
        return app;
    }

    /// <summary>The methods of <see cref="ApiFallbackFunction.ApiFallback"/>'s trigger, upper case.</summary>
    private static readonly string[] FallbackMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private static async Task Run(HttpContext context, Task<IActionResult> invocation) => await Execute(context, await invocation);

    /// <summary>
    /// Sends <c>GET /</c> and <c>GET /ui</c> to the browser view (<c>/api/ui</c>, with the query), and answers every request
    /// with the API's JSON error body where ASP.NET would answer with an empty one: an exception of a
    /// function is a JSON 500 (as the Functions host answers an unhandled exception), or 503 <c>storage_unavailable</c> when it
    /// is a storage outage (<see cref="StorageFailures.IsUnavailable"/>; the functions catch those themselves, this is the
    /// backstop); an empty 404 or 405 (no route for the path, or not for this method) becomes <see cref="ApiResults.NoRoute"/>:
    /// 405 with <c>Allow</c> when the path has routes for other methods, else 404.
    /// </summary>
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app)
    {
        // The browser view lives under /api/ui (a function route in Azure); here, / and /ui lead to it too.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Value is "/" or "/ui" or "/ui/" && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect("/api/ui" + context.Request.QueryString.ToUriComponent());
                return;
            }
            await next(context);
        });
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            if (context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
                await Execute(context, ApiResults.NoRoute(context.Request.Method, context.Request.Path));
        });
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(FunctionRoutes));
                if (StorageFailures.IsUnavailable(ex, context.RequestAborted))
                {
                    logger.LogWarning("{Method} {Path}: storage unavailable: {Error}", context.Request.Method, context.Request.Path,
                        StorageFailures.Summary(ex));
                    await Execute(context, ApiResults.StorageUnavailable(ex));
                    return;
                }
                logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                var body = new ApiErrorBody(new ApiError("internal_error", StorageFailures.Summary(ex)));
                await Execute(context, ApiResults.Json(body, StatusCodes.Status500InternalServerError));
            }
        });
    }

    private static Task Execute(HttpContext context, IActionResult result) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}

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
        app.MapGet("/api/articles", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListArticles(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListArticles));
        app.MapGet("/api/quotes", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListQuotes(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListQuotes));
        app.MapGet("/api/entities", (HttpContext c, ArticlesHttpFunctions f) => Run(c, f.ListEntities(c.Request, c.RequestAborted)))
            .WithName(nameof(ArticlesHttpFunctions.ListEntities));
        app.MapGet("/api/health", (HttpContext c, HealthFunction f) => Run(c, f.Health(c.Request, c.RequestAborted)))
            .WithName(nameof(HealthFunction.Health));
        app.MapPost("/api/reprocess", (HttpContext c, ReprocessHttpFunction f) => Run(c, f.Reprocess(c.Request, c.RequestAborted)))
            .WithName(nameof(ReprocessHttpFunction.Reprocess));
        return app;
    }

    private static async Task Run(HttpContext context, Task<IActionResult> invocation)
    {
        IActionResult result = await invocation;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>The first line of the innermost useful message, at most 300 characters (no stack traces in responses).</summary>
    private static string Summary(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            ex = aggregate.InnerExceptions[0];
        string line = ex.Message.Split('\n')[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    /// <summary>Turns an exception of a function into a JSON 500, as the Functions host answers an unhandled exception.</summary>
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(FunctionRoutes))
                .LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            var body = new ApiErrorBody(new ApiError("internal_error", Summary(ex)));
            await ApiResults.Json(body, StatusCodes.Status500InternalServerError)
                .ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        }
    });
}

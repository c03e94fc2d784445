using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ingest.Functions.Tests;

/// <summary>Builds requests and executes action results the way ASP.NET Core (and Ingest.LocalHost) does.</summary>
internal static class HttpTestContext
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static HttpRequest Get(string queryString = "")
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(queryString);
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Executes <paramref name="result"/> and returns the status code and parsed JSON body.</summary>
    public static async Task<(int Status, JsonElement Body)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var doc = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, doc.RootElement.Clone());
    }

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);
}

using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Ingest.Functions.Http;

/// <summary>One route of the HTTP API as its <c>[HttpTrigger]</c> declares it.</summary>
/// <param name="Function">The <c>[Function]</c> name.</param>
/// <param name="Template">The route template without the <c>api/</c> prefix (<c>articles/{id}</c>).</param>
/// <param name="Methods">HTTP methods, upper case.</param>
public sealed record ApiRoute(string Function, string Template, IReadOnlyList<string> Methods)
{
    /// <summary>The function method that carries the <c>[Function]</c> attribute (null for a route built by hand).</summary>
    public MethodInfo? Handler { get; init; }

    /// <summary>The trigger's authorization level: <see cref="AuthorizationLevel.Function"/> needs a function key in Azure.</summary>
    public AuthorizationLevel Level { get; init; } = AuthorizationLevel.Function;

    /// <summary>The names of the route's parameters (<c>{id}</c>, <c>{id:regex(…)}</c>, <c>{*rest}</c>, <c>{id?}</c> give <c>id</c>, <c>rest</c>), in order.</summary>
    public IReadOnlyList<string> Parameters =>
        [.. Template.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}'))
            .Select(s => s[1..^1].TrimStart('*').Split(':')[0].TrimEnd('?'))];
}

/// <summary>
/// The route table of the HTTP API, read from the <c>[HttpTrigger]</c> attributes of this assembly (the same attributes the
/// Functions host indexes), so that a 404 or 405 answer can say which methods a path has. The fallback route
/// (<see cref="Functions.ApiFallbackFunction"/>) is not part of it.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>).</summary>
    public const string Prefix = "api";

    /// <summary>Every route except the fallback, in declaration order.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        .. typeof(ApiRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()?.Name,
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is { Route: not null } && f.Trigger.Route != Functions.ApiFallbackFunction.Route)
            .Select(f => new ApiRoute(f.Function!, f.Trigger!.Route!, [.. (f.Trigger.Methods ?? []).Select(m => m.ToUpperInvariant())])
            {
                Handler = f.Method,
                Level = f.Trigger.AuthLevel,
            })
            .OrderBy(r => r.Template, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The methods the API serves at <paramref name="path"/> (a request path such as <c>/api/articles/0123</c>; case-insensitive,
    /// a trailing <c>/</c> ignored), sorted; empty when no route has this path.
    /// </summary>
    /// <param name="path">The request path, with the <c>/api</c> prefix.</param>
    public static IReadOnlyList<string> MethodsAt(string? path)
    {
        string[] segments = (path ?? "").Trim('/').Split('/');
        if (segments.Length < 2 || !segments[0].Equals(Prefix, StringComparison.OrdinalIgnoreCase))
            return [];
        string[] rest = segments[1..];
        return [.. All.Where(r => Matches(r.Template, rest)).SelectMany(r => r.Methods).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the path segments fit a template whose segments are literals or one <c>{parameter}</c> each.</summary>
    private static bool Matches(string template, string[] segments)
    {
        string[] parts = template.Split('/');
        if (parts.Length != segments.Length)
            return false;
        for (int i = 0; i < parts.Length; i++)
        {
            bool parameter = parts[i].StartsWith('{') && parts[i].EndsWith('}');
            if (parameter ? segments[i].Length == 0 : !parts[i].Equals(segments[i], StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return true;
    }
}

using Ingest.Core.Abstractions;
using Ingest.Functions.Browser;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Ingest.Functions.Functions;

/// <summary>
/// The browser view: server-rendered HTML pages over <see cref="IArticleStore"/> (<see cref="BrowserPages"/>) at
/// <c>/api/ui</c> (the article list), <c>/api/ui/articles/{id}</c> (one article) and <c>/api/ui/failures</c>. The pages take
/// the query parameters of the JSON routes they mirror, read by the same parsers; a blank form field counts as not given.
/// </summary>
/// <remarks>
/// Errors are pages with the API's error code and message and the API's status (400, 404, 422, 503). In Azure the pages need
/// the function key like every data route; a key given as <c>?code=</c> is carried on every link and form of the page.
/// </remarks>
public sealed class BrowserViewFunctions(IArticleStore store, ILogger<BrowserViewFunctions> logger)
{
    /// <summary><c>GET /api/ui</c>: the article list.</summary>
    [Function(nameof(BrowseArticles))]
    [ApiOperation("Browser view: the article list with filters and paging", Tag = "browser view", ContentType = "text/html",
        Query = nameof(QueryParameters.ArticleListParameters), Errors = [400, 503],
        ResponseDescription = "An HTML page: the filter form (entity, speaker, source, dates, order), one row per article, the next-page link.")]
    public async Task<IActionResult> BrowseArticles(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ui")] HttpRequest request, CancellationToken cancellationToken)
    {
        var links = new UiLinks(request);
        var query = WithoutBlanks(request.Query);
        if (!QueryParameters.TryRejectUnknown(query, QueryParameters.ArticleListParameters, out var error)
            || !QueryParameters.TryParseArticleQuery(query, out var filters, out error)
            || !QueryParameters.TryParsePaging(query, out int pageSize, out string? token, out error))
            return HtmlPages.Error(error, links, StatusCodes.Status400BadRequest);

        return await GuardAsync(async () =>
        {
            Page<ArticleSummary> page;
            try
            {
                page = await store.QueryArticlesAsync(filters, token, pageSize, cancellationToken);
            }
            catch (ArgumentException ex) when (QueryParameters.StoreError(ex, QueryParameters.ArticleListParameters) is { } refused)
            {
                return HtmlPages.Error(refused, links, StatusCodes.Status400BadRequest);
            }
            logger.LogInformation("Browser view listed {Count} articles for {Filter}", page.Items.Count, filters);
            return BrowserPages.ArticleList(page, query, links);
        }, links, cancellationToken);
    }

    /// <summary><c>GET /api/ui/articles/{id}</c>: one article.</summary>
    [Function(nameof(BrowseArticle))]
    [ApiOperation("Browser view: one article with its quotes and entities marked up", Tag = "browser view", ContentType = "text/html",
        Errors = [400, 404, 422, 503],
        ResponseDescription = "An HTML page: title, metadata, the body with quotes highlighted and linked to their speakers and " +
            "mentions linked to the entity's articles, the removed boilerplate (collapsed, with reasons), the other copies of its story, the quotes and entities.")]
    public async Task<IActionResult> BrowseArticle(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ui/articles/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var links = new UiLinks(request);
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return HtmlPages.Error(error, links, StatusCodes.Status400BadRequest);
        if (!QueryParameters.IsArticleId(id))
            return HtmlPages.Error(ArticlesHttpFunctions.InvalidId(id), links, StatusCodes.Status400BadRequest);

        return await GuardAsync(async () =>
        {
            var failure = await store.GetFailureAsync(id, cancellationToken);
            var record = await store.GetAsync(id, cancellationToken);
            if (record is null && failure is null)
                return HtmlPages.Error(new ApiError("not_found", $"No article with id '{id}' is stored."), links, StatusCodes.Status404NotFound);
            // The story is worked out from the copy index (a few queries per copy); only a listed record has one.
            var story = record is null ? null : await store.GetCopiesAsync(id, cancellationToken);
            return BrowserPages.Article(record, failure, links, story);
        }, links, cancellationToken);
    }

    /// <summary><c>GET /api/ui/failures</c>: the failure records.</summary>
    [Function(nameof(BrowseFailures))]
    [ApiOperation("Browser view: the files that could not be processed", Tag = "browser view", ContentType = "text/html",
        Query = nameof(QueryParameters.FailureListParameters), Errors = [400, 503],
        ResponseDescription = "An HTML page: one row per failure record (file, stage, reason, error type, size, time), the next-page link.")]
    public async Task<IActionResult> BrowseFailures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ui/failures")] HttpRequest request, CancellationToken cancellationToken)
    {
        var links = new UiLinks(request);
        var query = WithoutBlanks(request.Query);
        if (!QueryParameters.TryRejectUnknown(query, QueryParameters.FailureListParameters, out var error)
            || !QueryParameters.TryParsePaging(query, out int pageSize, out string? token, out error))
            return HtmlPages.Error(error, links, StatusCodes.Status400BadRequest);

        return await GuardAsync(async () =>
        {
            Page<Ingest.Core.Document.IngestFailure> page;
            try
            {
                page = await store.QueryFailuresAsync(token, pageSize, cancellationToken);
            }
            catch (ArgumentException ex) when (QueryParameters.StoreError(ex, QueryParameters.FailureListParameters) is { } refused)
            {
                return HtmlPages.Error(refused, links, StatusCodes.Status400BadRequest);
            }
            return BrowserPages.Failures(page, token is not null, links);
        }, links, cancellationToken);
    }

    private Task<IActionResult> GuardAsync(Func<Task<IActionResult>> body, UiLinks links, CancellationToken cancellationToken) =>
        ApiResults.GuardStorageAsync(body, logger, cancellationToken, ex => HtmlPages.Error(
            new ApiError("storage_unavailable", "The storage behind the view did not answer; try again in a few seconds. (" +
                StorageFailures.Summary(ex) + ")"), links, StatusCodes.Status503ServiceUnavailable));

    /// <summary>The query without parameters given blank: a form submits its empty fields as <c>entity=</c>.</summary>
    internal static IQueryCollection WithoutBlanks(IQueryCollection query) =>
        new QueryCollection(query.Where(p => !StringValues.IsNullOrEmpty(p.Value) && p.Value.Any(v => !string.IsNullOrWhiteSpace(v)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
}

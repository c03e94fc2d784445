using Ingest.Core.Abstractions;
using Ingest.Core.Document;
using Ingest.Functions.Http;
using Ingest.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// Body of <c>GET /api/articles/{id}</c> when the article's last attempt failed (HTTP 422).
/// </summary>
/// <param name="Status">Always <c>"failed"</c>.</param>
/// <param name="Failure">The failure record: stage, reason, error type, size, when.</param>
/// <param name="LastRecord">The record of an earlier successful attempt, kept as it was, or null.</param>
public sealed record ArticleFailureResponse(string Status, IngestFailure Failure, ArticleRecord? LastRecord);

/// <summary>Body of <c>GET /api/articles/{id}/copies</c>: the story the article belongs to and its stored copies.</summary>
/// <param name="StoryId">The story's id: the id of its earliest-stored member (<see cref="Story.Id"/>).</param>
/// <param name="ArticleId">The article asked about.</param>
/// <param name="OriginalSource">The source the story comes from (<see cref="Story.OriginalSource"/>), or null.</param>
/// <param name="Items">Every member, the article itself included, earliest-stored first: id, source (blob name), title,
/// publisher, original source, published date, similarity to the article (0–1), same content, whether its original source
/// matches the story's, first stored (<see cref="StoryMember"/>).</param>
/// <param name="Truncated">True when the story had more members than were collected.</param>
public sealed record ArticleCopiesResponse(string StoryId, string ArticleId, string? OriginalSource, IReadOnlyList<StoryMember> Items,
    bool Truncated)
{
    /// <summary>The response of a story.</summary>
    /// <param name="story">The story.</param>
    public static ArticleCopiesResponse From(Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new(story.Id, story.ArticleId, story.OriginalSource, story.Members, story.Truncated);
    }
}

/// <summary>
/// The read side of the HTTP API over <see cref="IArticleStore"/>: one article, article lists, quotes, entities, failures.
/// </summary>
/// <remarks>
/// <para><c>GET /api/articles/{id}</c>: 200 with the <see cref="ArticleRecord"/> (the same JSON as <c>ingest extract</c>);
/// 422 with an <see cref="ArticleFailureResponse"/> (<c>"status": "failed"</c>) when the last attempt on the blob failed,
/// because the blob exists but cannot be turned into an article (a client polling for a record then stops waiting);
/// 404 when nothing is stored yet; 400 for an id that is not 16 lowercase hex characters.</para>
/// <para><c>GET /api/articles/{id}/copies</c>: 200 with an <see cref="ArticleCopiesResponse"/> (the article alone when it has no
/// copies); 404 when no record of the article is listed; 400 for a bad id.</para>
/// <para>Lists return <c>{"items": [...], "continuationToken": "…"|null}</c>; pass the token back unchanged, with the same
/// filters, for the next page. A token the store refuses (malformed, of another format version, of another endpoint or
/// filter, altered) is 400 <c>invalid_token</c> naming <c>continuationToken</c>; a filter given but empty after normalization
/// is 400 <c>empty_filter</c> naming it; a query parameter the endpoint does not have is 400 <c>unknown_parameter</c> naming it
/// (see <see cref="QueryParameters"/>). Storage that does not answer is 503 <c>storage_unavailable</c>.</para>
/// </remarks>
public sealed class ArticlesHttpFunctions(IArticleStore store, ILogger<ArticlesHttpFunctions> logger)
{
    /// <summary><c>GET /api/articles/{id}</c>.</summary>
    [Function(nameof(GetArticle))]
    [ApiOperation("One article record", Response = typeof(ArticleRecord), Errors = [400, 404, 503],
        ResponseDescription = "The record: body without boilerplate, the removed blocks with their reasons, metadata, quotes, entities.")]
    [ApiResponse(422, typeof(ArticleFailureResponse),
        "The last attempt on the article's blob failed: `status` is `failed`, `failure` says why, `lastRecord` is the record of an earlier good attempt or null.")]
    public async Task<IActionResult> GetArticle(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles/{id}")] HttpRequest request,
        string id, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return ApiResults.BadRequest(error);
        if (!QueryParameters.IsArticleId(id))
            return ApiResults.BadRequest(InvalidId(id));

        return await ApiResults.GuardStorageAsync(async () =>
        {
            var failure = await store.GetFailureAsync(id, cancellationToken);
            var record = await store.GetAsync(id, cancellationToken);
            if (failure is not null)
            {
                logger.LogInformation("Article {ArticleId} failed in stage {Stage}", id, failure.Stage);
                return ApiResults.Json(new ArticleFailureResponse("failed", failure, record), StatusCodes.Status422UnprocessableEntity);
            }
            return record is null ? ApiResults.NotFound($"No article with id '{id}' is stored.") : ApiResults.Json(record);
        }, logger, cancellationToken);
    }

    /// <summary><c>GET /api/articles/{id}/copies</c>: the article's story (republished copies, same content, near-duplicate bodies).</summary>
    [Function(nameof(GetArticleCopies))]
    [ApiOperation("The republished copies of an article (its story)", Response = typeof(ArticleCopiesResponse), Errors = [400, 404, 503],
        ResponseDescription = "The story: its id (the earliest-stored member), the original source most members credit, and every member with its similarity and whether its credited source matches.")]
    public async Task<IActionResult> GetArticleCopies(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles/{id}/copies")] HttpRequest request,
        string id, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.NoParameters, out var error))
            return ApiResults.BadRequest(error);
        if (!QueryParameters.IsArticleId(id))
            return ApiResults.BadRequest(InvalidId(id));

        return await ApiResults.GuardStorageAsync(async () =>
        {
            var story = await store.GetCopiesAsync(id, cancellationToken);
            if (story is null)
                return ApiResults.NotFound($"No article with id '{id}' is listed.");
            logger.LogInformation("Article {ArticleId} is one of {Members} copies of story {StoryId}", id, story.Members.Count, story.Id);
            return ApiResults.Json(ArticleCopiesResponse.From(story));
        }, logger, cancellationToken);
    }

    /// <summary>The 400 error of an id that is not 16 lowercase hex characters.</summary>
    internal static ApiError InvalidId(string id) => new("invalid_id", $"'{id}' is not an article id (16 lowercase hex characters).", "id");

    /// <summary><c>GET /api/articles?entity=&amp;speaker=&amp;source=&amp;from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>.</summary>
    [Function(nameof(ListArticles))]
    [ApiOperation("List articles by entity, speaker, source and date", Query = nameof(QueryParameters.ArticleListParameters),
        Response = typeof(Page<ArticleSummary>), Errors = [400, 503],
        Description = "Filters combine with AND. `status` of an item is `failed`, with the failure, when the latest attempt on the same content failed.",
        ResponseDescription = "One page of article summaries and the token of the next page (null on the last).")]
    public async Task<IActionResult> ListArticles(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.ArticleListParameters, out var error)
            || !QueryParameters.TryParseArticleQuery(request.Query, out var query, out error)
            || !QueryParameters.TryParsePaging(request.Query, out int pageSize, out string? token, out error))
            return ApiResults.BadRequest(error);

        return await ListAsync(() => store.QueryArticlesAsync(query, token, pageSize, cancellationToken),
            QueryParameters.ArticleListParameters, "articles", query, cancellationToken);
    }

    /// <summary><c>GET /api/quotes?speaker=&amp;text=&amp;pageSize=&amp;continuationToken=</c>.</summary>
    [Function(nameof(ListQuotes))]
    [ApiOperation("List quotations by speaker or words", Query = nameof(QueryParameters.QuoteListParameters),
        Response = typeof(Page<QuoteHit>), Errors = [400, 503],
        ResponseDescription = "One page of quotations; a quotation repeated across articles is one item with all its article ids.")]
    public async Task<IActionResult> ListQuotes(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "quotes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.QuoteListParameters, out var error)
            || !QueryParameters.TryParseQuoteQuery(request.Query, out var query, out error)
            || !QueryParameters.TryParsePaging(request.Query, out int pageSize, out string? token, out error))
            return ApiResults.BadRequest(error);

        return await ListAsync(() => store.QueryQuotesAsync(query, token, pageSize, cancellationToken),
            QueryParameters.QuoteListParameters, "quotes", query, cancellationToken);
    }

    /// <summary><c>GET /api/entities?prefix=&amp;pageSize=&amp;continuationToken=</c>.</summary>
    [Function(nameof(ListEntities))]
    [ApiOperation("List entity names with their article counts", Query = nameof(QueryParameters.EntityListParameters),
        Response = typeof(Page<EntityCount>), Errors = [400, 503],
        ResponseDescription = "One page of canonical entity names (aliases are not counted).")]
    public async Task<IActionResult> ListEntities(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "entities")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.EntityListParameters, out var error)
            || !QueryParameters.TryParsePrefix(request.Query, out string? prefix, out error)
            || !QueryParameters.TryParsePaging(request.Query, out int pageSize, out string? token, out error))
            return ApiResults.BadRequest(error);

        return await ListAsync(() => store.QueryEntitiesAsync(prefix, token, pageSize, cancellationToken),
            QueryParameters.EntityListParameters, "entities", prefix, cancellationToken);
    }

    /// <summary><c>GET /api/failures?pageSize=&amp;continuationToken=</c>: failure records in key order (by article id).</summary>
    [Function(nameof(ListFailures))]
    [ApiOperation("List the failure records of files that could not be processed", Query = nameof(QueryParameters.FailureListParameters),
        Response = typeof(Page<IngestFailure>), Errors = [400, 503],
        ResponseDescription = "One page of failure records, by article id.")]
    public async Task<IActionResult> ListFailures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "failures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryRejectUnknown(request.Query, QueryParameters.FailureListParameters, out var error)
            || !QueryParameters.TryParsePaging(request.Query, out int pageSize, out string? token, out error))
            return ApiResults.BadRequest(error);

        return await ListAsync(() => store.QueryFailuresAsync(token, pageSize, cancellationToken),
            QueryParameters.FailureListParameters, "failures", "", cancellationToken);
    }

    /// <summary>
    /// Runs one list query: a store refusal of an argument becomes 400 (<see cref="QueryParameters.StoreError"/>), a storage
    /// outage 503 (<see cref="ApiResults.GuardStorageAsync"/>).
    /// </summary>
    private Task<IActionResult> ListAsync<T>(Func<Task<Page<T>>> query, IReadOnlyCollection<string> parameters, string what,
        object filter, CancellationToken cancellationToken) =>
        ApiResults.GuardStorageAsync(async () =>
        {
            Page<T> page;
            try
            {
                page = await query();
            }
            catch (ArgumentException ex) when (QueryParameters.StoreError(ex, parameters) is { } refused)
            {
                logger.LogInformation("Store refused {Parameter}: {Code}", refused.Parameter, refused.Code);
                return ApiResults.BadRequest(refused);
            }
            logger.LogInformation("Listed {Count} {What} for {Filter}", page.Items.Count, what, filter);
            return ApiResults.Json(page);
        }, logger, cancellationToken);
}

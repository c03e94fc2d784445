using System.Globalization;
using Ingest.Core.Abstractions;

namespace Ingest.Storage;

/// <summary>The filters of an <see cref="ArticleQuery"/> as index keys: name keys (null when not given) and the date range.</summary>
/// <param name="EntityKey">Name key of the entity.</param>
/// <param name="SpeakerKey">Name key of the speaker.</param>
/// <param name="SourceKey">Name key of the source.</param>
/// <param name="From">Earliest published date, inclusive.</param>
/// <param name="To">Latest published date, inclusive.</param>
/// <param name="Newest">Newest first (<see cref="ArticleOrder.Newest"/>).</param>
internal sealed record ArticleFilter(string? EntityKey, string? SpeakerKey, string? SourceKey, DateOnly? From, DateOnly? To,
    bool Newest = false)
{
    /// <summary>The keys of <paramref name="query"/>.</summary>
    /// <exception cref="QueryArgumentException">A given name filter normalizes to nothing, or <see cref="ArticleOrder.Newest"/>
    /// comes with a name filter (<see cref="ArgumentException.ParamName"/> <c>order</c>).</exception>
    public static ArticleFilter Of(ArticleQuery query)
    {
        var filter = new ArticleFilter(QueryPaging.FilterKey(query.Entity, "entity"), QueryPaging.FilterKey(query.Speaker, "speaker"),
            QueryPaging.FilterKey(query.Source, "source"), query.From, query.To, query.Order == ArticleOrder.Newest);
        if (filter.Newest && (filter.EntityKey ?? filter.SpeakerKey ?? filter.SourceKey) is not null)
            throw new QueryArgumentException(
                "'order=newest' lists all articles or a date range; with entity, speaker or source the list comes in article-id order.", "order");
        return filter;
    }

    /// <summary>The normalized filter that continuation tokens of this query carry: every key, both dates and the order.</summary>
    public string Fingerprint => QueryPaging.Fingerprint(EntityKey, SpeakerKey, SourceKey,
        From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Newest ? "newest" : "");

    /// <summary>Whether a date bound is given.</summary>
    public bool HasDate => From is not null || To is not null;

    /// <summary><see cref="From"/> as <c>yyyy-MM-dd</c> (<c>0001-01-01</c> when open).</summary>
    public string FromDay => (From ?? DateOnly.MinValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><see cref="To"/> as <c>yyyy-MM-dd</c> (<c>9999-12-31</c> when open).</summary>
    public string ToDay => (To ?? DateOnly.MaxValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whether a <c>publishedAt</c> value falls in the date range (false when it has no date).</summary>
    public bool InDateRange(string? publishedAt) =>
        ArticleIndex.PublishedDate(publishedAt) is { } date && date >= (From ?? DateOnly.MinValue) && date <= (To ?? DateOnly.MaxValue);
}

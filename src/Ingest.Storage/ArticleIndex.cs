using System.Globalization;
using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Document;

namespace Ingest.Storage;

/// <summary>The index tables an article writes rows to.</summary>
internal enum IndexTable
{
    Entity,
    Speaker,
    Source,
    Date,
    Quote,
    Copy,
}

/// <summary>The address of one index row; the list of these is kept with the record so stale rows can be deleted.</summary>
internal readonly record struct IndexRowRef(IndexTable Table, string PartitionKey, string RowKey);

/// <summary>One index row to write.</summary>
internal sealed record IndexRow(IndexTable Table, TableEntity Entity)
{
    public IndexRowRef Ref => new(Table, Entity.PartitionKey, Entity.RowKey);
}

/// <summary>
/// Derives the rows of the inter-partition secondary indexes from an article record. Article-pointing rows carry the
/// summary fields (denormalized) so that one-filter list queries read no article rows.
/// <list type="bullet">
/// <item>Entity: PK = <see cref="TableKeys.NameKey"/>(name), RK = escaped article id; Name, Type, Mentions. Each alias of the
/// entity (<see cref="EntityRecord.Aliases"/>) adds an alias row: PK = name key of the alias, RK = escaped id +
/// <see cref="AliasSuffix"/>; Name and Type of the canonical entity, Alias. So <c>?entity=Villanueva</c> reads one partition and
/// finds the articles naming "Marta Villanueva" as well as those naming a "Villanueva" of their own; entity counts skip alias rows.</item>
/// <item>Speaker: PK = name key of the speaker; RK = <c>a_</c>+id (speaker → article) and <c>q_</c>+quote hash+<c>_</c>+id (speaker → quote).
/// A speaker who is an entity of the article with aliases adds an alias row per alias: PK = alias key, RK = <c>a_</c>+id+<see cref="AliasSuffix"/>
/// (articles only; the quote rows stay under the canonical speaker).</item>
/// <item>Source: PK = name key of the publisher and of the original source, RK = id; Source, Roles.</item>
/// <item>Date: PK = <c>yyyy-MM</c>, RK = <c>yyyy-MM-dd_</c>+id; and for newest-first lists a second row per article in the
/// same table, PK = <c>~</c>+inverted <c>yyyyMM</c>, RK = inverted <c>yyyyMMdd</c>+<c>_</c>+id (each digit d written as 9−d, so
/// ascending key order is newest first), or PK = <c>~~</c>, RK = id for an article without a date (listed last). <c>~</c>
/// sorts after every digit, so the month partitions' range queries never read these rows.</item>
/// <item>Quote: PK = <see cref="TableKeys.TextHash"/>(quote text), RK = id; Text, Speaker, SpeakerKind.</item>
/// <item>Copy: the body fingerprint's LSH band rows, a content-hash row and a signature row (<see cref="CopyRows"/>).</item>
/// </list>
/// </summary>
internal static class ArticleIndex
{
    /// <summary>
    /// The layout of the index rows <see cref="Build"/> writes, kept on the article row (<c>IndexLayout</c>): 1 had no alias
    /// and no newest-first rows, 2 has them, 3 adds the copy-index rows (<see cref="CopyRows"/>). Rows of an older layout are rewritten by the next upsert of the article, even of the
    /// same record, and such articles are listed as outdated, so <c>POST /api/reprocess</c> brings them up to date.
    /// </summary>
    public const int Layout = 3;

    /// <summary>First character of the newest-first partitions of the date table.</summary>
    public const string NewestPrefix = "~";

    /// <summary>The newest-first partition of articles without a date: after every dated one.</summary>
    public const string NewestUndated = "~~";

    public const string ArticleRowKey = "article";
    public const string FailureRowKey = "failure";
    public const string SpeakerArticlePrefix = "a_";
    public const string SpeakerArticleEnd = "a`"; // '`' follows '_': the upper bound of the "a_" range
    public const string SpeakerQuotePrefix = "q_";
    public const string SpeakerQuoteEnd = "q`";

    /// <summary>
    /// Row-key suffix of alias rows. <see cref="TableKeys.Escape"/> writes <c>%</c> only before two hex digits, so no escaped id
    /// contains <c>%~</c>: an alias row never collides with a canonical row. An article gets no alias row in a partition where it
    /// has a canonical row, so a partition lists each article once.
    /// </summary>
    public const string AliasSuffix = "%~";

    /// <summary>Whether an entity- or speaker-index row key is that of an alias row.</summary>
    public static bool IsAliasRow(string rowKey) => rowKey.EndsWith(AliasSuffix, StringComparison.Ordinal);

    // A string property holds at most 64 KiB (32K UTF-16 characters); long values are cut to these lengths.
    internal const int MaxTitleChars = 2_000;
    internal const int MaxNameChars = 1_000;
    internal const int MaxQuoteChars = 16_000;

    /// <summary>The index rows of <paramref name="record"/>, each address once.</summary>
    /// <param name="record">The record.</param>
    /// <param name="firstStoredAt">When a record of the article was first stored (written on the copy index's signature row), or
    /// null when unknown; the row addresses do not depend on it.</param>
    public static IReadOnlyList<IndexRow> Build(ArticleRecord record, DateTimeOffset? firstStoredAt = null)
    {
        string id = record.Id;
        string idKey = TableKeys.Escape(id);
        var rows = new Dictionary<IndexRowRef, IndexRow>();

        void Add(IndexTable table, TableEntity entity)
        {
            var row = new IndexRow(table, entity);
            rows.TryAdd(row.Ref, row); // first wins: two names normalizing to one key index once
        }

        // Canonical keys first: an alias that is also a canonical name of this article adds no row (the canonical row is there).
        var entityKeys = record.Entities.Select(e => TableKeys.NameKey(e.Name)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var aliasesByKey = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entity in record.Entities)
        {
            string key = TableKeys.NameKey(entity.Name);
            if (key.Length == 0)
                continue;
            var e = Summary(record, key, idKey);
            e["Name"] = Cut(entity.Name, MaxNameChars);
            e["Type"] = entity.Type;
            e["Mentions"] = entity.Mentions;
            Add(IndexTable.Entity, e);
            if (entity.Aliases is not { Count: > 0 } aliases)
                continue;
            aliasesByKey.TryAdd(key, aliases);
            foreach (string alias in aliases)
            {
                string aliasKey = TableKeys.NameKey(alias);
                if (aliasKey.Length == 0 || entityKeys.Contains(aliasKey))
                    continue;
                var a = Summary(record, aliasKey, idKey + AliasSuffix);
                a["Name"] = Cut(entity.Name, MaxNameChars);
                a["Type"] = entity.Type;
                a["Alias"] = Cut(alias, MaxNameChars);
                Add(IndexTable.Entity, a);
            }
        }

        var speakerKeys = record.Quotes.Where(q => q.Speaker is not null).Select(q => TableKeys.NameKey(q.Speaker!))
            .Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var quote in record.Quotes)
        {
            string hash = TableKeys.TextHash(quote.Text);
            if (quote.Speaker is { } speaker && TableKeys.NameKey(speaker) is { Length: > 0 } speakerKey)
            {
                var a = Summary(record, speakerKey, SpeakerArticlePrefix + idKey);
                a["Speaker"] = Cut(speaker, MaxNameChars);
                Add(IndexTable.Speaker, a);
                Add(IndexTable.Speaker, QuoteRow(quote, id, speakerKey, SpeakerQuotePrefix + hash + "_" + idKey));
                foreach (string alias in aliasesByKey.GetValueOrDefault(speakerKey) ?? [])
                {
                    string aliasKey = TableKeys.NameKey(alias);
                    if (aliasKey.Length == 0 || speakerKeys.Contains(aliasKey))
                        continue;
                    var r = Summary(record, aliasKey, SpeakerArticlePrefix + idKey + AliasSuffix);
                    r["Speaker"] = Cut(speaker, MaxNameChars);
                    r["Alias"] = Cut(alias, MaxNameChars);
                    Add(IndexTable.Speaker, r);
                }
            }
            // Partition = the hash's first two hex digits (256 buckets), so one article's quotes group into a few
            // entity-group transactions instead of one per quotation; rows of one quotation stay adjacent (RK hash_id).
            Add(IndexTable.Quote, QuoteRow(quote, id, QuoteBucket(hash), hash + "_" + idKey));
        }

        var sources = new Dictionary<string, (string Display, List<string> Roles)>();
        void AddSource(string? name, string role)
        {
            if (name is null || TableKeys.NameKey(name) is not { Length: > 0 } key)
                return;
            if (!sources.TryGetValue(key, out var s))
                sources[key] = s = (name, []);
            s.Roles.Add(role);
        }
        AddSource(record.Publisher, "publisher");
        AddSource(record.OriginalSource, "originalSource");
        foreach (var (key, (display, roles)) in sources)
        {
            var e = Summary(record, key, idKey);
            e["Source"] = Cut(display, MaxNameChars);
            e["Roles"] = string.Join(',', roles);
            Add(IndexTable.Source, e);
        }

        if (PublishedDate(record.PublishedAt) is { } date)
        {
            string day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Add(IndexTable.Date, Summary(record, day[..7], day + "_" + idKey));
            string inverted = InvertedDay(date);
            Add(IndexTable.Date, Summary(record, NewestPrefix + inverted[..6], inverted + "_" + idKey));
        }
        else
        {
            Add(IndexTable.Date, Summary(record, NewestUndated, idKey));
        }

        foreach (var (_, entity) in CopyRows.Build(record, firstStoredAt))
            Add(IndexTable.Copy, entity);

        return [.. rows.Values];
    }

    /// <summary><c>yyyyMMdd</c> of <paramref name="date"/> with each digit d written as 9−d: later dates give smaller keys.</summary>
    public static string InvertedDay(DateOnly date) =>
        string.Concat(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture).Select(c => (char)('9' - c + '0')));

    /// <summary>The quote-index partition of a quote hash: its first two hex digits.</summary>
    public static string QuoteBucket(string hash) => hash[..2];

    /// <summary>The date part of an ISO 8601 <c>publishedAt</c> (<c>yyyy-MM-dd</c> or a date-time), or null.</summary>
    public static DateOnly? PublishedDate(string? publishedAt) =>
        publishedAt is { Length: >= 10 } && DateOnly.TryParseExact(publishedAt.AsSpan(0, 10), "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A table entity with the summary fields of <paramref name="record"/>.</summary>
    public static TableEntity Summary(ArticleRecord record, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["ArticleId"] = record.Id,
        ["SourceContainer"] = record.Source.Container,
        ["SourceName"] = record.Source.Name,
        ["Title"] = Cut(record.Title, MaxTitleChars),
        ["Publisher"] = Cut(record.Publisher, MaxNameChars),
        ["OriginalSource"] = Cut(record.OriginalSource, MaxNameChars),
        ["PublishedAt"] = record.PublishedAt,
        ["PipelineVersion"] = record.PipelineVersion,
    };

    /// <summary>Reads the summary fields written by <see cref="Summary"/>.</summary>
    public static ArticleSummary ToSummary(TableEntity e) => new(
        e.GetString("ArticleId") ?? "",
        new SourceRef(e.GetString("SourceContainer") ?? "", e.GetString("SourceName") ?? ""),
        e.GetString("Title"), e.GetString("Publisher"), e.GetString("OriginalSource"), e.GetString("PublishedAt"),
        e.GetString("PipelineVersion") ?? "");

    /// <summary>Columns read by <see cref="ToSummary"/>.</summary>
    public static readonly IReadOnlyList<string> SummaryColumns =
        ["ArticleId", "SourceContainer", "SourceName", "Title", "Publisher", "OriginalSource", "PublishedAt", "PipelineVersion"];

    private static TableEntity QuoteRow(QuoteRecord quote, string id, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["ArticleId"] = id,
        ["Text"] = Cut(quote.Text, MaxQuoteChars),
        ["Speaker"] = Cut(quote.Speaker, MaxNameChars),
        ["SpeakerKind"] = quote.SpeakerKind,
    };

    internal static string? Cut(string? value, int max)
    {
        if (value is null || value.Length <= max)
            return value;
        return value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
    }
}

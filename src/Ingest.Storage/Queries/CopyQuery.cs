using System.Collections.Concurrent;
using Azure.Data.Tables;
using Ingest.Core.Abstractions;
using Ingest.Core.Copies;

namespace Ingest.Storage;

/// <summary>
/// Reads the copy index (<see cref="CopyRows"/>): the story of an article (<see cref="StoryBuilder"/> over band and content-hash
/// lookups) and the fingerprints of given articles (grouping quotations by story).
/// </summary>
/// <param name="copyIndex">The copy index table.</param>
/// <param name="articles">The article rows (an article without a signature row is listed only when it has one).</param>
/// <param name="records">The record blobs (the fingerprint of an article written before the copy index, from its body).</param>
internal sealed class CopyQuery(TableClient copyIndex, ArticleRows articles, RecordBlobStore records)
{
    private static readonly string[] PointerColumns = ["ArticleId"];

    /// <summary>Compares source names as index keys (<see cref="TableKeys.NameKey"/>): case, spacing and a leading "the" ignored.</summary>
    public static IEqualityComparer<string> SourceNames { get; } = new NameKeyComparer();

    /// <summary>
    /// The story of <paramref name="articleId"/>, or null when the article is not listed (no article row: never stored, deleted, or
    /// withdrawn). An article of an older index layout, without copy rows of its own, is fingerprinted from its record blob; the
    /// copies that do have rows still find it and it finds them.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<Story?> GetStoryAsync(string articleId, CancellationToken cancellationToken)
    {
        var start = await GetCandidateAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (await articles.GetVersionAsync(TableKeys.Escape(articleId), cancellationToken).ConfigureAwait(false) is null)
            return null;
        if (start is null)
        {
            var (stored, _) = await records.ReadAsync(articleId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
                return null;
            start = CopyCandidate.FromRecord(stored.Record, stored.FirstStoredAt);
        }

        var known = new ConcurrentDictionary<string, CopyCandidate?>(StringComparer.Ordinal) { [articleId] = start };
        async Task<IReadOnlyList<CopyCandidate>> CandidatesOf(CopyCandidate node, CancellationToken ct)
        {
            var ids = await CandidateIdsAsync(node, ct).ConfigureAwait(false);
            await Parallel.ForEachAsync(ids.Where(id => !known.ContainsKey(id)),
                new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = ct },
                async (id, token) => known[id] = await GetCandidateAsync(id, token).ConfigureAwait(false)).ConfigureAwait(false);
            return [.. ids.Select(id => known.GetValueOrDefault(id)).OfType<CopyCandidate>()];
        }
        return await StoryBuilder.BuildAsync(start, CandidatesOf, SourceNames, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The fingerprints of <paramref name="articleIds"/> from their signature rows (one point read each,
    /// <see cref="TableBatches.MaxParallelBatches"/> at a time); ids without a signature row are absent.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">The storage service failed.</exception>
    public async Task<IReadOnlyDictionary<string, CopyCandidate>> GetManyAsync(IEnumerable<string> articleIds, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, CopyCandidate>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(articleIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await GetCandidateAsync(id, ct).ConfigureAwait(false) is { } candidate)
                    found[id] = candidate;
            }).ConfigureAwait(false);
        return found;
    }

    /// <summary>The article's signature row as a candidate, or null when it has none (of the current fingerprint version).</summary>
    private async Task<CopyCandidate?> GetCandidateAsync(string articleId, CancellationToken cancellationToken)
    {
        var row = await copyIndex.GetEntityIfExistsAsync<TableEntity>(CopyRows.SignaturePartition(articleId),
            CopyRows.SignatureRowKey(articleId), CopyRows.SignatureColumns, cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? CopyRows.ToCandidate(e) : null;
    }

    /// <summary>Ids of the articles sharing a band key or the content hash with <paramref name="node"/>: one range query per band
    /// and one for the hash, in parallel.</summary>
    private async Task<IReadOnlyList<string>> CandidateIdsAsync(CopyCandidate node, CancellationToken cancellationToken)
    {
        var filters = node.Fingerprint.BandKeys().Select((key, band) => CopyRows.BandFilter(band, key)).ToList();
        if (node.ContentHash.Length > 0)
            filters.Add(CopyRows.HashFilter(node.ContentHash));
        var ids = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(filters,
            new ParallelOptions { MaxDegreeOfParallelism = TableBatches.MaxParallelBatches, CancellationToken = cancellationToken },
            async (filter, ct) =>
            {
                await foreach (var row in copyIndex.QueryAsync<TableEntity>(filter, QueryPaging.MaxPageSize, PointerColumns, ct).ConfigureAwait(false))
                {
                    if (row.GetString("ArticleId") is { } id && id != node.Id)
                        ids.TryAdd(id, true);
                }
            }).ConfigureAwait(false);
        return [.. ids.Keys.Order(StringComparer.Ordinal)];
    }

    private sealed class NameKeyComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            x is null || y is null ? x is null && y is null : TableKeys.NameKey(x) == TableKeys.NameKey(y);

        public int GetHashCode(string obj) => TableKeys.NameKey(obj).GetHashCode(StringComparison.Ordinal);
    }
}

using Ingest.Core.Abstractions;

namespace Ingest.Core.Copies;

/// <summary>
/// Works out stories from stored copies: the connected component of an article in the graph whose edges are
/// <see cref="CopyLinks.AreCopies"/>, found by breadth-first search over the candidates an index returns (articles sharing an
/// LSH band key or the content hash), and the story's id, original source and members.
/// </summary>
/// <remarks>
/// Stories are derived, not stored: nothing but each article's own fingerprint rows is written, so deleting or reprocessing
/// one article cannot leave another article's story stale. The cost is paid on reading: one index lookup per member found
/// (<see cref="MaxMembers"/> at most).
/// </remarks>
public static class StoryBuilder
{
    /// <summary>Most members collected for one story; a larger story is returned cut, with <see cref="Story.Truncated"/>.</summary>
    public const int MaxMembers = 100;

    /// <summary>Collects the story of <paramref name="article"/>.</summary>
    /// <param name="article">The article asked about.</param>
    /// <param name="candidatesOf">The stored articles that may be copies of an article (the index lookup); may include the
    /// article itself and articles that turn out not to be copies, which are checked here.</param>
    /// <param name="sourceNames">How source names compare (the store's name keys); null: case-insensitive ordinal.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The story; a story of one when nothing links to the article.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="article"/> or <paramref name="candidatesOf"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async Task<Story> BuildAsync(CopyCandidate article,
        Func<CopyCandidate, CancellationToken, Task<IReadOnlyList<CopyCandidate>>> candidatesOf,
        IEqualityComparer<string>? sourceNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(candidatesOf);
        var members = new Dictionary<string, CopyCandidate>(StringComparer.Ordinal) { [article.Id] = article };
        var queue = new Queue<CopyCandidate>([article]);
        bool truncated = false;
        while (queue.Count > 0 && !truncated)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = queue.Dequeue();
            foreach (var candidate in await candidatesOf(node, cancellationToken).ConfigureAwait(false))
            {
                if (members.ContainsKey(candidate.Id) || !CopyLinks.AreCopies(node, candidate))
                    continue;
                if (members.Count == MaxMembers)
                {
                    truncated = true;
                    break;
                }
                members[candidate.Id] = candidate;
                queue.Enqueue(candidate);
            }
        }
        return Resolve(article, [.. members.Values], truncated, sourceNames);
    }

    /// <summary>
    /// The story of <paramref name="article"/> with <paramref name="members"/> (the article among them): id, original source,
    /// members earliest-stored first with their similarity to the article (see <see cref="Story"/> and <see cref="StoryMember"/>).
    /// </summary>
    /// <param name="article">The article asked about.</param>
    /// <param name="members">Every member, <paramref name="article"/> included.</param>
    /// <param name="truncated">Whether members were left out.</param>
    /// <param name="sourceNames">How source names compare; null: case-insensitive ordinal.</param>
    /// <exception cref="ArgumentNullException"><paramref name="article"/> or <paramref name="members"/> is null.</exception>
    public static Story Resolve(CopyCandidate article, IReadOnlyList<CopyCandidate> members, bool truncated,
        IEqualityComparer<string>? sourceNames = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(members);
        var names = sourceNames ?? StringComparer.OrdinalIgnoreCase;
        var ordered = members.Any(m => m.Id == article.Id) ? InStoryOrder(members) : InStoryOrder([article, .. members]);

        // The origin most members name; a tie goes to the name the earliest of them uses.
        string? original = ordered.Where(m => !string.IsNullOrWhiteSpace(m.Summary.OriginalSource))
            .GroupBy(m => m.Summary.OriginalSource!, names)
            .Select((g, order) => (Name: g.First().Summary.OriginalSource, Count: g.Count(), Order: order))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Order).Select(g => g.Name).FirstOrDefault()
            ?? ordered[0].Summary.Publisher;

        var result = ordered.Select(m =>
        {
            string? credited = m.Summary.OriginalSource ?? m.Summary.Publisher;
            bool matches = original is not null && credited is not null && names.Equals(credited, original);
            return new StoryMember(m.Id, m.Summary.Source, m.Summary.Title, m.Summary.Publisher, m.Summary.OriginalSource,
                m.Summary.PublishedAt, m.Id == article.Id ? 1.0 : Math.Round(CopyLinks.Similarity(article, m), 3),
                m.Id == article.Id || CopyLinks.SameContent(article, m), matches, m.FirstStoredAt);
        }).ToList();
        return new Story(ordered[0].Id, article.Id, original, result, truncated);
    }

    /// <summary>
    /// Groups the articles that contain one quotation by story (<see cref="QuoteHit.Stories"/>): articles that are copies of each
    /// other (<see cref="CopyLinks.AreCopies"/>, directly or through another of <paramref name="articleIds"/>) form one group under
    /// the earliest-stored of them. Articles without a fingerprint in <paramref name="known"/> stand alone. Groups come in the order
    /// of their first article in <paramref name="articleIds"/>.
    /// </summary>
    /// <param name="articleIds">Ids of the articles containing the quotation.</param>
    /// <param name="known">Fingerprints by article id (may lack some ids).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<QuoteStory> GroupCopies(IReadOnlyList<string> articleIds, IReadOnlyDictionary<string, CopyCandidate> known)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        ArgumentNullException.ThrowIfNull(known);
        var ids = articleIds.Distinct(StringComparer.Ordinal).ToList();
        int[] parent = [.. Enumerable.Range(0, ids.Count)];
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!known.TryGetValue(ids[i], out var a))
                continue;
            for (int j = i + 1; j < ids.Count; j++)
            {
                if (known.TryGetValue(ids[j], out var b) && Find(i) != Find(j) && CopyLinks.AreCopies(a, b))
                    parent[Find(j)] = Find(i);
            }
        }
        return [.. Enumerable.Range(0, ids.Count).GroupBy(Find).Select(g =>
        {
            var group = g.Select(i => ids[i]).ToList();
            string head = group.OrderBy(id => known.GetValueOrDefault(id)?.FirstStoredAt ?? DateTimeOffset.MaxValue)
                .ThenBy(id => id, StringComparer.Ordinal).First();
            return new QuoteStory(head, [.. group.Where(id => id != head)]);
        })];
    }

    /// <summary>Earliest-stored first (unknown times last), ties by id.</summary>
    private static List<CopyCandidate> InStoryOrder(IEnumerable<CopyCandidate> members) =>
        [.. members.DistinctBy(m => m.Id, StringComparer.Ordinal)
            .OrderBy(m => m.FirstStoredAt ?? DateTimeOffset.MaxValue).ThenBy(m => m.Id, StringComparer.Ordinal)];
}

using Ingest.Core.Copies;
using static Ingest.Core.Tests.Copies.BodyFingerprintTests;
using static Ingest.Core.Tests.Copies.CopyBodies;

namespace Ingest.Core.Tests.Copies;

public class StoryBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>An index that returns every other stored article as a candidate, and counts lookups.</summary>
    private sealed class EverythingIndex(params CopyCandidate[] stored)
    {
        public int Lookups { get; private set; }

        public Task<IReadOnlyList<CopyCandidate>> CandidatesAsync(CopyCandidate of, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult<IReadOnlyList<CopyCandidate>>([.. stored.Where(c => c.Id != of.Id)]);
        }
    }

    [Fact]
    public async Task The_story_is_every_copy_with_the_earliest_stored_as_its_id_and_unrelated_stories_left_out()
    {
        var copy = Candidate("1111000000000001", Republished, publisher: "Bay Courier", originalSource: "Coastal Wire", firstStoredAt: T0.AddHours(2));
        var original = Candidate("9999000000000009", Original, publisher: "Coastal Wire", firstStoredAt: T0);
        var sameTopic = Candidate("5555000000000005", SameTopicOtherStory, publisher: "River Times", firstStoredAt: T0.AddHours(1));
        var index = new EverythingIndex(copy, original, sameTopic);

        var story = await StoryBuilder.BuildAsync(copy, index.CandidatesAsync);

        Assert.Equal(original.Id, story.Id); // earliest stored, although its id sorts last
        Assert.Equal(copy.Id, story.ArticleId);
        Assert.Equal([original.Id, copy.Id], story.Members.Select(m => m.Id));
        Assert.Equal("Coastal Wire", story.OriginalSource);
        Assert.False(story.Truncated);
        var self = story.Members.Single(m => m.Id == copy.Id);
        Assert.Equal(1.0, self.Similarity);
        Assert.True(self.SameContent);
        var other = story.Members.Single(m => m.Id == original.Id);
        Assert.InRange(other.Similarity, 0.8, 0.99);
        Assert.False(other.SameContent);
        Assert.Equal(original.Summary.Source, other.Source);
        Assert.All(story.Members, m => Assert.True(m.OriginalSourceMatches));
    }

    [Fact]
    public async Task Copies_of_copies_join_the_story_even_when_they_are_not_close_to_the_article_asked_about()
    {
        // Each version rewrites three more of the twelve sentences: A~B and B~C, but A and C are further apart than the threshold.
        string b = ReplaceSentences(Original, 2, 3);
        string c = ReplaceSentences(b, 5, 3);
        var first = Candidate("aaaa000000000001", Original, firstStoredAt: T0);
        var second = Candidate("aaaa000000000002", b, firstStoredAt: T0.AddMinutes(1));
        var third = Candidate("aaaa000000000003", c, firstStoredAt: T0.AddMinutes(2));
        Assert.True(CopyLinks.AreCopies(first, second));
        Assert.True(CopyLinks.AreCopies(second, third));
        Assert.False(CopyLinks.AreCopies(first, third));

        var story = await StoryBuilder.BuildAsync(third, new EverythingIndex(first, second, third).CandidatesAsync);

        Assert.Equal(first.Id, story.Id);
        Assert.Equal([first.Id, second.Id, third.Id], story.Members.Select(m => m.Id));
        Assert.True(story.Members[0].Similarity < CopyLinks.Threshold); // similarity is to the article asked about
    }

    [Fact]
    public async Task An_article_without_copies_is_a_story_of_one()
    {
        var alone = Candidate("bbbb000000000001", OtherStory, firstStoredAt: T0);
        var index = new EverythingIndex(alone, Candidate("bbbb000000000002", Original, firstStoredAt: T0.AddDays(-1)));

        var story = await StoryBuilder.BuildAsync(alone, index.CandidatesAsync);

        Assert.Equal(alone.Id, story.Id);
        Assert.Equal([alone.Id], story.Members.Select(m => m.Id));
        Assert.Equal("Harbor Gazette", story.OriginalSource); // nobody names an origin: the earliest member's publisher
        Assert.Equal(1, index.Lookups);
    }

    [Fact]
    public void The_original_source_is_the_one_most_copies_name_and_a_copy_crediting_another_is_flagged()
    {
        var uncredited = Candidate("cccc000000000001", Original, publisher: "Bay Courier", firstStoredAt: T0);
        var credited1 = Candidate("cccc000000000002", Republished, publisher: "River Times", originalSource: "coastal  wire", firstStoredAt: T0.AddHours(1));
        var credited2 = Candidate("cccc000000000003", Republished, publisher: "Hill News", originalSource: "Coastal Wire", firstStoredAt: T0.AddHours(2));
        var wrong = Candidate("cccc000000000004", Republished, publisher: "Valley Post", originalSource: "Lakeside Ledger", firstStoredAt: T0.AddHours(3));
        var wire = Candidate("cccc000000000005", Original, publisher: "Coastal Wire", firstStoredAt: T0.AddHours(4));
        var names = StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreSymbols);

        var story = StoryBuilder.Resolve(wire, [uncredited, credited1, credited2, wrong, wire], truncated: false, names);

        Assert.Equal(uncredited.Id, story.Id);
        Assert.Equal("coastal  wire", story.OriginalSource); // named twice (the earliest spelling), against once for Lakeside Ledger
        Assert.Equal([false, true, true, false, true], story.Members.Select(m => m.OriginalSourceMatches));
    }

    [Fact]
    public async Task A_story_larger_than_the_limit_is_cut_and_says_so()
    {
        var copies = Enumerable.Range(0, StoryBuilder.MaxMembers + 5)
            .Select(i => Candidate($"dddd{i:x12}", Original, firstStoredAt: T0.AddMinutes(i))).ToArray();

        var story = await StoryBuilder.BuildAsync(copies[^1], new EverythingIndex(copies).CandidatesAsync);

        Assert.True(story.Truncated);
        Assert.Equal(StoryBuilder.MaxMembers, story.Members.Count);
        Assert.Contains(story.Members, m => m.Id == copies[^1].Id);
    }

    [Fact]
    public void Articles_quoting_one_quotation_group_by_story_under_the_earliest_stored()
    {
        var original = Candidate("eeee000000000001", Original, firstStoredAt: T0.AddHours(1));
        var republished = Candidate("eeee000000000002", Republished, firstStoredAt: T0);
        var edited = Candidate("eeee000000000003", LightlyEdited, firstStoredAt: T0.AddHours(2));
        var sameTopic = Candidate("eeee000000000004", SameTopicOtherStory, firstStoredAt: T0.AddHours(3));
        var known = new[] { original, republished, edited, sameTopic }.ToDictionary(c => c.Id);

        var groups = StoryBuilder.GroupCopies([original.Id, republished.Id, edited.Id, sameTopic.Id, "ffff000000000009"], known);

        Assert.Equal(3, groups.Count);
        Assert.Equal(republished.Id, groups[0].ArticleId);
        Assert.Equal([original.Id, edited.Id], groups[0].Copies);
        Assert.Equal(sameTopic.Id, groups[1].ArticleId);
        Assert.Empty(groups[1].Copies);
        Assert.Equal("ffff000000000009", groups[2].ArticleId); // no fingerprint known: stands alone
    }

    /// <summary><paramref name="body"/> with <paramref name="count"/> sentences from the <paramref name="first"/>th on rewritten.</summary>
    private static string ReplaceSentences(string body, int first, int count)
    {
        var sentences = System.Text.RegularExpressions.Regex.Split(body, @"(?<=\.)\s+");
        for (int i = first; i < first + count && i < sentences.Length; i++)
            sentences[i] = $"Sentence {i} of this version was written anew by another desk, in words of its own";
        return string.Join(" ", sentences);
    }
}

using Ingest.Core.Abstractions;
using Ingest.Core.Copies;
using Ingest.Core.Document;
using static Ingest.Core.Tests.Copies.CopyBodies;

namespace Ingest.Core.Tests.Copies;

public class BodyFingerprintTests
{
    internal static CopyCandidate Candidate(string id, string body, string? publisher = "Harbor Gazette", string? originalSource = null,
        DateTimeOffset? firstStoredAt = null, string? contentHash = null) =>
        new(new ArticleSummary(id, new SourceRef("articles", $"{id}.txt"), $"Article {id}", publisher, originalSource, "2025-06-05", "test"),
            contentHash ?? "hash-of-" + id, BodyFingerprint.Compute(body), firstStoredAt);

    /// <summary>The exact Jaccard similarity of two bodies' 5-word shingle sets, to check the estimate against.</summary>
    private static double ExactJaccard(string a, string b)
    {
        static HashSet<string> Shingles(string text)
        {
            var words = BodyFingerprint.Words(text);
            return [.. Enumerable.Range(0, words.Count - BodyFingerprint.ShingleWords + 1)
                .Select(i => string.Join(' ', words.Skip(i).Take(BodyFingerprint.ShingleWords)))];
        }
        var x = Shingles(a);
        var y = Shingles(b);
        return (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    private static double Estimate(string a, string b) => BodyFingerprint.Compute(a).EstimateJaccard(BodyFingerprint.Compute(b));

    [Fact]
    public void Words_are_lower_case_letter_and_digit_runs_with_inner_apostrophes_dropped()
    {
        Assert.Equal(["the", "councils", "vote", "was", "5", "2", "don", "t", "café"],
            BodyFingerprint.Words("The Council’s “vote” was 5–2!\n\nDon' t — CAFÉ."));
        Assert.Equal(["fine", "x2"], BodyFingerprint.Words("\uFB01ne x\u00B2")); // NFKC: the ligature and the superscript fold
    }

    [Fact]
    public void Identical_bodies_have_identical_signatures_and_band_keys_whatever_the_layout()
    {
        var a = BodyFingerprint.Compute(Original);
        var b = BodyFingerprint.Compute(Original.Replace("\n\n", "\n", StringComparison.Ordinal).ToUpperInvariant());

        Assert.Equal(1.0, a.EstimateJaccard(b));
        Assert.Equal(a.BandKeys(), b.BandKeys());
        Assert.Equal(BodyFingerprint.Bands, a.BandKeys().Count);
        Assert.All(a.BandKeys(), k => Assert.Matches("^[0-9a-f]{16}$", k));
        Assert.Equal(a.BandKeys().Count, a.BandKeys().Distinct().Count());
        Assert.Equal(BodyFingerprint.Words(Original).Count - 4, a.Shingles);
    }

    [Fact]
    public void The_fingerprint_is_the_same_in_every_process()
    {
        // Band keys are stored and compared across runs: fixed seeds, no per-process string hashing. These values change only
        // with the method, and then BodyFingerprint.Version must change too.
        var fingerprint = BodyFingerprint.Compute("The ferry terminal on Pier Nine closes at the end of the summer.");
        Assert.Equal(9, fingerprint.Shingles);
        Assert.Equal(FingerprintGolden.FirstBandKey, fingerprint.BandKeys()[0]);
        Assert.Equal(FingerprintGolden.FirstValue, fingerprint.Signature[0]);
    }

    [Fact]
    public void A_signature_survives_its_byte_form()
    {
        var fingerprint = BodyFingerprint.Compute(Original);
        byte[] bytes = fingerprint.ToBytes();
        Assert.Equal(BodyFingerprint.Hashes * 4, bytes.Length);
        var back = BodyFingerprint.FromBytes(bytes, fingerprint.Shingles);
        Assert.Equal(fingerprint.Signature, back.Signature);
        Assert.Equal(fingerprint.BandKeys(), back.BandKeys());
        Assert.Throws<ArgumentException>(() => BodyFingerprint.FromBytes(new byte[10], 3));
    }

    [Fact]
    public void A_republication_with_its_own_credit_and_closing_line_is_a_copy()
    {
        double exact = ExactJaccard(Original, Republished);
        double estimate = Estimate(Original, Republished);

        Assert.InRange(exact, 0.85, 0.99);
        Assert.InRange(estimate, exact - 0.15, exact + 0.15);
        Assert.True(CopyLinks.AreCopies(Candidate("a", Original), Candidate("b", Republished)));
        Assert.NotEmpty(BodyFingerprint.Compute(Original).BandKeys().Intersect(BodyFingerprint.Compute(Republished).BandKeys()));
    }

    [Fact]
    public void A_copy_with_one_sentence_rewritten_is_still_a_copy()
    {
        double exact = ExactJaccard(Original, LightlyEdited);
        double estimate = Estimate(Original, LightlyEdited);

        Assert.InRange(exact, 0.6, 0.9);
        Assert.InRange(estimate, exact - 0.15, exact + 0.15);
        Assert.True(CopyLinks.AreCopies(Candidate("a", Original), Candidate("b", LightlyEdited)));
    }

    [Fact]
    public void Another_outlets_story_of_the_same_meeting_with_the_same_quote_and_closing_line_is_not_a_copy()
    {
        // Same people, numbers, quotation and last sentence: everything a topic match would key on. Its 5-word runs differ.
        double exact = ExactJaccard(Original, SameTopicOtherStory);
        double estimate = Estimate(Original, SameTopicOtherStory);

        Assert.InRange(exact, 0.05, 0.2);
        Assert.True(estimate < CopyLinks.Threshold - 0.2, $"estimate {estimate}");
        Assert.False(CopyLinks.AreCopies(Candidate("a", Original), Candidate("b", SameTopicOtherStory)));
        Assert.False(CopyLinks.AreCopies(Candidate("a", Republished), Candidate("b", SameTopicOtherStory)));
    }

    [Fact]
    public void A_different_story_of_the_same_outlet_and_people_shares_nothing()
    {
        Assert.True(Estimate(Original, OtherStory) < 0.05);
        Assert.False(CopyLinks.AreCopies(Candidate("a", Original), Candidate("b", OtherStory)));
    }

    [Fact]
    public void The_same_raw_content_is_a_copy_even_when_the_bodies_came_out_differently()
    {
        var a = Candidate("a", Original, contentHash: "same");
        var b = Candidate("b", OtherStory, contentHash: "SAME");
        Assert.True(CopyLinks.SameContent(a, b));
        Assert.Equal(1.0, CopyLinks.Similarity(a, b));
        Assert.True(CopyLinks.AreCopies(a, b));
    }

    [Fact]
    public void Short_bodies_link_only_when_identical()
    {
        var brief = Candidate("a", "The lighthouse committee met on Tuesday. Nothing was decided.");
        var same = Candidate("b", "The lighthouse committee met on Tuesday.\n\nNothing was decided.");
        var close = Candidate("c", "The lighthouse committee met on Tuesday. Nothing was agreed.");
        Assert.True(brief.Fingerprint.Shingles < CopyLinks.MinShingles);

        Assert.True(CopyLinks.AreCopies(brief, same));
        Assert.False(CopyLinks.AreCopies(brief, close));
    }

    [Fact]
    public void A_body_without_words_is_similar_to_nothing()
    {
        var empty = BodyFingerprint.Compute("— … —");
        Assert.Equal(0, empty.Shingles);
        Assert.Empty(empty.BandKeys());
        Assert.Equal(0, empty.EstimateJaccard(BodyFingerprint.Compute("— … —")));
    }

    [Fact]
    public void Band_collisions_grow_with_similarity_as_the_banding_promises()
    {
        // Of the 32 bands, identical bodies share all; the republication most; the same-topic story few or none.
        int Shared(string a, string b) =>
            BodyFingerprint.Compute(a).BandKeys().Zip(BodyFingerprint.Compute(b).BandKeys()).Count(p => p.First == p.Second);
        Assert.Equal(BodyFingerprint.Bands, Shared(Original, Original));
        Assert.InRange(Shared(Original, Republished), 16, BodyFingerprint.Bands);
        Assert.InRange(Shared(Original, LightlyEdited), 6, BodyFingerprint.Bands);
        Assert.InRange(Shared(Original, SameTopicOtherStory), 0, 2);
    }
}

/// <summary>Golden values of <see cref="BodyFingerprintTests.The_fingerprint_is_the_same_in_every_process"/>.</summary>
internal static class FingerprintGolden
{
    public const string FirstBandKey = "7621df5c0ae3c09d";
    public const uint FirstValue = 96758504;
}

using Ingest.Core.Copies;
using static Ingest.Core.Tests.Copies.CopyBodies;

namespace Ingest.Core.Tests.Copies;

/// <summary>Copies as the pipeline sees them: raw files of one story under different site chrome fingerprint as copies.</summary>
public class CopyPipelineTests
{
    private static CopyCandidate FromRecord(Document.ArticleRecord r) => CopyCandidate.FromRecord(r);

    [Fact]
    public void A_republished_file_with_other_header_footer_and_promos_fingerprints_as_a_copy_of_the_wire_file()
    {
        var wire = TestArticles.Extract("wire/pier-nine.txt", WireFile);
        var copy = TestArticles.Extract("courier/pier-nine.txt", RepublisherFile);
        var other = TestArticles.Extract("river/pier-nine.txt", SameTopicFile);

        Assert.NotEqual(wire.ContentHash, copy.ContentHash);
        double similarity = CopyLinks.Similarity(FromRecord(wire), FromRecord(copy));
        Assert.True(similarity >= 0.85, $"similarity {similarity}");
        Assert.True(CopyLinks.AreCopies(FromRecord(wire), FromRecord(copy)));
        Assert.False(CopyLinks.AreCopies(FromRecord(wire), FromRecord(other)));
        Assert.False(CopyLinks.AreCopies(FromRecord(copy), FromRecord(other)));
    }
}

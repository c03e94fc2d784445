using Ingest.Core.Copies;
using static Ingest.Core.Tests.Copies.CopyBodies;

namespace Ingest.Core.Tests.Copies;

/// <summary>Copies as the pipeline sees them: raw files of one story under different site chrome fingerprint as copies.</summary>
public class CopyPipelineTests
{
    private static readonly string Paragraphs = Original;

    private static readonly string WireFile =
        "COASTAL WIRE\n\nPort Authority Votes to Close Pier Nine Ferry Terminal\n\nBy Hanne Solberg\n\nJune 5, 2025\n\n" +
        Paragraphs + "\n\nShare this article on Facebook and Twitter.\n\nSign up for our morning newsletter.\n";

    private static readonly string RepublisherFile =
        "Support Bay Courier - Go Ad-Free!\n\nPort Authority Votes to Close Pier Nine Ferry Terminal\n\n" +
        "The east bank loses its boat landing after sixty years\n\nThis post first appeared on Bay Courier\n\n" +
        "From Coastal Wire:\n\n" + Paragraphs + "\n\nSupport Bay Courier - Go Ad-Free!\n\n" +
        "Anyone is free to republish, copy, and redistribute the text in this content, as long as they provide a backlink and credit to Bay Courier.\n\n" +
        "Our commenting rules: Be civil. We remove spam and personal attacks.\n";

    private static CopyCandidate FromRecord(Document.ArticleRecord r) => CopyCandidate.FromRecord(r);

    [Fact]
    public void A_republished_file_with_other_header_footer_and_promos_fingerprints_as_a_copy_of_the_wire_file()
    {
        var wire = TestArticles.Extract("wire/pier-nine.txt", WireFile);
        var copy = TestArticles.Extract("courier/pier-nine.txt", RepublisherFile);
        var other = TestArticles.Extract("river/pier-nine.txt", "RIVER TIMES\n\nFerry Terminal to Close\n\n" + SameTopicOtherStory);

        Assert.NotEqual(wire.ContentHash, copy.ContentHash);
        double similarity = CopyLinks.Similarity(FromRecord(wire), FromRecord(copy));
        Assert.True(similarity >= 0.85, $"similarity {similarity}");
        Assert.True(CopyLinks.AreCopies(FromRecord(wire), FromRecord(copy)));
        Assert.False(CopyLinks.AreCopies(FromRecord(wire), FromRecord(other)));
        Assert.False(CopyLinks.AreCopies(FromRecord(copy), FromRecord(other)));
    }
}

using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Tests.Stages;

/// <summary>A body too short to be an article rejects the file; a short real article passes.</summary>
public class BodyStageTests
{
    private static ArticleRejectedException Rejected(string name, string text, ArticleExtractor? extractor = null)
    {
        var ex = Assert.Throws<StageFailedException>(() =>
            (extractor ?? ArticleExtractor.Default).Extract(new SourceRef("test", name), Encoding.UTF8.GetBytes(text)));
        Assert.Equal("body", ex.Stage);
        return Assert.IsType<ArticleRejectedException>(ex.InnerException);
    }

    [Fact]
    public void ASevenByteFileIsRejectedAsTooShort() =>
        Assert.Equal("The file is too short to be an article: 1 word of article text (at least 5 needed).",
            Rejected("tiny.txt", "Hello!\n").Message);

    [Fact]
    public void AFewWordsAreTooShort() =>
        Assert.Equal("The file is too short to be an article: 4 words of article text (at least 5 needed).",
            Rejected("stub.txt", "Story to follow soon.\n").Message);

    [Fact]
    public void EnoughWordsButHardlyAnyLettersAreTooShort() =>
        Assert.Equal("The file is too short to be an article: 11 words but 3 letters of article text (at least 20 needed).",
            Rejected("numbers.txt", "12 - 4, 9 - 11, 3 - 0 FC\u00A0A\n").Message);

    [Fact]
    public void ATwoSentenceBriefPasses()
    {
        var record = TestArticles.Extract("brief.txt",
            "Ferry timetable changes\n\nThe harbor ferry keeps its winter timetable until May. Repairs on the north quay are behind schedule.\n");
        Assert.Equal("Ferry timetable changes", record.Title);
        Assert.Equal("The harbor ferry keeps its winter timetable until May. Repairs on the north quay are behind schedule.", record.Body);
    }

    [Fact]
    public void TheMinimumIsAnOptionBoundFromThePipelineSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Body:MinWords"] = "30", ["Pipeline:Body:MinLetters"] = "1" }).Build();
        var options = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>()!;
        Assert.Equal((30, 1), (options.Body.MinWords, options.Body.MinLetters));
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(options));
        Assert.Equal(30, extractor.Pipeline.Stages.OfType<BodyStage>().Single().Options.MinWords);
        var ex = Rejected("brief.txt",
            "Ferry timetable changes\n\nThe harbor ferry keeps its winter timetable until May. Repairs on the north quay are behind schedule.\n", extractor);
        Assert.Equal("The file is too short to be an article: 17 words of article text (at least 30 needed).", ex.Message);
    }
}

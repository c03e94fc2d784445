using Ingest.Core.Stages;
namespace Ingest.Core.Tests.Stages;

public class BoilerplateStageTests
{
    [Fact]
    public void RepublicationPromoLicenceAndCommentLinesLeaveTheBodyBothTimes()
    {
        var record = TestArticles.ExtractFixture("republished-commentary.txt");
        Assert.DoesNotContain("Go Ad-Free", record.Body);
        Assert.DoesNotContain("first appeared on", record.Body);
        Assert.DoesNotContain("Creative Commons", record.Body);
        Assert.DoesNotContain("commenting rules", record.Body);
        Assert.DoesNotContain("Add new comment", record.Body);
        Assert.Equal(2, record.Boilerplate.Count(b => b.Text == "Support Northern Ledger - Go Ad-Free!" && b.Reason == "promo"));
        Assert.Equal(2, record.Boilerplate.Count(b => b.Text == "This post first appeared on Northern Ledger" && b.Reason == "republication"));
        Assert.Contains(record.Boilerplate, b => b.Reason == "licence" && b.Text.StartsWith("Anyone is free to republish"));
        Assert.Contains(record.Boilerplate, b => b.Reason == "comment-rules" && b.Text == "Add new comment");
    }

    [Fact]
    public void CaptionsBiosRelatedListsAndPromosAreRemovedWithTheirReasons()
    {
        var record = TestArticles.ExtractFixture("harbor-dump.txt");
        string body = record.Body;
        Assert.DoesNotContain("dredge barge idles", body);             // caption with a credit
        Assert.DoesNotContain("covers the coast and fisheries", body);  // author bio
        Assert.DoesNotContain("Oyster harvest hits", body);             // related list item
        Assert.DoesNotContain("RELATED COVERAGE", body);
        Assert.DoesNotContain("Support local journalism", body);
        Assert.DoesNotContain("Comments (0)", body);
        Assert.DoesNotContain("Home | Local", body);                    // navigation
        Assert.DoesNotContain("THE TIDEWATER COURIER", body);           // masthead
        Assert.Contains(record.Boilerplate, b => b.Reason == "caption" && b.Text.StartsWith("A dredge barge"));
        Assert.Contains(record.Boilerplate, b => b.Reason == "author-bio");
        Assert.Contains(record.Boilerplate, b => b.Reason == "related" && b.Text == "Storm season forecast raises worries on the waterfront");
    }

    [Fact]
    public void ArticleTextIsKeptFromFirstToLastParagraph()
    {
        var record = TestArticles.ExtractFixture("harbor-dump.txt");
        var paragraphs = TestArticles.Paragraphs(record);
        Assert.StartsWith("The Carver Bay Port Authority voted 4-1", paragraphs[0]);
        Assert.Equal("“If they bring it back, we will be here again,” she said.", paragraphs[^1]);
        Assert.Equal(7, paragraphs.Length);
    }

    [Fact]
    public void MidBodyRelatedLineAndNewsletterPromoGoButTheParagraphsAroundThemStay()
    {
        const string text = "Budget talks resume\n\nThe county board reopened budget talks on Monday after a two-week pause over library hours.\n\nRELATED STORY | Library hours cut at two branches\n\nSign up for our free morning newsletter to get local news in your inbox.\n\nBoard members said they expect a vote before the end of the month, when the fiscal year closes.";
        var record = TestArticles.Extract("t.txt", text);
        Assert.Equal(2, TestArticles.Paragraphs(record).Length);
        Assert.Contains(record.Boilerplate, b => b.Reason == "related");
        Assert.Contains(record.Boilerplate, b => b.Reason == "promo");
    }

    [Fact]
    public async Task PublisherTemplateLinesAreRemovedWhenNoRuleNamesThem()
    {
        const string text = "Valley Wire\n\nDam inspection finds cracks\n\nEngineers found hairline cracks in the spillway during the spring inspection of the dam.\n\nThe valley wire brings you the stories that matter here.\n\nRepairs are expected to begin in August and last about six weeks, officials said.";
        var memory = new FixedTemplateMemory("Valley Wire", Ingest.Core.Stages.TemplateStage.TemplateKey("The valley wire brings you the stories that matter here."));
        var withMemory = (await ArticleExtractor.Default.ExtractAsync(new Document.SourceRef("t", "a.txt"), System.Text.Encoding.UTF8.GetBytes(text), memory)).Record;
        Assert.Equal(["Valley Wire"], memory.Asked);
        var without = TestArticles.Extract("a.txt", text);
        Assert.Contains("valley wire brings you", without.Body);
        Assert.DoesNotContain("valley wire brings you", withMemory.Body);
        Assert.Contains(withMemory.Boilerplate, b => b.Reason == "template");
    }
}

public class BoilerplateRuleTests
{
    [Theory]
    [InlineData("Updated 5:27 am CST, Thursday", "navigation")]
    [InlineData("Write to Jane Roe at jane.roe@news.example", "credit")]
    [InlineData("This copy is for your personal, non-commercial use only.", "licence")]
    [InlineData("* Note to readers: Please click the share buttons above or below.", "promo")]
    [InlineData("Share this article on Facebook and Twitter.", "share")]
    [InlineData("This article was originally published by Gulf Shore Wire.", "republication")]
    [InlineData("Photo by Ben Ochs/Gulf Shore Wire", "caption")]
    [InlineData("Comments are closed.", "comment-rules")]
    public void LinesAreClassifiedWithTheirReason(string line, string reason) =>
        Assert.Equal(reason, Ingest.Core.Stages.BoilerplateStage.Classify(new Ingest.Core.Document.Block { Text = line }));

    [Theory]
    [InlineData("The council said residents should donate blood at the clinic on Friday, when the mobile unit visits the valley.")]
    [InlineData("Copyright law was the subject of the hearing, which ran for four hours and drew dozens of artists.")]
    public void ArticleSentencesThatMentionRuleWordsAreKept(string line) =>
        Assert.Null(Ingest.Core.Stages.BoilerplateStage.Classify(new Ingest.Core.Document.Block { Text = line }));

    [Fact]
    public async Task TemplateNeverTakesMostOfTheBody()
    {
        // Every line is "learnt": the article is a copy of one the memory saw, so nothing may go.
        string[] paragraphs =
        [
            "Engineers found hairline cracks in the spillway during the spring inspection of the dam.",
            "Repairs are expected to begin in August and last about six weeks, officials said.",
        ];
        string text = "Valley Wire\n\nDam inspection finds cracks\n\n" + string.Join("\n\n", paragraphs);
        var memory = new FixedTemplateMemory("Valley Wire", [.. paragraphs.Select(TemplateStage.TemplateKey)]);
        var record = (await ArticleExtractor.Default.ExtractAsync(new Document.SourceRef("t", "a.txt"), System.Text.Encoding.UTF8.GetBytes(text), memory)).Record;
        Assert.Equal(string.Join("\n\n", paragraphs), record.Body);
        Assert.DoesNotContain(record.Boilerplate, b => b.Reason == "template");
    }

    [Fact]
    public void TemplateKeysKeepNumbersApart() =>
        Assert.NotEqual(TemplateStage.TemplateKey("Day 3 of the trial"), TemplateStage.TemplateKey("Day 4 of the trial"));

    [Fact]
    public void StageOptionsComeFromThePipelineOptions()
    {
        const string text = "Ferry timetable changes\n\nThe harbor ferry will keep its winter timetable until the repairs on the north quay are finished in spring.\n\nCouncillors said the summer crossings would start again in May, a month later than usual.\n\nFerry photos of the week";
        var byDefault = TestArticles.Extract("f.txt", text);
        Assert.Contains(byDefault.Boilerplate, b => b.Reason == "footer" && b.Text == "Ferry photos of the week");

        var options = new Pipeline.PipelineOptions { Boilerplate = { MaxTailChromeWords = 0 } };
        var tuned = new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(options))
            .Extract(new Document.SourceRef("test", "f.txt"), System.Text.Encoding.UTF8.GetBytes(text)).Record;
        Assert.Contains("Ferry photos of the week", tuned.Body);
    }
}

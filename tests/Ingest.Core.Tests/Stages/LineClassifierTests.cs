using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Tests.Stages;

/// <summary>The line classifier of text dumps: the shipped weights, training, and its place in the boilerplate decision.</summary>
public class LineClassifierTests
{
    private const string Paragraph1 = "The Tollmere county board voted on Tuesday to reopen the old ferry landing after a two-year closure, ending a dispute that had split the riverside towns.";
    private const string Paragraph2 = "Board members said the repairs to the pier would cost about four hundred thousand dollars and would be paid from a state grant awarded last spring.";
    private const string Paragraph3 = "Residents who commute to the mill on the far bank have waited since the closure for a shorter crossing, and several spoke at the meeting in favour.";
    private const string Paragraph4 = "The first boats are expected to run in June, once inspectors have signed off on the new ramps and the ticket office has been rebuilt by the county.";

    private static List<Block> Blocks(params string[] lines) => lines.Select(l => new Block { Text = l }).ToList();

    /// <summary>A made-up page: menus, a headline, four paragraphs, then share and footer lines.</summary>
    private static List<Block> MadeUpPage() => Blocks(
        "Home", "News", "Sports", "Weather", "Subscribe", "Log In",
        "Ferry landing to reopen after two-year fight",
        Paragraph1, Paragraph2, Paragraph3, Paragraph4,
        "Share this article", "Facebook", "Twitter", "Email",
        "About Us", "Contact", "Privacy Policy", "© 2024 The Riverside Courier. All rights reserved.");

    [Fact]
    public void ShippedWeightsLoadAndScoreMadeUpLines()
    {
        var model = LineModel.Shipped;
        Assert.NotNull(model);
        Assert.Equal(2, model.Passes.Count);
        var page = MadeUpPage();
        var p = model.Score(page);
        Assert.Equal(page.Count, p.Length);
        for (int i = 0; i < page.Count; i++)
        {
            bool body = page[i].Text.StartsWith("The ", StringComparison.Ordinal) && page[i].Text.Length > 100
                        || page[i].Text is Paragraph2 or Paragraph3;
            if (body)
                Assert.True(p[i] >= 0.5, $"body line scored {p[i]:0.00}: {page[i].Text}");
            else if (page[i].Text is "Home" or "Sports" or "Facebook" or "Privacy Policy" or "Share this article")
                Assert.True(p[i] < 0.5, $"chrome line scored {p[i]:0.00}: {page[i].Text}");
        }
    }

    /// <summary>Made-up pages on which long lines are body and short ones chrome: a classifier that distrusts short lines.</summary>
    private static List<LineDocument> LongLinesAreBody()
    {
        var docs = new List<LineDocument>();
        string[] paragraphs = [Paragraph1, Paragraph2, Paragraph3, Paragraph4];
        for (int d = 0; d < 6; d++)
        {
            var lines = new List<string> { "Home", "Local news", "Opinion" };
            for (int k = 0; k < 4; k++)
                lines.Add(paragraphs[(d + k) % 4]);
            lines.AddRange(["Share", "Comments (3)", "Read more", "Sign up for alerts"]);
            docs.Add(new LineDocument($"made-up-{d}", Blocks([.. lines]), lines.Select(l => (bool?)(l.Length > 60)).ToList(), d));
        }
        return docs;
    }

    private static byte[] Bytes(LineModel model)
    {
        using var ms = new MemoryStream();
        model.Save(ms);
        return ms.ToArray();
    }

    [Fact]
    public void TrainingIsDeterministicAndSavedWeightsScoreAsTrained()
    {
        var options = new LineTrainingOptions(Bits: 12, Epochs: 4, Folds: 2);
        var model = LineTrainer.Train(LongLinesAreBody(), options);
        var a = Bytes(model);
        Assert.Equal(a, Bytes(LineTrainer.Train(LongLinesAreBody(), options)));
        Assert.NotEqual(a, Bytes(LineTrainer.Train(LongLinesAreBody(), options with { Seed = 7 })));

        using var ms = new MemoryStream(a);
        var loaded = LineModel.Load(ms);
        var page = Blocks("Home", Paragraph2, Paragraph3, "Share");
        var p = loaded.Score(page);
        Assert.True(p[0] < 0.5 && p[3] < 0.5 && p[1] >= 0.5 && p[2] >= 0.5, string.Join(' ', p.Select(x => x.ToString("0.00"))));
        Assert.Equal(model.Score(page), p, (x, y) => Math.Abs(x - y) < 0.01);

        using var gz = new MemoryStream();
        using (var w = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            w.Write("not a model"u8);
        gz.Position = 0;
        Assert.Throws<InvalidDataException>(() => LineModel.Load(gz));
    }

    /// <summary>A one-pass model that calls prose body (p 0.98) and every other line chrome (p 0.02).</summary>
    private static LineModel OnlyProseIsBody()
    {
        const int bits = 12;
        var w = new float[1 << bits];
        w[LineFeatures.Bucket(LineFeatures.TBias, 0, (1 << bits) - 1)] = -4;
        w[LineFeatures.Bucket(LineFeatures.TProse, 1, (1 << bits) - 1)] = 8;
        return new LineModel(bits, [w]);
    }

    [Fact]
    public void ClassifierDoesNotRemoveShortBodyLinesQuotesOrOneLineParagraphs()
    {
        var model = OnlyProseIsBody();
        const string quote = "“We waited long enough,” Rhee said.";
        const string oneLine = "The vote was 5-2.";
        const string subhead = "What comes next";
        const string item = "- a new ticket office";
        string text = string.Join("\n\n",
            "THE RIVERSIDE COURIER", "Home | News | Sports | Weather", "Ferry landing to reopen after two-year fight",
            Paragraph1, quote, oneLine, Paragraph2, subhead, Paragraph3, "The plan includes:", item, "- two new ramps", Paragraph4,
            "Share", "Comments (3)", "Sign up for alerts");

        // The classifier on its own would drop every short body line.
        var segmented = SegmentStage.SegmentText(new ArticleDocument(new SourceRef("t", "t.txt"), Encoding.UTF8.GetBytes(text)), text, false);
        var p = model.Score(segmented);
        foreach (var line in new[] { quote, oneLine, subhead, item })
            Assert.True(p[segmented.FindIndex(b => b.Text == line)] < 0.5, line);

        var options = new PipelineOptions();
        options.Boilerplate.LineClassifier = true;
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(options, model).EnforceContract().Build());
        var record = extractor.Extract(new SourceRef("t", "ferry.txt"), Encoding.UTF8.GetBytes(text)).Record;
        var paragraphs = TestArticles.Paragraphs(record);
        Assert.Equal([Paragraph1, quote, oneLine, Paragraph2, subhead, Paragraph3, "The plan includes:", item, "- two new ramps", Paragraph4], paragraphs);
        Assert.Equal("Ferry landing to reopen after two-year fight", record.Title);
        Assert.Equal("The Riverside Courier", record.Publisher, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(record.Boilerplate, b => b.Text == "Sign up for alerts");

        // Off by default: the same page without the setting gives the rules' body.
        var plain = TestArticles.Extract("ferry.txt", text);
        Assert.DoesNotContain(plain.Boilerplate, b => b.Reason == "classifier");
    }

    [Fact]
    public void ClassifierRemovesChromeTheRulesKeepAndScoresOnlyTextDumps()
    {
        var model = OnlyProseIsBody();
        // Two short lines in a row amid the paragraphs: no subhead (that is one line between two paragraphs), no rule names them.
        string text = string.Join("\n\n", "Ferry landing to reopen after two-year fight", Paragraph1, Paragraph2, "Local news", "Opinion",
            Paragraph3, Paragraph4);
        var options = new PipelineOptions();
        options.Boilerplate.LineClassifier = true;
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultBuilder(options, model).EnforceContract().Build());
        var record = extractor.Extract(new SourceRef("t", "ferry.txt"), Encoding.UTF8.GetBytes(text)).Record;
        Assert.Equal([Paragraph1, Paragraph2, Paragraph3, Paragraph4], TestArticles.Paragraphs(record));
        Assert.Contains(record.Boilerplate, b => b.Text == "Local news" && b.Reason == "classifier");
        Assert.Contains(record.Boilerplate, b => b.Text == "Opinion" && b.Reason == "classifier");
        Assert.Contains("Local news", TestArticles.Extract("ferry.txt", text).Body);

        var document = new ArticleDocument(new SourceRef("t", "ferry.md"), Encoding.UTF8.GetBytes(text));
        new PipelineBuilder().Add(new DecodeStage()).Add(new SegmentStage()).Add(new LineClassifierStage(model)).EnforceContract().Build().Run(document);
        Assert.False(document.Get(Layers.LineScores).Scored);
    }

    [Fact]
    public void Scoring_with_the_base_features_cached_equals_the_two_passes_run_in_full_and_hands_over_the_rule_answers()
    {
        var model = LineModel.Shipped!;
        Assert.Equal(2, model.Passes.Count);
        string text = string.Join("\n\n", "Ferry landing to reopen after two-year fight", "Home | News | Sports", Paragraph1,
            "Sign up for our newsletter", Paragraph2, "Share this article", Paragraph3, "Related: Bridge tolls rise", Paragraph4);
        var document = new ArticleDocument(new SourceRef("t", "ferry.txt"), Encoding.UTF8.GetBytes(text));
        new PipelineBuilder().Add(new DecodeStage()).Add(new SegmentStage()).Build().Run(document);
        var blocks = document.Get(Layers.Blocks);

        var infos = LineFeatures.Describe(blocks);
        var prose = LineFeatures.ProseBefore(infos);
        var first = LineModel.ScorePass(blocks, infos, prose, model.Passes[0], null, model.Mask);
        var full = LineModel.ScorePass(blocks, infos, prose, model.Passes[1], first, model.Mask);

        var (scores, rules) = model.ScoreWithRules(blocks);
        Assert.Equal(full, scores);
        Assert.Equal(blocks.Select(BoilerplateStage.Classify), rules);
        Assert.Contains("share", rules);
    }

    private const string FireStory = "Warehouse Fire Closes Route 9 for Hours\n\nBy Dana Whitfield\nMarch 3, 2025\n\n" +
        "A fire at a warehouse on Route 9 closed the road for six hours on Monday, and two firefighters were treated for smoke, the county fire department said.\n\n" +
        "The fire started just after 4 a.m. in a storage room at the back of the building, Chief Ray Olsen said at the scene.\n\n" +
        "\"We were lucky the wind was calm,\" Olsen said. \"It could have spread to the homes behind it.\"\n\n" +
        "What we know\n\nThe cause is under investigation.\n\n";

    [Theory]
    [InlineData("Officials listed three possible causes:\n\n- a faulty heater in the storage room\n- wiring in the loading dock\n- a discarded cigarette near the back door\n\n",
        new[] { "a faulty heater in the storage room", "wiring in the loading dock", "a discarded cigarette near the back door" })]
    [InlineData("The county will hold two public forums in February:\n\nFeb. 3 at Valley High School\n\nFeb. 10 at Central Middle School\n\n",
        new[] { "Feb. 3 at Valley High School", "Feb. 10 at Central Middle School" })]
    public void A_later_section_with_a_subhead_a_lead_in_and_a_list_stays_in_the_body_with_the_classifier_on(string section, string[] items)
    {
        var record = TestArticles.Extract("fire.txt", FireStory + section + "Crews stayed on scene until noon.\n");
        Assert.Contains("What we know", record.Body);
        Assert.Contains("The cause is under investigation.", record.Body);
        Assert.All(items, item => Assert.Contains(item, record.Body));
        Assert.EndsWith("Crews stayed on scene until noon.", record.Body);
        Assert.DoesNotContain(record.Boilerplate, b => b.Reason == "classifier");
    }

    [Fact]
    public void Related_teasers_after_the_story_still_leave_with_the_classifier_on()
    {
        var record = TestArticles.Extract("fire.txt", FireStory +
            "Related stories:\n\nBridge tolls rise again in April\n\nCouncil delays vote on bus routes\n\nSchool board names new chief\n");
        Assert.EndsWith("The cause is under investigation.", record.Body);
        Assert.DoesNotContain("Bridge tolls", record.Body);
    }
}

using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Entities;
using Microsoft.Extensions.Configuration;

namespace Ingest.Core.Tests.Stages;

/// <summary>The statistical tagger: tokens, labels, the shipped weights, training, and the entity stage's tagger option.</summary>
public class NerTaggerTests
{
    private static string[] Texts(string paragraph) => NerTokenizer.Tokens(paragraph).Select(t => t.Text).ToArray();

    private static List<(string Text, string Type)> Names(NerTagger tagger, string paragraph) =>
        tagger.TagParagraphs([paragraph]).Select(m => (paragraph[m.Start..m.End], NerLabels.Types[m.Type])).ToList();

    [Fact]
    public void TokenizerSplitsLikeTheTrainingData()
    {
        Assert.Equal(["Dr.", "Ines", "Vardoulis", "'s", "U.S.", "-", "based", "firm", ",", "Kellow", "Ltd.", ",", "did", "n't", "say", "."],
            Texts("Dr. Ines Vardoulis's U.S.-based firm, Kellow Ltd., didn't say."));
        Assert.Equal(["“", "We", "wait", ",", "”", "she", "said", "—", "twice", "..."], Texts("“We wait,” she said—twice..."));
        var tokens = NerTokenizer.Tokens("Go to St. Albans (now).");
        Assert.Equal(["Go", "to", "St.", "Albans", "(", "now", ")", "."], tokens.Select(t => t.Text));
        Assert.Equal(6, tokens[2].Start);
        Assert.Equal(9, tokens[2].End);
    }

    [Fact]
    public void ASlashBetweenWordsStandsApart()
    {
        Assert.Equal(["MARLOW", "/", "KESTON", ",", "1/2", "and", "/or"], Texts("MARLOW/KESTON, 1/2 and /or"));
        var tokens = NerTokenizer.Tokens("Oxley/Brenford");
        Assert.Equal([0, 5, 6], tokens.Select(t => t.Start));
    }

    [Fact]
    public void GazetteerNamesMarkTheirFirstAndLaterTokens()
    {
        // "Los Angeles" (a city of 1M+) over two tokens; "U.S." a country without its full stops; "New Harbor" matches nothing.
        var infos = NerFeatures.Prepare([["He", "left", "Los", "Angeles", "for", "the", "U.S.", "and", "New", "Harbor", "."]], out _, out _)[0];
        int city = NerGazetteerBits.CityLarge, country = NerGazetteerBits.Country;
        Assert.Equal(NerGazetteerBits.Bit(city, false), infos[2].Gazetteer & NerGazetteerBits.Bit(city, false));
        Assert.Equal(NerGazetteerBits.Bit(city, true), infos[3].Gazetteer & NerGazetteerBits.Bit(city, true));
        Assert.NotEqual(0, infos[6].Gazetteer & NerGazetteerBits.Bit(country, false));
        Assert.Equal(0, infos[9].Gazetteer);
        Assert.Equal(0, infos[1].Gazetteer);
    }

    [Fact]
    public void CaseClasses()
    {
        Assert.Equal(NerFeatures.CaseTitle, NerFeatures.CaseOf("Oxley"));
        Assert.Equal(NerFeatures.CaseTitle, NerFeatures.CaseOf("A"));
        Assert.Equal(NerFeatures.CaseUpper, NerFeatures.CaseOf("HCWA"));
        Assert.Equal(NerFeatures.CaseMixed, NerFeatures.CaseOf("McKee"));
        Assert.Equal(NerFeatures.CaseLower, NerFeatures.CaseOf("said"));
        Assert.Equal(NerFeatures.CaseDigit, NerFeatures.CaseOf("1,200"));
        Assert.Equal(NerFeatures.CasePunct, NerFeatures.CaseOf("--"));
    }

    [Fact]
    public void OneTypePerNameAndCountriesAreLocations()
    {
        static TypedMention T(string name, string type) => new(new Mention(name, 0, 0, false, [], ""), name, type, null);
        var typed = new List<TypedMention>
        {
            T("Oxley", EntityTypes.Organization), T("Oxley", EntityTypes.Location), T("Oxley", EntityTypes.Location),
            T("Brenford", EntityTypes.Person), T("Brenford", EntityTypes.Organization),
            T("France", EntityTypes.Organization),
        };
        var result = TaggedEntities.OneTypePerName(typed);
        Assert.Equal([EntityTypes.Location, EntityTypes.Location, EntityTypes.Location], result.Take(3).Select(t => t.Type));
        // A tie keeps the first mention's type.
        Assert.Equal([EntityTypes.Person, EntityTypes.Person], result.Skip(3).Take(2).Select(t => t.Type));
        Assert.Equal(EntityTypes.Location, result[5].Type);
    }

    [Fact]
    public void SentencesEndAfterTheirClosingQuote()
    {
        var sentences = NerTokenizer.Sentences("“It rained.” Then it stopped! Done");
        Assert.Equal(3, sentences.Count);
        Assert.Equal("”", sentences[0][^1].Text);
        Assert.Equal("Then", sentences[1][0].Text);
    }

    [Fact]
    public void LabelsParseRepairAndSpan()
    {
        Assert.Equal(0, NerLabels.Parse("B-MISC"));
        int[] labels = [NerLabels.Parse("I-PER"), NerLabels.Parse("I-PER"), 0, NerLabels.Parse("B-LOC"), NerLabels.Parse("I-ORG")];
        NerLabels.Repair(labels);
        Assert.Equal([1, 2, 0, 5, 3], labels);
        Assert.Equal([new NerSpan(0, 2, 0), new NerSpan(3, 4, 2), new NerSpan(4, 5, 1)], NerTagger.Spans(labels));
    }

    [Fact]
    public void JoinedTokensReadAsWritten()
    {
        var (text, tokens) = NerRules.Join(["\"", "Ines", "Vardoulis", "'s", "co", "-", "op", "(", "Kellow", ")", "did", "n't", "sell", ",", "\"", "he", "said", "."]);
        Assert.Equal("\"Ines Vardoulis's co-op (Kellow) didn't sell,\" he said.", text);
        Assert.Equal("Kellow", text[tokens[8].Start..tokens[8].End]);
    }

    [Fact]
    public void ShippedWeightsLoadAndTagAMadeUpSentence()
    {
        var tagger = NerTagger.Shipped;
        Assert.NotNull(tagger);
        Assert.True(tagger.Model.UsesRules);
        var names = Names(tagger, "Dorota Weslowska, the chief executive of Brightwater Holdings, told reporters in Chicago on Monday that the plan would go ahead.");
        Assert.Equal([("Dorota Weslowska", "PER"), ("Brightwater Holdings", "ORG"), ("Chicago", "LOC")], names);
    }

    /// <summary>A tiny made-up corpus: people before "said", organisations before "hired", places after "in".</summary>
    private static List<NerDocument> TinyCorpus()
    {
        string[] people = ["Ada Brellow", "Ola Venn", "Ivo Strandek", "Una Pike"], orgs = ["Kessin Works", "Marrow Group", "Tollmere Labs"], places = ["Oxley", "Brenford", "Calmbry"];
        var docs = new List<NerDocument>();
        for (int d = 0; d < 6; d++)
        {
            var sentences = new List<string[]>();
            var labels = new List<int[]>();
            for (int k = 0; k < 4; k++)
            {
                var p = people[(d + k) % people.Length].Split(' ');
                var o = orgs[(d + 2 * k) % orgs.Length].Split(' ');
                string place = places[(d + k) % places.Length];
                sentences.Add([p[0], p[1], "said", o[0], o[1], "hired", "staff", "in", place, "."]);
                labels.Add([1, 2, 0, 3, 4, 0, 0, 0, 5, 0]);
            }
            docs.Add(new NerDocument($"tiny-{d}", sentences, labels));
        }
        return docs;
    }

    private static byte[] Bytes(NerModel model)
    {
        using var ms = new MemoryStream();
        model.Save(ms);
        return ms.ToArray();
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var options = new NerTrainingOptions(Bits: 12, Epochs: 4, Folds: 2);
        var a = Bytes(NerTrainer.Train(TinyCorpus(), options));
        var b = Bytes(NerTrainer.Train(TinyCorpus(), options));
        Assert.Equal(a, b);
        Assert.NotEqual(a, Bytes(NerTrainer.Train(TinyCorpus(), options with { Seed = 7 })));
    }

    [Fact]
    public void SavedWeightsTagAsTrainedAndOtherBytesAreRefused()
    {
        var model = NerTrainer.Train(TinyCorpus(), new NerTrainingOptions(Bits: 12, Epochs: 4, Folds: 2));
        using var ms = new MemoryStream(Bytes(model));
        var loaded = new NerTagger(NerModel.Load(ms));
        string[] sentence = ["Ola", "Venn", "said", "Tollmere", "Labs", "hired", "staff", "in", "Calmbry", "."];
        Assert.Equal([1, 2, 0, 3, 4, 0, 0, 0, 5, 0], loaded.Tag([sentence])[0]);
        Assert.Equal(new NerTagger(model).Tag([sentence])[0], loaded.Tag([sentence])[0]);
        using var gz = new MemoryStream();
        using (var w = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            w.Write("not a model"u8);
        gz.Position = 0;
        Assert.Throws<InvalidDataException>(() => NerModel.Load(gz));
    }

    private static ArticleRecord Extract(bool tagger, string text)
    {
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(new PipelineOptions { Entities = { Tagger = tagger } }));
        return extractor.Extract(new SourceRef("test", "a.txt"), Encoding.UTF8.GetBytes(text)).Record;
    }

    [Fact]
    public void TheTaggerOptionTypesAnUnfamiliarNameAsAPerson()
    {
        const string text = "Harbour report delayed\n\nThe report on the new harbour wall was written by Tavoli Semaia and will be published in March, the council said.\n\nThe wall was built in 1962.";
        var rules = Extract(tagger: false, text).Entities.Single(e => e.Name == "Tavoli Semaia");
        var tagged = Extract(tagger: true, text).Entities.Single(e => e.Name == "Tavoli Semaia");
        Assert.Equal(EntityTypes.Organization, rules.Type);
        Assert.Equal(EntityTypes.Person, tagged.Type);
        Assert.Equal(1, tagged.Mentions);
    }

    [Fact]
    public void TheTaggerOptionBindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Entities:Tagger"] = "true" }).Build();
        var options = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>()!;
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(options));
        Assert.True(extractor.Pipeline.Stages.OfType<EntityStage>().Single().Options.Tagger);
        Assert.False(ArticleExtractor.Default.Pipeline.Stages.OfType<EntityStage>().Single().Options.Tagger);
    }
}

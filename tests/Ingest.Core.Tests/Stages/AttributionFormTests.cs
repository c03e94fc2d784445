using Ingest.Core.Document;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Quotes;

namespace Ingest.Core.Tests.Stages;

/// <summary>
/// Attribution forms news writing uses (issue 9's failure kinds), each on made-up sentences: abbreviated titles before
/// names, appositions, relative clauses.
/// </summary>
public class AttributionFormTests
{
    private static ArticleRecord Extract(params string[] paragraphs) =>
        TestArticles.Extract("a.txt", "Harbor council backs the bridge plan\n\n" + string.Join("\n\n", paragraphs));

    [Theory]
    [InlineData("Mr.")]
    [InlineData("Ms.")]
    [InlineData("Mrs.")]
    [InlineData("Dr.")]
    [InlineData("Sen.")]
    [InlineData("Rep.")]
    [InlineData("Gov.")]
    [InlineData("Gen.")]
    [InlineData("Prof.")]
    [InlineData("Lt.")]
    [InlineData("Sgt.")]
    public void ATitleAbbreviationBeforeTheNameKeepsTheSplitQuoteAndItsSpeaker(string title)
    {
        var r = Extract($"“We will build it,” said {title} Ada Pellow. “It will take two years.”",
            $"“The money is there,” {title} Pellow said. “The plans are ready.”");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal("We will build it, It will take two years.", r.Quotes[0].Text);
        Assert.Equal("The money is there, The plans are ready.", r.Quotes[1].Text);
        Assert.All(r.Quotes, q => Assert.Equal("Ada Pellow", q.Speaker));
        var e = Assert.Single(r.Entities, x => x.Name == "Ada Pellow");
        Assert.Equal(EntityTypes.Person, e.Type);
        Assert.DoesNotContain(e.Aliases, a => a.Contains(title, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("said Ada Pellow on Monday.")]
    [InlineData("said Ada Pellow on Monday, as the council met for the last time this year.")]
    [InlineData("said Ada Pellow last Tuesday night.")]
    [InlineData("said Ada Pellow on Jan. 5, 2025.")]
    [InlineData("said Ada Pellow in March.")]
    [InlineData("said Ada Pellow yesterday.")]
    [InlineData("said Ada Pellow on Friday morning.")]
    public void A_time_adverbial_after_the_speaker_is_not_taken_for_the_name(string attribution)
    {
        var r = Extract($"“We will build it, and the ferry will run again,” {attribution}");
        var q = Assert.Single(r.Quotes);
        Assert.Equal(("Ada Pellow", SpeakerKinds.Person), (q.Speaker, q.SpeakerKind));
    }

    [Fact]
    public void A_role_then_the_name_in_apposition_names_the_speaker()
    {
        var r = Extract("“We will be ready for the crowds this summer,” the city manager, Ada Pellow, said Tuesday night.");
        Assert.Equal(("Ada Pellow", SpeakerKinds.Person), (Assert.Single(r.Quotes).Speaker, r.Quotes[0].SpeakerKind));
    }

    [Theory]
    [InlineData("“We will be ready,” Ada Pellow, the city manager, said.")]
    [InlineData("“We will be ready,” the city manager, Ada Pellow, said Tuesday night.")]
    public void A_short_quotation_keeps_its_attribution_after_a_name_and_an_apposition(string paragraph)
    {
        var q = Assert.Single(Extract(paragraph).Quotes);
        Assert.Equal(("We will be ready", "Ada Pellow"), (q.Text, q.Speaker));
    }

    [Fact]
    public void A_short_quotation_with_a_cue_only_in_the_next_sentence_is_not_a_quote() =>
        Assert.Empty(Extract("The new sign by the pier says “Ready,” the harbor master noticed. Officials said the ferry would run again.").Quotes);

    [Theory]
    [InlineData("“We will be ready for the crowds this summer,” an aide to Gov. Ada Pellow said.", "an aide to Gov. Ada Pellow")]
    [InlineData("An aide to Gov. Ada Pellow, who spoke on condition of anonymity, said the office was “watching closely and will decide soon.”", "an aide to Gov. Ada Pellow")]
    [InlineData("“We will be ready for the crowds this summer,” a lawyer for the Harbor Authority said.", "a lawyer for the Harbor Authority")]
    public void An_unnamed_person_described_by_whom_they_serve_is_anonymous_not_the_person_named(string paragraph, string speaker)
    {
        var q = Assert.Single(Extract(paragraph).Quotes);
        Assert.Equal((speaker, SpeakerKinds.Anonymous), (q.Speaker, q.SpeakerKind));
    }

    [Fact]
    public void A_month_that_is_a_given_name_stays_in_the_speaker_without_a_preposition()
    {
        var r = Extract("“We will build it, and the ferry will run again,” said May Pellow.");
        Assert.Equal("May Pellow", Assert.Single(r.Quotes).Speaker);
    }

    [Theory]
    [InlineData("Snake River")]
    [InlineData("Eagle Lake")]
    public void A_place_named_by_a_role_noun_and_a_place_word_that_is_also_a_given_name_stays_a_place(string place)
    {
        var r = Extract($"Fishing on the {place} will close in May, the state wildlife office said on Tuesday.");
        var e = Assert.Single(r.Entities, x => x.Name == place);
        Assert.Equal(EntityTypes.Location, e.Type);
    }

    [Fact]
    public void ASurnameAfterAnHonorificIsAPerson()
    {
        var r = Extract("The council voted on Tuesday, and Mr. Quellan said he was glad about the result of the vote.");
        var e = Assert.Single(r.Entities);
        Assert.Equal(("Quellan", EntityTypes.Person), (e.Name, e.Type));
    }

    [Fact]
    public void TitlesInDashAndAccordingToAttributions()
    {
        var r = Extract("The shortfall will grow, according to Dr. Paula Ingram. “We are short forty deckhands this year,” according to Dr. Paula Ingram.",
            "“Every vote counts, and every voter should be counted.” — Sen. Alma Rivas",
            "The council will vote again in May after a second hearing on the cost of the plan.");
        Assert.Equal("Alma Rivas", TestArticles.QuoteStartingWith(r, "Every vote").Speaker);
        Assert.Equal("Paula Ingram", TestArticles.QuoteStartingWith(r, "We are short").Speaker);
    }

    [Fact]
    public void ABylineKeepsTitledNamesWhole()
    {
        var r = TestArticles.Extract("b.txt", "Harbor council backs the bridge plan\n\nBy Dr. Jane Roe and Prof. Tom Vask\n\n"
            + "The council voted on Tuesday to back the bridge plan after a long debate about its cost and its timetable.");
        Assert.Equal(["Dr. Jane Roe", "Prof. Tom Vask"], r.Authors);
    }

    [Theory]
    [InlineData("Sen. Ada Park said. Then")]
    [InlineData("Jane Q. Roe said. Then")]
    public void SentencesDoNotEndAtATitleOrAMiddleInitial(string text)
    {
        Assert.Equal(text[..^5], Sentences.FirstSentence(text));
        Assert.Equal(2, Sentences.Split(text).Length);
    }

    [Fact]
    public void ASentenceStillEndsAtAFullStopBeforeAName()
    {
        Assert.Equal("The plan is late.", Sentences.FirstSentence("The plan is late. Ada Park said so."));
        Assert.Equal("He met the President.", Sentences.FirstSentence("He met the President. Ada Park said so."));
    }

    [Fact]
    public void AnAffiliationAppositionAndARelativeClauseLeadToTheName()
    {
        var r = Extract(
            "Senator Ivo Marten, Republican of Harborland, said: “The bill is a good start for the port.”",
            "The bill has one co-sponsor, Rep. Nora Ellery, R-Harborland, who said in a statement that the measure “respects local control over the port.”");
        Assert.Equal("Ivo Marten", TestArticles.QuoteStartingWith(r, "The bill").Speaker);
        Assert.Equal("Nora Ellery", TestArticles.QuoteStartingWith(r, "respects").Speaker);
    }
}

/// <summary>The cue lexicon: generated verb forms and cue verbs outside the Gender Gap Tracker list, on made-up sentences.</summary>
public class CueVerbTests
{
    [Theory]
    [InlineData("gushed")]
    [InlineData("implored")]
    [InlineData("shouted")]
    [InlineData("vowed")]
    [InlineData("boasted")]
    [InlineData("quipped")]
    [InlineData("interjected")]
    public void CommunicationVerbsAreCues(string cue)
    {
        var r = TestArticles.Extract("c.txt", "Harbor council backs the bridge plan\n\n"
            + $"“We will open the bridge before the summer storms arrive,” Ada Pellow {cue} at the meeting.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Ada Pellow", q.Speaker);
        Assert.Equal(cue, q.Cue);
    }

    [Theory]
    [InlineData("vow", new[] { "vow", "vows", "vowed", "vowing" })]
    [InlineData("urge", new[] { "urge", "urges", "urged", "urging" })]
    [InlineData("cry", new[] { "cry", "cries", "cried", "crying" })]
    [InlineData("chat", new[] { "chat", "chats", "chatted", "chatting" })]
    [InlineData("tell", new[] { "tell", "tells", "told", "telling" })]
    [InlineData("push", new[] { "push", "pushes", "pushed", "pushing" })]
    public void InflectGivesTheRegularAndIrregularForms(string lemma, string[] forms)
    {
        var got = VerbForms.Inflect(lemma).ToList();
        Assert.All(forms, f => Assert.Contains(f, got));
        Assert.DoesNotContain("chated", got);
    }

    [Fact]
    public void LemmasUndoTheSpellingRules()
    {
        Assert.Equal("note", VerbForms.Lemmas("noted")[0]);
        Assert.Contains("argue", VerbForms.Lemmas("argued"));
        Assert.DoesNotContain("stat", VerbForms.Lemmas("stated"));
        Assert.Equal("say", VerbForms.Lemmas("said")[0]);
        Assert.Contains("cry", VerbForms.Lemmas("cried"));
    }

    [Fact]
    public void NounFormsOfDerivedLemmasAreNoCues()
    {
        // cue_verbs_polnear.tsv lemmas give only past and -ing forms: "offers", "emails" and "answers" stay nouns
        IReadOnlySet<string> verbs = Lexicons.SpeechVerbs;
        Assert.Contains("emailed", verbs);
        Assert.Contains("offering", verbs);
        Assert.DoesNotContain("emails", verbs);
        Assert.DoesNotContain("offers", verbs);
        Assert.DoesNotContain("answers", verbs);
    }
}

/// <summary>Words taken as speakers that are not: a capitalised word inside a clause is no cue.</summary>
public class SpeakerKindTests
{
    [Fact]
    public void ACapitalisedVerbFormInsideAClauseIsAName()
    {
        var r = TestArticles.Extract("k.txt", "Harbor council backs the bridge plan\n\n"
            + "Ada Pellow told the crowd that the harbor had gone “soft and slow” like the United States. She was applauded.");
        Assert.DoesNotContain(r.Quotes, q => q.Speaker is "United" or "United States");
    }
}

using Ingest.Core.Document;

namespace Ingest.Core.Tests.Stages;

/// <summary>
/// Where one quotation ends and the next begins (issue 9): split quotes are joined only when the attribution sits
/// between the pieces; a second quotation with an attribution of its own, or one the words between lead into, stays
/// apart. Made-up sentences.
/// </summary>
public class QuoteBoundaryTests
{
    private static ArticleRecord Extract(params string[] paragraphs) =>
        TestArticles.Extract("s.txt", "Harbor council backs the bridge plan\n\n" + string.Join("\n\n", paragraphs));

    [Theory]
    [InlineData("“The ferry is full every morning,” Ada Pellow said. “We need the bridge.”")]
    [InlineData("“The ferry is full every morning,” said Ada Pellow, the harbor master, “and we need the bridge.”")]
    [InlineData("“Is the ferry full every morning?” Ada Pellow asked. “We need the bridge.”")]
    public void AQuotationSplitByItsAttributionIsOneQuote(string paragraph)
    {
        var q = Assert.Single(Extract(paragraph).Quotes);
        Assert.StartsWith("The ferry is full", q.Text.Replace("Is the ferry full", "The ferry is full"));
        Assert.Contains("need the bridge", q.Text);
        Assert.Equal("Ada Pellow", q.Speaker);
    }

    [Fact]
    public void WordsThatLeadIntoTheSecondQuotationStartANewOne()
    {
        // the words between are a new attribution whose content is the second quotation
        var r = Extract("Ada Pellow said the plan was “late and far too expensive for the port.” She says it shows the council is “not ready to govern the harbor.”");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal("late and far too expensive for the port.", r.Quotes[0].Text);
        Assert.Equal("not ready to govern the harbor.", r.Quotes[1].Text);
        Assert.All(r.Quotes, q => Assert.Equal("Ada Pellow", q.Speaker));
    }

    [Fact]
    public void AnAttributionEndingInAColonStartsANewQuotation()
    {
        var r = Extract("“The vote is on Tuesday,” Ada Pellow said, and she added a warning: “Nobody should expect the bridge to open this year.”");
        Assert.Equal(2, r.Quotes.Count);
    }

    [Fact]
    public void ASecondQuotationWithItsOwnAttributionStaysApart()
    {
        var r = Extract("“The ferry is full every morning,” Ada Pellow said. “You let the harbor fall apart” for ten years, she told the council members at the hearing.");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal("The ferry is full every morning", r.Quotes[0].Text);
        Assert.Equal("You let the harbor fall apart", r.Quotes[1].Text);
        Assert.All(r.Quotes, q => Assert.Equal("Ada Pellow", q.Speaker));
    }
}

/// <summary>Speaker names with run-together initials, and the horizontal bar before a speaker's name. Made-up sentences.</summary>
public class SpeakerNameFormTests
{
    [Fact]
    public void RunTogetherInitialsStayInTheNameAndDoNotEndTheSentence()
    {
        var r = TestArticles.Extract("g.txt", "Harbor council backs the bridge plan\n\n"
            + "“This is a bad day for the port,” said Rep. T.J. Marlowe (D-Harborland), head of the port caucus. “The plan is a fraud.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("This is a bad day for the port, The plan is a fraud.", q.Text);
        Assert.Equal("T.J. Marlowe", q.Speaker);
        Assert.Equal("Ada Roe moved to the U.S.", Ingest.Core.Stages.Quotes.Sentences.FirstSentence("Ada Roe moved to the U.S. Then she left."));
    }

    [Fact]
    public void AHorizontalBarIntroducesTheSpeakerOfEachQuotation()
    {
        var r = TestArticles.Extract("h.txt", "Harbor council backs the bridge plan\n\n"
            + "“The bridge will change how we live on the island and how we work.” ― Mara Quell\n"
            + "“Nobody asked the people who fish off the old pier what they think.” ― Tobin Ashgrove");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal(["Mara Quell", "Tobin Ashgrove"], r.Quotes.Select(q => q.Speaker));
    }
}

/// <summary>Short partial quotations inside reported speech, and scare quotes outside it. Made-up sentences.</summary>
public class PartialQuoteTests
{
    private static ArticleRecord Extract(params string[] paragraphs) =>
        TestArticles.Extract("p.txt", "Harbor council backs the bridge plan\n\n" + string.Join("\n\n", paragraphs));

    [Fact]
    public void PartialQuotationsInAReportedSentenceGoToItsSpeaker()
    {
        var r = Extract("Ada Pellow told reporters on Monday that the harbor plan was “reckless” and the budget “a fantasy,” before she left the hall.");
        Assert.Equal(["reckless", "a fantasy"], r.Quotes.Select(q => q.Text));
        Assert.All(r.Quotes, q => Assert.Equal("Ada Pellow", q.Speaker));
    }

    [Fact]
    public void EveryPartialQuotationOfAListKeepsTheSpeaker()
    {
        var r = Extract("Ada Pellow called the mayor a “serial bluffer” who is “totally lost,” a “bully” and “tired.”");
        Assert.Equal(["serial bluffer", "totally lost", "bully", "tired."], r.Quotes.Select(q => q.Text));
        Assert.All(r.Quotes, q => Assert.Equal("Ada Pellow", q.Speaker));
    }

    [Fact]
    public void AQuotedWordWithNoCueInItsSentenceIsAScareQuote()
    {
        var r = Extract("The “smart” ferry left the pier at noon with forty cars on board.",
            "Ada Pellow said the crossing took an hour. The “express” service is slower than the old one.");
        Assert.Empty(r.Quotes);
    }
}

/// <summary>Which words are the speaker: possessives, participles after a name, a new sentence after a closed quotation.</summary>
public class SpeakerChoiceTests
{
    private static ArticleRecord Extract(params string[] paragraphs) =>
        TestArticles.Extract("c.txt", "Harbor council backs the bridge plan\n\n" + string.Join("\n\n", paragraphs));

    [Fact]
    public void ThePossessorOfANominalCueIsTheSpeakerWithoutItsPossessive()
    {
        var r = Extract("The fact-checkers looked at Ada Pellow’s claim that there were “hundreds of leaks” in the old harbor wall.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Ada Pellow", q.Speaker);
        Assert.Equal("Ada Roe", Ingest.Core.Stages.Quotes.SpeakerParser.StripPossessive("Ada Roe's"));
        Assert.Equal("the Rivas", Ingest.Core.Stages.Quotes.SpeakerParser.StripPossessive("the Rivas’"));
    }

    [Fact]
    public void ANameRightBeforeAParticipleCueIsItsSubject()
    {
        var r = Extract("The council's new video ends with footage of Ada Pellow saying at the hearing, “The bridge will pay for itself.”");
        Assert.Equal("Ada Pellow", Assert.Single(r.Quotes).Speaker);
    }

    [Fact]
    public void ANewSentenceThatLeadsIntoTheNextQuotationIsNotTheAttributionOfTheFirst()
    {
        var r = Extract("Mara Quell says the plan is “a gift to the ferry company.” Tobin Ashgrove says that it will make the island “a suburb of the port.”");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal("Mara Quell", r.Quotes[0].Speaker);
        Assert.Equal("Tobin Ashgrove", r.Quotes[1].Speaker);
    }

    [Fact]
    public void APronounRightBeforeTheCueIsTheSubjectNotTheNameBeforeIt()
    {
        var r = Extract("Ada Pellow spoke to the press on Monday.",
            "In an interview with the Harbor Gazette she blasted the ferry operators as “greedy and careless.”");
        Assert.Equal("Ada Pellow", Assert.Single(r.Quotes).Speaker);
    }

    [Fact]
    public void AContractedPronounIsAPronounAndAClauseIsNoSpeaker()
    {
        var p = Ingest.Core.Stages.Quotes.SpeakerParser.Parse("He's");
        Assert.NotNull(p);
        Assert.True(p.IsPronoun);
        Assert.Equal("he", p.Mention);
        Assert.Null(Ingest.Core.Stages.Quotes.SpeakerParser.Parse("She then urges her husband"));
    }

    [Fact]
    public void ThePlaceAfterOfIsWhereTheSpeakerIsFrom()
    {
        var r = Extract("“The plan is a good start for the port,” said Representative Ada Pellow of New York. “We will vote on it.”");
        Assert.Equal("Ada Pellow", Assert.Single(r.Quotes).Speaker);
    }

    [Fact]
    public void TheSubjectStandsBeforeTheFirstCueVerbOfTheClause()
    {
        var r = Extract("Campaign manager Tobin Ashgrove told Harbor Morning News on Monday that the council expects the mayor to interrupt, calling the rules “a farce.”");
        Assert.Equal("Tobin Ashgrove", Assert.Single(r.Quotes).Speaker);
    }

    [Theory]
    [InlineData("The report said the harbor wall was “beyond repair” after the storms.", "The report")]
    [InlineData("According to a port memo, the ferry is “running at a loss.”", "a port memo")]
    [InlineData("Her book describes the council as “a club of old friends.”", "Her book")]
    public void ATextCitedAsTheSourceIsKeptAsWritten(string sentence, string speaker)
    {
        var q = Assert.Single(Extract(sentence).Quotes);
        Assert.Equal(speaker, q.Speaker);
        Assert.Equal("anonymous", q.SpeakerKind);
    }

    [Fact]
    public void AnOrganisationsTextIsAttributedToTheOrganisation()
    {
        var q = Assert.Single(Extract("According to a Harbor Authority memo, the ferry is “running at a loss.”").Quotes);
        Assert.Equal(("Harbor Authority", "organization"), (q.Speaker, q.SpeakerKind));
    }
}

/// <summary>A transcript quoted turn by turn (each paragraph opens a mark the next one continues). Made-up text.</summary>
public class QuotedTranscriptTests
{
    [Fact]
    public void EachQuotedTurnIsAQuoteOfItsLabel()
    {
        var r = TestArticles.Extract("t.txt", "Harbor council backs the bridge plan\n\n"
            + "The harbor council voted on Tuesday to back the bridge plan after a long debate about its cost.\n\n"
            + "Mayor Ada Pellow spoke to Tobin Ashgrove about the vote on the morning show on Wednesday. A partial transcript follows:\n\n"
            + "\"ASHGROVE: Let us start with the bridge. Will it open this year?\n\n"
            + "\"PELLOW: It will open in the spring, and the ferry will keep running until then.\n\n"
            + "\"ASHGROVE: And the cost? People are worried about the cost.\n\n"
            + "\"PELLOW: The cost is covered by the port fund, not by the taxpayers.\"\n\n"
            + "Ada Pellow has been mayor since the spring of last year, and Tobin Ashgrove has hosted the morning show for a decade.");
        Assert.Equal(4, r.Quotes.Count);
        Assert.Equal(["Tobin Ashgrove", "Ada Pellow", "Tobin Ashgrove", "Ada Pellow"], r.Quotes.Select(q => q.Speaker));
        Assert.Equal("The cost is covered by the port fund, not by the taxpayers.", r.Quotes[3].Text);
        Assert.StartsWith("Let us start with the bridge.", r.Quotes[0].Text);
    }
}


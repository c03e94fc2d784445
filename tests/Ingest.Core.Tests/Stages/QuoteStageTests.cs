using Ingest.Core.Document;

namespace Ingest.Core.Tests.Stages;

public class QuoteStageTests
{
    private static ArticleRecord Extract(params string[] paragraphs) =>
        TestArticles.Extract("q.txt", "Quotes test headline here\n\n" + string.Join("\n\n", paragraphs));

    [Fact]
    public void QuoteSplitByItsAttributionIsOneQuote()
    {
        var r = Extract("“We are not against the port,” said Dolores Fenwick, president of the association. “Once that silt settles, it does not lift again.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("We are not against the port, Once that silt settles, it does not lift again.", q.Text);
        Assert.Equal("Dolores Fenwick", q.Speaker);
        Assert.Equal(SpeakerKinds.Person, q.SpeakerKind);
        Assert.Equal("said", q.Cue);
    }

    [Fact]
    public void SpeakerWithLongTitleBeforeTheCueIsReducedToTheName()
    {
        var r = Extract("“It is a strategy with a long history of failure,” incoming Senate Finance Committee Chairman Walter Briggs told reporters.");
        Assert.Equal("Walter Briggs", Assert.Single(r.Quotes).Speaker);
    }

    [Fact]
    public void SpeakerBeforeColonAndAccordingTo()
    {
        var r = Extract(
            "Harold Mends, who runs the ferry line, put it plainly at the hearing: “We cannot sail without crews.”",
            "The shortfall will grow next year, according to Paula Ingram, the line’s budget director. “We are short forty deckhands,” according to Paula Ingram.");
        Assert.Equal("Harold Mends", TestArticles.QuoteStartingWith(r, "We cannot sail").Speaker);
        Assert.Equal("Paula Ingram", TestArticles.QuoteStartingWith(r, "We are short").Speaker);
    }

    [Fact]
    public void DashAttributionAtTheEnd()
    {
        var r = Extract("“Every vote counts, and every voter should be counted.” — Commissioner Alma Reyes");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Alma Reyes", q.Speaker);
    }

    [Fact]
    public void PronounsResolveToTheRightEarlierSpeakerByGender()
    {
        var r = Extract(
            "Margaret Okonkwo, a nurse at the clinic, said the waiting list had doubled. Her colleague Thomas Berg agreed.",
            "“We see people who drove three hours,” she said.",
            "“Some of them sleep in their cars,” he said.");
        Assert.Equal("Margaret Okonkwo", TestArticles.QuoteStartingWith(r, "We see people").Speaker);
        Assert.Equal("Thomas Berg", TestArticles.QuoteStartingWith(r, "Some of them").Speaker);
    }

    [Fact]
    public void AnonymousSourcesKeepTheirDescriptionAndThisOfficialLinksBack()
    {
        var r = Extract(
            "“Nobody expects a deal this week,” a senior trade official told the paper.",
            "Moreover, this official said, the talks could resume in May:",
            "“Patience has always paid in these talks.”");
        var first = TestArticles.QuoteStartingWith(r, "Nobody expects");
        Assert.Equal("a senior trade official", first.Speaker);
        Assert.Equal(SpeakerKinds.Anonymous, first.SpeakerKind);
        var floating = TestArticles.QuoteStartingWith(r, "Patience has always");
        Assert.Equal("a senior trade official", floating.Speaker);
    }

    [Fact]
    public void OrganisationStatementsAndUnnamedSpokespeopleGoToTheOrganisation()
    {
        var r = Extract(
            "In response, the Danish foreign ministry issued a statement saying that the new duties \"place the whole agreement in doubt.\"",
            "The Harbor Water Authority raised rates in March. A spokesperson said the increase was needed to “keep the pumps running through the summer.”");
        var statement = TestArticles.QuoteStartingWith(r, "place the whole agreement");
        Assert.Equal(SpeakerKinds.Organization, statement.SpeakerKind);
        Assert.Equal("Danish foreign ministry", statement.Speaker);
        var spokes = TestArticles.QuoteStartingWith(r, "keep the pumps");
        Assert.Equal("Harbor Water Authority", spokes.Speaker);
        Assert.Equal(SpeakerKinds.Organization, spokes.SpeakerKind);
    }

    [Fact]
    public void ScareQuotesTitlesAndNicknamesAreNotQuotes()
    {
        var r = Extract(
            "The city keeps trying to “punish” drivers who park on the grass, critics say.",
            "Her podcast, “Small Towns Big Fights”, has a loyal following.",
            "The so-called “reasonable use” rule dates to 1958.",
            "Everyone calls the old mayor “Boss” even now.");
        Assert.Empty(r.Quotes);
    }

    [Fact]
    public void UnclosedQuotationContinuesIntoTheNextParagraph()
    {
        var r = Extract(
            "“When I started here we had four doctors on call and a waiting room that emptied by noon,” said Renata Cole, the clinic’s director. “Now the line starts at dawn.",
            "“Some mornings we turn people away before we open the doors.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Renata Cole", q.Speaker);
        Assert.EndsWith("before we open the doors.", q.Text);
    }

    [Fact]
    public void MixedAndStrayMarksStillPair()
    {
        var r = Extract("Ruth Alder said: \"We'll see how the council votes before we decide anything.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("We'll see how the council votes before we decide anything.", q.Text);
        Assert.Equal("Ruth Alder", q.Speaker);
    }

    [Fact]
    public void SingleQuoteMarksWithApostrophesInside()
    {
        var r = Extract("‘We didn’t think the river would reach the shop’s back door,’ said Owen Price, who has run the bakery for years.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("We didn’t think the river would reach the shop’s back door", q.Text);
        Assert.Equal("Owen Price", q.Speaker);
    }

    [Fact]
    public void SeveralSpeakersInOneParagraphAndADescriptiveClauseBetweenNameAndVerb()
    {
        var r = Extract("“The levy is fair,” said Carmen Ruiz. Victor Lang, who has opposed every tax since 2010, said the plan was “a burden no family asked for.”");
        Assert.Equal("Carmen Ruiz", TestArticles.QuoteStartingWith(r, "The levy is fair").Speaker);
        Assert.Equal("Victor Lang", TestArticles.QuoteStartingWith(r, "a burden no family").Speaker);
    }

    [Fact]
    public void UncommonCueVerbs()
    {
        var r = Extract("“Nobody reads the fine print until the bill arrives,” quipped Lionel Hart, a consumer advocate.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Lionel Hart", q.Speaker);
        Assert.Equal("quipped", q.Cue);
    }

    [Fact]
    public void GermanAndFrenchMarks()
    {
        var de = TestArticles.Extract("de.txt", "Stadt plant neues Bad\n\nDie Stadt will bis 2027 ein neues Hallenbad bauen, das deutlich größer ist als das alte Bad.\n\nBürgermeisterin Anna Keller sagte: „Wir brauchen ein Bad, in dem Kinder schwimmen lernen können.“");
        Assert.Equal("Anna Keller", Assert.Single(de.Quotes).Speaker);
        var fr = TestArticles.Extract("fr.txt", "Le port ferme\n\nLe port de pêche restera fermé tout le week-end en raison de la tempête qui approche des côtes.\n\n« Nous ne prendrons aucun risque avec les équipages », explique Julien Marchand, le directeur du port.");
        var q = Assert.Single(fr.Quotes);
        Assert.Equal("Nous ne prendrons aucun risque avec les équipages", q.Text);
        Assert.Equal("Julien Marchand", q.Speaker);
    }
}

public class InterviewTurnTests
{
    [Fact]
    public void QuestionAndAnswerTurnsAreAttributedToInterviewerAndInterviewee()
    {
        const string text = "A conversation with a lighthouse keeper\n\nBy Tomas Reed\n\nNadia Elwood has kept the Gull Point light for 31 years. Elwood spoke with us about storms, ships and solitude.\n\nQ: What does a normal night look like?\n\nA: Quiet, mostly. I check the lamp every two hours and write down the weather.\n\nQ: Do you ever get lonely out there?\n\nA: Less than people think. The radio is always on, and the ferry crews wave.";
        var r = TestArticles.Extract("interview.txt", text);
        var answers = r.Quotes.Where(q => q.Text.StartsWith("Quiet") || q.Text.StartsWith("Less than")).ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, q => Assert.Equal("Nadia Elwood", q.Speaker));
        var question = r.Quotes.Single(q => q.Text.StartsWith("What does a normal night"));
        Assert.Equal("Tomas Reed", question.Speaker);
        Assert.Equal("interview", question.Cue);
    }

    [Fact]
    public void TranscriptNameLabelsResolveToFullNames()
    {
        const string text = "Council transcript\n\nMayor Ilse Brandt and councilor Omar Haddad debated the budget on Monday night in the council chamber.\n\nBRANDT: We cannot keep the pools open without a levy.\n\nHADDAD: Then put the levy to the voters.\n\nBRANDT: I intend to, in November.\n\nHADDAD: Good. Let them decide.";
        var r = TestArticles.Extract("transcript.txt", text);
        Assert.Equal("Ilse Brandt", r.Quotes.Single(q => q.Text.StartsWith("We cannot keep")).Speaker);
        Assert.Equal("Omar Haddad", r.Quotes.Single(q => q.Text.StartsWith("Then put")).Speaker);
    }

    [Fact]
    public void ASingleNoteLabelIsNotAnInterview()
    {
        var r = TestArticles.Extract("n.txt", "Road work\n\nNote: This story was updated with new dates for the closure of the bridge.\n\nCrews will close the bridge for two weeks starting Monday, the county said in a notice.");
        Assert.DoesNotContain(r.Quotes, q => q.Cue == "interview");
    }
}

public class RoleNounTests
{
    [Fact]
    public void ThePresidentIsTheNearestPersonTitledPresident()
    {
        // The surname is also a town in GeoNames: a person named in full keeps the surname from becoming a place.
        const string text = "Summit notes\n\nPresident Tomas Mora met Harborland President Ivo Selin in Paris, and Selin spoke first.\n\nVarga has seemed more keen on the talks than Mora himself. After the president gave a short speech at the regional assembly, saying that “the harbor dispute can wait a year,”\n\nVarga asked for patience.";
        var r = TestArticles.Extract("p.txt", text);
        Assert.Equal("Tomas Mora", Assert.Single(r.Quotes).Speaker);
        Assert.DoesNotContain(r.Entities, e => e.Name == "Mora" && e.Type == Ingest.Core.Document.EntityTypes.Location);
    }
}

public class OrganisationSpeakerTests
{
    [Fact]
    public void AnAcronymSpokespersonSpeaksForTheFullOrganisationName()
    {
        var r = TestArticles.Extract("a.txt", "Grant rules\n\nThe Federal Agency for Coastal Protection, which funds the work, changed its grant rules in June. An FACP spokesperson said the change would “speed up repairs after storms.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Federal Agency for Coastal Protection", q.Speaker);
        Assert.Equal(Ingest.Core.Document.SpeakerKinds.Organization, q.SpeakerKind);
    }

    [Fact]
    public void ShortFormOfAnOrganisationFoldsIntoTheFullName()
    {
        var r = TestArticles.Extract("b.txt", "Water petition\n\nThe Harborland Department of Water Resources received the petition in May.\n\nA spokesperson for the Department of Water Resources said the agency was “reviewing the petition closely.”");
        Assert.Equal("Harborland Department of Water Resources", Assert.Single(r.Quotes).Speaker);
        Assert.DoesNotContain(r.Entities, e => e.Name == "Department of Water Resources");
    }

    [Fact]
    public void SurnameThatIsAlsoAPlaceWordStillNamesThePerson()
    {
        var r = TestArticles.Extract("c.txt", "Phones in class\n\nMina Park, who teaches English in Salem, said her district adopted a new rule last year. She was skeptical at first.\n\n“The first two weeks were rough,” she said.");
        Assert.Equal("Mina Park", Assert.Single(r.Quotes).Speaker);
    }
}

public class OrganisationPronounTests
{
    [Fact]
    public void ItAndTheSpokespersonStayWithTheOrganisationSpeaking()
    {
        const string text = "Rates rise\n\nThe Environmental Protection Agency set new limits for the river last year.\n\nThe Carson Falls Water District raised rates on Monday. A spokesperson for the district said the increase pays for new pipes. “Customers on fixed incomes can apply for a discount,” the spokesperson said.\n\nThe district said in a statement that work starts in May. “Service will continue without interruption,” it said.";
        var r = TestArticles.Extract("w.txt", text);
        Assert.All(r.Quotes, q => Assert.Equal("Carson Falls Water District", q.Speaker));
        Assert.Equal(2, r.Quotes.Count);
    }
}

public class FollowingAttributionTests
{
    [Fact]
    public void NextSentenceEndingInACueLeadsIntoTheNextQuoteAndItsLeadingAdverbialIsNoSpeaker()
    {
        // "“A.” After the match, X said, “B.”": the words after A introduce B; A keeps the attribution before it.
        var r = TestArticles.Extract("lead.txt", "Quotes test headline here\n\n" +
            "Lena Ortiz won the player of the match award. She said, “We kept the ball well and deserved the win today.” After the match, the visiting coach Paulo Reis said, “We were second best all night.”");
        Assert.Equal("Lena Ortiz", TestArticles.QuoteStartingWith(r, "We kept the ball").Speaker);
        Assert.Equal("Paulo Reis", TestArticles.QuoteStartingWith(r, "We were second best").Speaker);
    }

    [Fact]
    public void LeadingAdverbialBeforeTheSubjectAfterAQuoteIsDropped()
    {
        var r = TestArticles.Extract("lead2.txt", "Quotes test headline here\n\n“The pier will reopen in the spring,” after a long meeting, harbor master Ines Vidal said.");
        Assert.Equal("Ines Vidal", Assert.Single(r.Quotes).Speaker);
    }
}

public class SpokespersonAndNominalSourceTests
{
    [Fact]
    public void SpokespersonForAPersonSpeaksForThatPersonWithoutTheSentenceStop()
    {
        var r = TestArticles.Extract("spk.txt", "Quotes test headline here\n\n" +
            "Senator Arlen Voight raised more money than any rival in the last quarter.\n\n" +
            "“The senator is focused on the people of this state,” a spokesman for Voight said.\n\n" +
            "“We will not comment on rumours,” said a spokesman for Senator Arlen Voight.");
        Assert.Equal(2, r.Quotes.Count);
        Assert.All(r.Quotes, q =>
        {
            Assert.Equal("Arlen Voight", q.Speaker);
            Assert.Equal(SpeakerKinds.Person, q.SpeakerKind);
        });
    }

    [Fact]
    public void SpokespersonForANamedOrganisationAtTheSentenceEndKeepsThatOrganisation()
    {
        var r = TestArticles.Extract("org.txt", "Quotes test headline here\n\n" +
            "Lakeview Regional Hospital opened a new wing last year after a long fight with the county.\n\n" +
            "A spokesperson for Midwest Health said the insurer “will keep covering visits at every clinic.”\n\n" +
            "The Pine Valley School Board met on Tuesday.\n\n" +
            "“We stand by our members,” said a spokeswoman for Midwest Health.");
        Assert.Equal(2, r.Quotes.Count);
        Assert.All(r.Quotes, q =>
        {
            Assert.Equal("Midwest Health", q.Speaker);
            Assert.Equal(SpeakerKinds.Organization, q.SpeakerKind);
        });
        Assert.DoesNotContain(r.Entities, e => e.Name.EndsWith('.'));
    }

    [Fact]
    public void TheCompanyResolvesToTheFirmNamedEarlierAsSubject()
    {
        var r = TestArticles.Extract("co.txt", "Quotes test headline here\n\n" +
            "Brightwater Logistics will close its depot in Pine Ridge next spring.\n\n" +
            "Union leaders met with Mayor Tom Ekland on Monday.\n\n" +
            "The company said in a statement that “the depot no longer fits our network.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Brightwater Logistics", q.Speaker);
        Assert.Equal(SpeakerKinds.Organization, q.SpeakerKind);
    }

    [Fact]
    public void TheCompanyWithNoFirmNamedStaysAsWritten()
    {
        var r = TestArticles.Extract("co2.txt", "Quotes test headline here\n\n" +
            "the depot in the valley will close next spring, union leaders were told.\n\n" +
            "The company said in a statement that “the depot no longer fits our network.”");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("the company", q.Speaker);
        Assert.Equal(SpeakerKinds.Organization, q.SpeakerKind);
    }
}

public class JudgementCueTests
{
    [Fact]
    public void ShortQuotesAfterCondemnedAreTheSubjectsWords()
    {
        var r = TestArticles.Extract("cond.txt", "Quotes test headline here\n\n" +
            "In a statement, Mayor Ellen Brodsky condemned the vote as “reckless and cruel” and a “grave mistake” for the harbor.");
        Assert.Equal(2, r.Quotes.Count);
        Assert.Equal("reckless and cruel", r.Quotes[0].Text);
        Assert.Equal("grave mistake", r.Quotes[1].Text);
        Assert.All(r.Quotes, q => Assert.Equal("Ellen Brodsky", q.Speaker));
        Assert.Equal("condemned", r.Quotes[0].Cue);
    }
}

public class AccordingToAfterTheQuoteTests
{
    [Fact]
    public void AdverbialBeforeAccordingToIsNoSpeaker()
    {
        var r = TestArticles.Extract("acc.txt", "Quotes test headline here\n\n" +
            "Pressure is building on Governor Hal Brennick, who was met with chants of “Strike!” at a union hall in Fairhaven last week, according to Harbor Workers Union President Lena Ostrova.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("Lena Ostrova", q.Speaker);
        Assert.Equal("according to", q.Cue);
    }

    [Fact]
    public void AReportBySomeoneIsTheDocumentCitedAsWritten()
    {
        var r = TestArticles.Extract("acc2.txt", "Quotes test headline here\n\nThe mill will close “within the year,” according to a report by the county.");
        var q = Assert.Single(r.Quotes);
        Assert.Equal("within the year", q.Text);
        Assert.Equal("a report by the county", q.Speaker);
        Assert.Equal(SpeakerKinds.Anonymous, q.SpeakerKind);
    }
}

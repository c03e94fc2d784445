using Ingest.Core.Document;

namespace Ingest.Core.Tests.Stages;

public class EntityStageTests
{
    private static EntityRecord Entity(ArticleRecord r, string name) => r.Entities.Single(e => e.Name == name);

    [Fact]
    public void SurnamesAndPossessivesResolveToTheFullName()
    {
        var r = TestArticles.ExtractFixture("republished-commentary.txt");
        var lindqvist = Entity(r, "Maria Lindqvist");
        Assert.Equal(EntityTypes.Person, lindqvist.Type);
        Assert.True(lindqvist.Mentions >= 3);
        Assert.Contains("Lindqvist", lindqvist.Aliases);
        Assert.DoesNotContain(r.Entities, e => e.Name is "Lindqvist" or "Trade Minister Maria Lindqvist");
        Assert.DoesNotContain(r.Entities, e => e.Name.EndsWith("’s", StringComparison.Ordinal) || e.Name.EndsWith("'s", StringComparison.Ordinal));
    }

    [Fact]
    public void CountryAliasesFoldIntoOneCanonicalName()
    {
        var r = TestArticles.Extract("us.txt", "Trade deal talks\n\nThe U.S. and Canada resumed talks in Ottawa on Monday, officials said.\n\nUS negotiators want faster customs checks, and the United States will send a new team in May.");
        var us = Entity(r, "United States");
        Assert.Equal(EntityTypes.Location, us.Type);
        Assert.Equal(3, us.Mentions);
        Assert.Equal(EntityTypes.Location, Entity(r, "Canada").Type);
        Assert.Equal(EntityTypes.Location, Entity(r, "Ottawa").Type);
    }

    [Fact]
    public void TitlesAreStrippedAndTheOfficeIsAnOrganisation()
    {
        var r = TestArticles.Extract("t.txt", "Senate hearing\n\nPresident Helen Carter met incoming Senate Armed Services Chairman Paul Whitfield at the White House on Tuesday.\n\nCarter later said the meeting went well. Whitfield declined to comment.");
        Assert.Equal(2, Entity(r, "Helen Carter").Mentions);
        Assert.Equal(2, Entity(r, "Paul Whitfield").Mentions);
        Assert.Equal(EntityTypes.Organization, Entity(r, "White House").Type);
        Assert.Equal(EntityTypes.Organization, Entity(r, "Senate Armed Services").Type);
    }

    [Fact]
    public void OrganisationsPlacesAndNonEntitiesAreTypedByTheirWords()
    {
        var r = TestArticles.Extract("o.txt", "Water plan\n\nThe University of Eastbrook and the Marsh County Water Board studied the Clearwater Valley for two years under the Clean Rivers Act.\n\nResearchers met on Main Street in Millford, near Lake Tamsin, and presented the findings to NOAA.");
        Assert.Equal(EntityTypes.Organization, Entity(r, "University of Eastbrook").Type);
        Assert.Equal(EntityTypes.Organization, Entity(r, "Marsh County Water Board").Type);
        Assert.Equal(EntityTypes.Location, Entity(r, "Clearwater Valley").Type);
        Assert.Equal(EntityTypes.Location, Entity(r, "Lake Tamsin").Type);
        Assert.Equal(EntityTypes.Organization, Entity(r, "NOAA").Type);
        Assert.DoesNotContain(r.Entities, e => e.Name.Contains("Act") || e.Name.Contains("Main Street"));
    }

    [Fact]
    public void OperatorsAndMastheadsAreOrganisationsByTheirKindOfWord()
    {
        var r = TestArticles.Extract("m.txt", "Fare rises\n\nMorgan Coast Railways raised fares on Monday, the Morgan County Courier reported.\n\nCommuters said they would drive instead.");
        Assert.Equal(EntityTypes.Organization, Entity(r, "Morgan Coast Railways").Type);
        Assert.Equal(EntityTypes.Organization, Entity(r, "Morgan County Courier").Type);
    }

    [Fact]
    public void RegionsAndResidentialBuildingsArePlacesByTheirLastOrFirstWords()
    {
        var r = TestArticles.Extract("b.txt", "Rent rises\n\nTenants at Elm Grove Towers and at Birch Lane Condominiums said rents rose again, as they did across the Rust Belt.\n\nPrices also rose in the Deep South, in the Far East and Down East, brokers said.");
        foreach (string place in new[] { "Elm Grove Towers", "Birch Lane Condominiums", "Rust Belt", "Deep South", "Far East", "Down East" })
            Assert.Equal(EntityTypes.Location, Entity(r, place).Type);
    }

    [Fact]
    public void SentenceInitialCommonWordsAndDemonymsAreNotEntities()
    {
        var r = TestArticles.Extract("s.txt", "Markets calm\n\nMeanwhile, Russian officials said little. Unsurprisingly, markets were calm and prices held.\n\nPrices rose later in the week.");
        Assert.DoesNotContain(r.Entities, e => e.Name is "Meanwhile" or "Russian" or "Unsurprisingly" or "Prices");
    }

    [Fact]
    public void QuoteSpeakersUseTheCanonicalEntityName()
    {
        var r = TestArticles.Extract("k.txt", "Talks\n\nSecretary of State Elena Varga met the delegation in Vienna.\n\n“We made progress,” Varga said.");
        Assert.Equal("Elena Varga", Assert.Single(r.Quotes).Speaker);
    }
}

public class EntityBoundaryTests
{
    [Fact]
    public void PossessiveInsideAnOrganisationNameKeepsTheName()
    {
        var r = TestArticles.Extract("o.txt", "Fishing rules\n\nThe Coastal Trawlers’ Association asked regulators in Halden to delay the rule by a year.\n\nThe association’s members fish mostly in winter.");
        Assert.Contains(r.Entities, e => e.Name == "Coastal Trawlers’ Association" && e.Type == Ingest.Core.Document.EntityTypes.Organization);
    }

    [Fact]
    public void UnlistedGivenNamesAreReadFromContext()
    {
        var r = TestArticles.Extract("p.txt", "Sky survey\n\nThe survey was led by astronomer Zbigniew Kowalik of the national observatory in the north.\n\nThe data took two years to check, the team said in its report.");
        Assert.Contains(r.Entities, e => e.Name == "Zbigniew Kowalik" && e.Type == Ingest.Core.Document.EntityTypes.Person);
    }

    [Fact]
    public void PartyAcronymAfterOfIsNotPartOfThePersonName()
    {
        var r = TestArticles.Extract("h.txt", "Council vote\n\nLawmaker Anna Chiu of DAB voted against the motion on Tuesday, officials said.\n\nThe motion failed by two votes.");
        Assert.Contains(r.Entities, e => e.Name == "Anna Chiu" && e.Type == Ingest.Core.Document.EntityTypes.Person);
        Assert.DoesNotContain(r.Entities, e => e.Name.Contains("Chiu of"));
    }
}

public class PossessiveTests
{
    [Fact]
    public void PossessivesFoldIntoTheNameButNotWhenTheyArePartOfIt()
    {
        const string text = "Wage rises\n\nMcDonald's said on Tuesday it would raise wages for 20,000 workers in Ohio.\n\nGovernor Ruth Kessler welcomed the move. Kessler's office said the state would follow McDonald's lead.\n\nMcDonald's has more than 600 restaurants in the state.";
        var r = TestArticles.Extract("m.txt", text);
        Assert.Contains(r.Entities, e => e.Name == "McDonald's" && e.Type == Ingest.Core.Document.EntityTypes.Organization);
        var kessler = r.Entities.Single(e => e.Name == "Ruth Kessler");
        Assert.Equal(2, kessler.Mentions);
        Assert.DoesNotContain(r.Entities, e => e.Name is "McDonald" or "Kessler's");
    }

    [Fact]
    public void TitleCaseHeadlineDoesNotBecomeEntities()
    {
        var r = TestArticles.Extract("h.txt", "Mayor Wins Vote On Harbor Plan After Long Night\n\nThe council in Port Ellis approved the harbor plan after midnight, ending a six-hour meeting.\n\nMembers said the vote was close.");
        Assert.DoesNotContain(r.Entities, e => e.Name.Contains("Wins") || e.Name.Contains("Vote On"));
        Assert.Contains(r.Entities, e => e.Name == "Port Ellis");
    }
}

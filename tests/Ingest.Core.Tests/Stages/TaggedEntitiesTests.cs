using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages.Entities;

namespace Ingest.Core.Tests.Stages;

/// <summary>How the tagger's names and the rule cascade's are combined (<see cref="TaggedEntities"/>), and country names as written.</summary>
public class TaggedEntitiesTests
{
    private static ArticleRecord Extract(bool tagger, string text)
    {
        var extractor = new ArticleExtractor(ArticleExtractor.CreateDefaultPipeline(new PipelineOptions { Entities = { Tagger = tagger } }));
        return extractor.Extract(new SourceRef("test", "a.txt"), Encoding.UTF8.GetBytes(text)).Record;
    }

    private static Mention M(string text) => new(text, 0, 0, false, [], "");

    [Fact]
    public void TheCascadesLexiconTypeWinsExceptAGivenNameAgainstAnOrganisation()
    {
        Assert.Equal(EntityTypes.Location, TaggedEntities.ArbitrateType(EntityTypes.Location, EntityTypes.Person));
        Assert.Equal(EntityTypes.Person, TaggedEntities.ArbitrateType(EntityTypes.Person, EntityTypes.Location));
        Assert.Equal(EntityTypes.Organization, TaggedEntities.ArbitrateType(EntityTypes.Person, EntityTypes.Organization));
        Assert.Equal(EntityTypes.Organization, TaggedEntities.ArbitrateType(null, EntityTypes.Organization));
    }

    [Fact]
    public void PlacesEndingInAFacilityWordAreOrganisations()
    {
        Assert.Equal(EntityTypes.Organization, TaggedEntities.FacilityAsOrganization(EntityTypes.Location, "Tollmere Aquarium"));
        Assert.Equal(EntityTypes.Organization, TaggedEntities.FacilityAsOrganization(EntityTypes.Location, "Museum"));
        Assert.Equal(EntityTypes.Location, TaggedEntities.FacilityAsOrganization(EntityTypes.Location, "Tollmere Bay"));
        Assert.Equal(EntityTypes.Person, TaggedEntities.FacilityAsOrganization(EntityTypes.Person, "Ada House"));
    }

    [Fact]
    public void NumberedRoutesAndPluralDemonymsAreNotEntities()
    {
        Assert.True(TaggedEntities.IsNonEntity(M("Kellner Highway 12")));
        Assert.True(TaggedEntities.IsNonEntity(M("Norwegians")));
        Assert.False(TaggedEntities.IsNonEntity(M("Kellner 12")));
        Assert.False(TaggedEntities.IsNonEntity(M("Norway")));
        Assert.False(TaggedEntities.IsNonEntity(M("Kellner Holdings")));
    }

    [Fact]
    public void AStateAbbreviationAfterAPlaceIsTheState()
    {
        string[] withFull = ["Smoke rose over Pinecrest, Colo., on Tuesday.", "Colorado crews arrived."];
        int at = withFull[0].IndexOf("Colo", StringComparison.Ordinal);
        Assert.Equal("Colorado", TaggedEntities.StateAbbreviation(withFull, new NerMention(0, at, at + 4, 1)));
        Assert.Equal("Colo.", TaggedEntities.StateAbbreviation([withFull[0]], new NerMention(0, at, at + 4, 1)));
        // Not after a comma, or not an abbreviation: not a state.
        string other = "The Colo. team won.";
        Assert.Null(TaggedEntities.StateAbbreviation([other], new NerMention(0, 4, 8, 1)));
        int p = withFull[0].IndexOf("Pinecrest", StringComparison.Ordinal);
        Assert.Null(TaggedEntities.StateAbbreviation(withFull, new NerMention(0, p, p + 9, 2)));
    }

    [Fact]
    public void TheTaggerLeavesAStreetOutAndKeepsThePeople()
    {
        const string text = "Parade route set\n\nMarchers will walk down Kellner Street on Sunday, organiser Tavoli Semaia said.\n\n"
                            + "Semaia said the route past Kellner Street was chosen in 1990.";
        var entities = Extract(tagger: true, text).Entities;
        Assert.DoesNotContain(entities, e => e.Name.Contains("Kellner"));
        Assert.Contains(entities, e => e.Name == "Tavoli Semaia" && e.Type == EntityTypes.Person);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACountryKeepsTheNameTheTextWrites(bool tagger)
    {
        // Only "Britain" written: that is the name, the lexicon's form an alias.
        var britain = Extract(tagger, "Trade talks resume\n\nNegotiators from Britain met in Oslo on Monday to resume the talks.\n\nThe talks will go on in Britain next week.")
            .Entities.Single(e => e.Type == EntityTypes.Location && e.Aliases.Contains("United Kingdom"));
        Assert.Equal("Britain", britain.Name);
        // An initialism spells the lexicon's form out.
        var uk = Extract(tagger, "Trade talks resume\n\nNegotiators from the U.K. met in Oslo on Monday to resume the talks.\n\nThe talks will go on next week.")
            .Entities.Single(e => e.Type == EntityTypes.Location && e.Aliases.Contains("U.K."));
        Assert.Equal("United Kingdom", uk.Name);
        // The fullest form the text writes is the name.
        var both = Extract(tagger, "Trade talks resume\n\nNegotiators from the United Kingdom met in Oslo on Monday to resume the talks.\n\nBritain wants a deal by June.")
            .Entities.Where(e => e.Type == EntityTypes.Location && (e.Name == "Britain" || e.Name == "United Kingdom")).ToList();
        Assert.Equal("United Kingdom", Assert.Single(both).Name);
        Assert.Contains("Britain", both[0].Aliases);
    }

    [Fact]
    public void AnOfficeAfterATitleIsNotAPerson()
    {
        const string text = "Study findings out\n\nProfessor Ilse Varga, Director of the Tollmere Soil Survey, said the findings were clear.\n\n"
                            + "Varga said more work was needed.";
        var entities = Extract(tagger: true, text).Entities;
        Assert.DoesNotContain(entities, e => e.Type == EntityTypes.Person && e.Name.Contains("Tollmere"));
        Assert.Contains(entities, e => e.Name == "Ilse Varga" && e.Type == EntityTypes.Person);
    }
}

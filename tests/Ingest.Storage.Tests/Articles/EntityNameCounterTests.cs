namespace Ingest.Storage.Tests.Articles;

/// <summary>Which entity counts an upsert recounts.</summary>
public class EntityNameCounterTests
{
    private static IndexRowRef Entity(string key) => new(IndexTable.Entity, key, "id");

    [Fact]
    public void With_an_article_row_only_added_and_removed_entities_are_recounted()
    {
        IndexRowRef[] previous = [Entity("a"), Entity("b"), new(IndexTable.Speaker, "s", "a_id")];
        IndexRowRef[] current = [Entity("b"), Entity("c"), new(IndexTable.Source, "o", "id")];
        Assert.Equal(["a", "c"], EntityNameCounter.KeysToRecount(previous, current, onlyChanges: true).Order());
    }

    [Fact]
    public void Without_an_article_row_every_entity_is_recounted()
    {
        IndexRowRef[] previous = [Entity("a"), Entity("b")];
        IndexRowRef[] current = [Entity("b"), Entity("c")];
        Assert.Equal(["a", "b", "c"], EntityNameCounter.KeysToRecount(previous, current, onlyChanges: false).Order());
    }
}

namespace Ingest.Storage.Tests;

public class ContinuationTokenTests
{
    [Fact]
    public void Round_trips_and_is_url_safe()
    {
        var token = new ContinuationToken("ae", "ac%2Fdc", "0123456789abcdef");
        string encoded = token.Encode();
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
        Assert.Equal(token, ContinuationToken.Decode(encoded, "ae"));
    }

    [Fact]
    public void Null_or_empty_is_the_first_page()
    {
        Assert.Null(ContinuationToken.Decode(null, "ae"));
        Assert.Null(ContinuationToken.Decode("", "ae"));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("e30")] // {}
    public void Garbage_is_rejected(string token) =>
        Assert.Throws<ArgumentException>(() => ContinuationToken.Decode(token, "ae"));

    [Fact]
    public void Token_of_another_query_is_rejected()
    {
        string encoded = new ContinuationToken("ae", "x", "y").Encode();
        Assert.Throws<ArgumentException>(() => ContinuationToken.Decode(encoded, "ad"));
    }
}

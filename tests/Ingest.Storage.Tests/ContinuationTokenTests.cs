using System.Text;

namespace Ingest.Storage.Tests;

public class ContinuationTokenTests
{
    private const string Filter = "ada quill\u001F\u001F\u001F\u001F";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static QueryArgumentException Refused(string token, string kind = "ae", string fingerprint = Filter)
    {
        var ex = Assert.Throws<QueryArgumentException>(() => ContinuationToken.Decode(token, kind, fingerprint));
        Assert.Equal("continuationToken", ex.ParamName);
        return ex;
    }

    [Fact]
    public void Round_trips_and_is_url_safe()
    {
        var token = new ContinuationToken("ae", Filter, "ac%2Fdc", "0123456789abcdef");
        string encoded = token.Encode();
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
        Assert.Equal(token, ContinuationToken.Decode(encoded, "ae", Filter));
    }

    [Fact]
    public void Carries_the_format_version_and_a_check_of_query_filter_and_keys()
    {
        string encoded = new ContinuationToken("ae", Filter, "p", "r").Encode();
        string json = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.PadRight(encoded.Length + (4 - encoded.Length % 4) % 4, '=')));
        Assert.Equal($"{{\"v\":2,\"q\":\"ae\",\"f\":\"{ContinuationToken.Check("ae", Filter, "p", "r")}\",\"pk\":\"p\",\"rk\":\"r\"}}", json);
        Assert.Matches("^[0-9a-f]{16}$", ContinuationToken.Check("ae", Filter, "p", "r"));
        Assert.NotEqual(ContinuationToken.Check("ae", Filter, "p", "r"), ContinuationToken.Check("ae", Filter, "p", "s"));
        Assert.NotEqual(ContinuationToken.Check("ae", Filter, "p", "r"), ContinuationToken.Check("ad", Filter, "p", "r"));
        Assert.NotEqual(ContinuationToken.Check("ae", Filter, "p", "r"), ContinuationToken.Check("ae", "other", "p", "r"));
    }

    [Fact]
    public void Null_or_empty_is_the_first_page()
    {
        Assert.Null(ContinuationToken.Decode(null, "ae", Filter));
        Assert.Null(ContinuationToken.Decode("", "ae", Filter));
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("e30")] // {}
    [InlineData("bnVsbA")] // null
    [InlineData("W10")] // []
    [InlineData("ImFiYyI")] // "abc"
    [InlineData("abcde")] // a length base64 cannot have
    [InlineData("eyJ2IjoyfQ==")] // padded
    [InlineData("eyJ2Ijoy fQ")] // a space (a '+' sent unescaped)
    [InlineData("////")]
    [InlineData("//79")] // bytes that are not UTF-8
    public void Garbage_is_refused(string token) =>
        Assert.Contains("malformed", Refused(token).Reason);

    [Fact]
    public void Wrong_json_types_and_missing_keys_are_refused()
    {
        Assert.Contains("malformed", Refused(Base64Url("""{"v":2,"q":"ae","f":"0000000000000000","pk":1,"rk":"r"}""")).Reason);
        Assert.Contains("malformed", Refused(Base64Url("""{"v":2,"q":"ae","f":"0000000000000000","pk":"p"}""")).Reason);
        Assert.Contains("malformed", Refused(Base64Url("""{"v":"2","q":"ae"}""")).Reason);
        Assert.Contains("malformed", Refused(Base64Url("""{"q":"ae","f":"0000000000000000","pk":"p","rk":"r"}""")).Reason);
        Assert.Contains("malformed", Refused(Base64Url("""{"v":2,"q":"ae","pk":"p","rk":"r"}x""")).Reason);
    }

    [Theory]
    [InlineData("""{"v":1,"q":"ae","pk":"p","rk":"r"}""", 1)]
    [InlineData("""{"v":3,"q":"ae","f":"0000000000000000","pk":"p","rk":"r"}""", 3)]
    public void Token_of_another_format_version_is_refused(string json, int version)
    {
        var ex = Refused(Base64Url(json));
        Assert.Contains($"format version {version}", ex.Reason);
        Assert.Contains("first page", ex.Reason);
    }

    [Fact]
    public void Token_of_another_query_is_refused()
    {
        string encoded = new ContinuationToken("ae", Filter, "x", "y").Encode();
        Assert.Contains("another query", Refused(encoded, kind: "ad").Reason);
    }

    [Fact]
    public void Token_of_another_filter_is_refused()
    {
        string encoded = new ContinuationToken("ae", Filter, "x", "y").Encode();
        Assert.Contains("other filters", Refused(encoded, fingerprint: "bob\u001F\u001F\u001F\u001F").Reason);
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        string encoded = new ContinuationToken("ae", Filter, "ac%2Fdc", "0123456789abcdef").Encode();
        for (int length = 1; length < encoded.Length; length++)
            Refused(encoded[..length]);
    }

    [Fact]
    public void Every_changed_character_is_refused()
    {
        // Changed keys decode as JSON but fail the check; changed unused bits of the last character decode to the same
        // bytes and fail the comparison with the canonical text.
        string encoded = new ContinuationToken("ae", Filter, "ac%2Fdc", "0123456789abcdef").Encode();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < encoded.Length; i++)
        {
            foreach (char c in new[] { alphabet[(alphabet.IndexOf(encoded[i]) + 1) % 64], alphabet[(alphabet.IndexOf(encoded[i]) + 33) % 64] })
            {
                string garbled = string.Concat(encoded.AsSpan(0, i), [c], encoded.AsSpan(i + 1));
                Assert.Throws<QueryArgumentException>(() => ContinuationToken.Decode(garbled, "ae", Filter));
            }
        }
    }
}

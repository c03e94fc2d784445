using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Storage;

/// <summary>
/// The opaque continuation token of the query methods: base64url of JSON <c>{"v":1,"q":kind,"pk":…,"rk":…}</c> holding
/// the keys of the last index row a page consumed. The next page asks Table storage for rows after those keys, so a token
/// stays valid while rows are added or removed, and does not depend on the service's own continuation headers.
/// </summary>
internal sealed record ContinuationToken(
    [property: JsonPropertyName("q")] string Query,
    [property: JsonPropertyName("pk")] string PartitionKey,
    [property: JsonPropertyName("rk")] string RowKey)
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = 1;

    public string Encode()
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(this, TokenJsonContext.Default.ContinuationToken);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token made by <see cref="Encode"/> for the query kind <paramref name="query"/>; null for a null or empty token.</summary>
    /// <exception cref="ArgumentException">The token is malformed or belongs to another kind of query.</exception>
    public static ContinuationToken? Decode(string? token, string query)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        ContinuationToken? decoded;
        try
        {
            string b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            decoded = JsonSerializer.Deserialize(Convert.FromBase64String(b64), TokenJsonContext.Default.ContinuationToken);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", "continuationToken", ex);
        }
        if (decoded is null || decoded.Version != 1 || decoded.Query != query || decoded.PartitionKey is null || decoded.RowKey is null)
            throw new ArgumentException("The continuation token is not valid for this query.", "continuationToken");
        return decoded;
    }
}

[JsonSerializable(typeof(ContinuationToken))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;

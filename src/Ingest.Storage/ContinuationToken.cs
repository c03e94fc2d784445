using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Storage;

/// <summary>
/// The opaque continuation token of the query methods: base64url (no padding) of JSON
/// <c>{"v":2,"q":kind,"f":check,"pk":…,"rk":…}</c> holding the keys of the last index row a page consumed. The next page
/// asks Table storage for rows after those keys, so a token stays valid while rows are added or removed, and does not
/// depend on the service's own continuation headers.
/// <para><c>f</c> is a check value: the first 16 hex characters of SHA-256 over the query kind, the query's normalized
/// filter (<see cref="QueryPaging.Fingerprint"/>) and the two keys. A token is accepted only by the query that made it (same
/// endpoint, same filter after normalization; the page size may change), and a token whose keys were garbled or cut
/// fails the check. It is not a secret: it catches mistakes, not forgeries, and a forged token can only move the
/// cursor within the rows its own query reads.</para>
/// </summary>
/// <param name="Query">The query kind (two letters, one per index a query reads).</param>
/// <param name="Fingerprint">The normalized filter of the query (<see cref="QueryPaging.Fingerprint"/>); not written into the token.</param>
/// <param name="PartitionKey">Partition key of the last row consumed.</param>
/// <param name="RowKey">Row key of the last row consumed.</param>
internal sealed record ContinuationToken(string Query, string Fingerprint, string PartitionKey, string RowKey)
{
    /// <summary>The format version written into <c>v</c>; tokens of any other version are refused.</summary>
    public const int FormatVersion = 2;

    /// <summary>The name of the continuation-token parameter, as given to <see cref="ArgumentException"/>.</summary>
    public const string ParameterName = "continuationToken";

    private const string Malformed = "The continuation token is malformed; pass the token of the previous page exactly as it was returned.";

    /// <summary>The token text.</summary>
    public string Encode()
    {
        var wire = new TokenWire(FormatVersion, Query, Check(Query, Fingerprint, PartitionKey, RowKey), PartitionKey, RowKey);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(wire, TokenJsonContext.Default.TokenWire);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Decodes a token made by <see cref="Encode"/> for the query kind <paramref name="query"/> and the normalized filter
    /// <paramref name="fingerprint"/>; null for a null or empty token (the first page).
    /// </summary>
    /// <param name="token">The token as the caller passed it back.</param>
    /// <param name="query">The kind of the query now asked.</param>
    /// <param name="fingerprint">The normalized filter of the query now asked.</param>
    /// <exception cref="QueryArgumentException">The token is not base64url JSON of a token, is of another format version, belongs to
    /// another query or filter, or was garbled (<see cref="ArgumentException.ParamName"/> is <c>continuationToken</c>).</exception>
    public static ContinuationToken? Decode(string? token, string query, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        TokenWire? wire = null;
        if (IsBase64Url(token))
        {
            try
            {
                string b64 = token.Replace('-', '+').Replace('_', '/');
                b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
                wire = JsonSerializer.Deserialize(Convert.FromBase64String(b64), TokenJsonContext.Default.TokenWire);
            }
            catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
            {
                throw Invalid(Malformed, ex);
            }
        }
        if (wire?.Version is null)
            throw Invalid(Malformed);
        if (wire.Version != FormatVersion)
            throw Invalid($"The continuation token is of format version {wire.Version}, not {FormatVersion}; start again from the first page.");
        if (wire is not { Query: not null, Check: not null, PartitionKey: not null, RowKey: not null })
            throw Invalid(Malformed);
        if (wire.Query != query)
            throw Invalid("The continuation token belongs to another query; pass it back to the endpoint and filters that returned it.");
        if (wire.Check != Check(wire.Query, fingerprint, wire.PartitionKey, wire.RowKey))
            throw Invalid("The continuation token belongs to other filters, or was altered; pass it back with the filters of the request that returned it.");
        var decoded = new ContinuationToken(wire.Query, fingerprint, wire.PartitionKey, wire.RowKey);
        // Tokens are written in one canonical form; any other spelling of the same JSON was changed on the way.
        if (decoded.Encode() != token)
            throw Invalid("The continuation token was altered; pass the token of the previous page exactly as it was returned.");
        return decoded;
    }

    /// <summary>The check value <c>f</c>: 16 hex characters of SHA-256 over kind, fingerprint and keys, separated by U+001F
    /// (a character that neither escaped keys nor fingerprints contain).</summary>
    internal static string Check(string query, string fingerprint, string partitionKey, string rowKey)
    {
        string text = string.Join('\u001F', query, fingerprint, partitionKey, rowKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static bool IsBase64Url(string token) =>
        token.Length % 4 != 1 && token.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    private static QueryArgumentException Invalid(string message, Exception? inner = null) => new(message, ParameterName, inner);
}

/// <summary>The JSON of a token.</summary>
internal sealed record TokenWire(
    [property: JsonPropertyName("v")] int? Version,
    [property: JsonPropertyName("q")] string? Query,
    [property: JsonPropertyName("f")] string? Check,
    [property: JsonPropertyName("pk")] string? PartitionKey,
    [property: JsonPropertyName("rk")] string? RowKey);

[JsonSerializable(typeof(TokenWire))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;

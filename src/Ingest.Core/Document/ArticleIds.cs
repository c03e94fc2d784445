using System.Security.Cryptography;
using System.Text;

namespace Ingest.Core.Document;

/// <summary>Derives stable ids and hashes.</summary>
public static class ArticleIds
{
    /// <summary>
    /// The article id of a blob: the first 16 lowercase hex characters (64 bits) of SHA-256 over
    /// <c>container + "/" + name</c> in UTF-8. The same blob path always yields the same id, so
    /// re-uploads and reprocessing upsert one record.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="source"/> is null.</exception>
    public static string For(SourceRef source)
    {
        ArgumentNullException.ThrowIfNull(source);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(source.Container + "/" + source.Name));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>SHA-256 of <paramref name="content"/>, 64 lowercase hex characters.</summary>
    public static string ContentHash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

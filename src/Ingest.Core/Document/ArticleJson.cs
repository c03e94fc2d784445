using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingest.Core.Document;

/// <summary>The JSON shape of records: camelCase, nulls written, no escaping of non-ASCII text.</summary>
public static class ArticleJson
{
    /// <summary>Indented output (the CLI's <c>--format json</c>, HTTP responses).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>One-line output (<c>--format jsonl</c>, stored blobs).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

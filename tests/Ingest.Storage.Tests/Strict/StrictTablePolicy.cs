using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Ingest.Storage.Tests.Strict;

/// <summary>Thrown by <see cref="StrictTablePolicy"/> for a request Azure Table storage would refuse and Azurite accepts.</summary>
internal sealed class AzureWouldRefuseException(string message) : Exception("Azure Table storage would refuse this request: " + message);

/// <summary>
/// Checks every Table request against the service's limits before Azurite sees it, because Azurite accepts what Azure
/// refuses (documented in "Understanding the Table service data model" and "Performing entity group transactions"):
/// keys with <c>/ \ # ?</c> or control characters, keys over 1 KiB, string properties over 32K UTF-16 characters,
/// DateTime values before 1601-01-01, more than 252 custom properties, batches over 100 operations or across partitions.
/// Used by every storage integration test (<see cref="AzuriteFixture"/>).
/// </summary>
internal sealed partial class StrictTablePolicy : HttpPipelinePolicy
{
    private const int MaxKeyChars = 512; // 1 KiB of UTF-16
    private const int MaxStringChars = 32 * 1024;
    private const int MaxBatch = 100;
    private const int MaxCustomProperties = 252;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    internal static void Check(Request request)
    {
        foreach (Match key in UrlKey().Matches(Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath)))
            CheckKey(key.Groups["name"].Value, key.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal));
        if (request.Content is null)
            return;
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        string body = Encoding.UTF8.GetString(buffer.ToArray());
        if (request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
        {
            var operations = BatchOperation().Matches(body);
            if (operations.Count > MaxBatch)
                throw new AzureWouldRefuseException($"a batch of {operations.Count} operations (at most {MaxBatch}).");
            var partitions = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match key in BatchKey().Matches(Uri.UnescapeDataString(body)))
                partitions.Add(key.Groups["pk"].Value);
            foreach (Match json in BatchJson().Matches(body))
                CheckEntity(json.Value, partitions);
            if (partitions.Count > 1)
                throw new AzureWouldRefuseException($"a batch across {partitions.Count} partitions.");
        }
        else if (body.TrimStart().StartsWith('{'))
        {
            CheckEntity(body, null);
        }
    }

    private static void CheckEntity(string json, HashSet<string>? partitions)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            return;
        int custom = 0;
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            string name = property.Name;
            if (name.Contains("@odata", StringComparison.Ordinal))
            {
                if (property.Value.GetString() == "Edm.DateTime" &&
                    doc.RootElement.TryGetProperty(name[..name.IndexOf('@')], out var date) &&
                    DateTimeOffset.TryParse(date.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var when) && when.Year < 1601)
                    throw new AzureWouldRefuseException($"DateTime {date.GetString()} in '{name[..name.IndexOf('@')]}' is before 1601.");
                continue;
            }
            if (name is "PartitionKey" or "RowKey")
            {
                CheckKey(name, property.Value.GetString() ?? "");
                if (name == "PartitionKey")
                    partitions?.Add(property.Value.GetString() ?? "");
                continue;
            }
            if (name is "Timestamp" or "odata.etag")
                continue;
            custom++;
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > MaxStringChars)
                throw new AzureWouldRefuseException($"property '{name}' holds {property.Value.GetString()!.Length} characters (at most {MaxStringChars}).");
        }
        if (custom > MaxCustomProperties)
            throw new AzureWouldRefuseException($"{custom} properties (at most {MaxCustomProperties}).");
    }

    private static void CheckKey(string name, string value)
    {
        if (value.Length > MaxKeyChars)
            throw new AzureWouldRefuseException($"{name} of {value.Length} characters (at most {MaxKeyChars}).");
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
                throw new AzureWouldRefuseException($"{name} '{value}' holds the character U+{(int)c:X4}.");
        }
    }

    [GeneratedRegex(@"(?<name>PartitionKey|RowKey)='(?<value>(?:[^']|'')*)'")]
    private static partial Regex UrlKey();

    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE) ", RegexOptions.Multiline)]
    private static partial Regex BatchOperation();

    [GeneratedRegex(@"PartitionKey='(?<pk>(?:[^']|'')*)'")]
    private static partial Regex BatchKey();

    [GeneratedRegex(@"^\{.*\}\s*$", RegexOptions.Multiline)]
    private static partial Regex BatchJson();
}

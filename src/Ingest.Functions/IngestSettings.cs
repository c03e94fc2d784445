using System.Text.RegularExpressions;
using Ingest.Storage;
using Microsoft.Extensions.Configuration;

namespace Ingest.Functions;

/// <summary>
/// The app settings of the function classes, shared by the Functions app (<c>local.settings.json</c>, app settings in
/// Azure) and Ingest.LocalHost (<c>appsettings.json</c>, environment). Trigger attributes name them as <c>%setting%</c>.
/// <para>
/// The resource names (<see cref="ContainerSetting"/>, <see cref="ReprocessQueueSetting"/>) have one source of truth: the
/// <c>StorageOptions</c> section as <see cref="StorageNames"/> resolves it (with <c>StorageOptions__NamePrefix</c>), the
/// same names the storage code writes to. <see cref="AddIngestResourceNames"/> puts them into configuration and refuses a
/// setting that names something else. In Azure and under <c>func start</c> the Functions host resolves <c>%setting%</c>
/// itself from the app settings, before the worker starts, so there the app settings must carry the same values
/// (<c>infra/app/function-app.bicep</c>, <c>local.settings.sample.json</c>); the worker sees those settings too, and the
/// check stops it when they disagree with <c>StorageOptions</c>.
/// </para>
/// </summary>
public static partial class IngestSettings
{
    /// <summary>Name of the storage connection (<c>IngestStorage</c> connection string, or <c>IngestStorage__blobServiceUri</c> … with an identity).</summary>
    public const string Connection = "IngestStorage";

    /// <summary>Setting with the blob container that receives article files (<see cref="StorageNames.IncomingContainer"/>).</summary>
    public const string ContainerSetting = "IngestContainer";

    /// <summary>Setting with the queue of articles to reprocess (<see cref="StorageNames.ReprocessQueue"/>); messages are base64 JSON <c>{"container","name"}</c>.</summary>
    public const string ReprocessQueueSetting = "ReprocessQueueName";

    /// <summary>Setting with the NCRONTAB schedule (six fields, with seconds) of the reprocess timer.</summary>
    public const string ScheduleSetting = "ReprocessSchedule";

    /// <summary>Tries per queue message before it is moved to the poison queue (host.json <c>queues.maxDequeueCount</c>).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>The poison queue of a queue: the Functions host's convention <c>{queue}-poison</c>.</summary>
    /// <param name="queue">Queue name.</param>
    public static string PoisonQueue(string queue) => queue + "-poison";

    /// <summary>
    /// The settings that carry resource names, with the values computed from the <c>StorageOptions</c> section of
    /// <paramref name="configuration"/>: <c>IngestContainer</c> → <see cref="StorageNames.IncomingContainer"/>,
    /// <c>ReprocessQueueName</c> → <see cref="StorageNames.ReprocessQueue"/>.
    /// </summary>
    /// <param name="configuration">Configuration with the <c>StorageOptions</c> section (or none: defaults).</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException"><c>StorageOptions:NamePrefix</c> is not lower-case letters and digits.</exception>
    public static IReadOnlyDictionary<string, string> ResourceNames(IConfiguration configuration)
    {
        var names = StorageNames.From(configuration);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [ContainerSetting] = names.IncomingContainer,
            [ReprocessQueueSetting] = names.ReprocessQueue,
        };
    }

    /// <summary>
    /// Adds the <see cref="ResourceNames"/> settings to <paramref name="configuration"/> (an in-memory source computed from
    /// the sources added so far), so that <c>%IngestContainer%</c> and <c>%ReprocessQueueName%</c> resolve to the names
    /// the storage code uses.
    /// </summary>
    /// <param name="configuration">The host's configuration (<c>builder.Configuration</c>).</param>
    /// <returns><paramref name="configuration"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A resource-name setting is already set to another name than <c>StorageOptions</c> gives.</exception>
    public static IConfigurationManager AddIngestResourceNames(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var names = ResourceNames(configuration);
        foreach (var (setting, name) in names)
        {
            if (configuration[setting] is { Length: > 0 } given && given.Trim() != name)
                throw new InvalidOperationException(
                    $"The setting '{setting}' is '{given}', but the storage settings (StorageOptions, with NamePrefix " +
                    $"'{configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.NamePrefix)}"]}') name '{name}'. " +
                    $"The trigger would listen on another resource than the app writes to: set '{setting}' to '{name}' or remove it, " +
                    "and change names through the StorageOptions settings.");
        }
        configuration.AddInMemoryCollection(names.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return configuration;
    }

    /// <summary>The ingest container: the <c>IngestContainer</c> setting, else the name <c>StorageOptions</c> gives.</summary>
    /// <param name="configuration">Configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static string Container(IConfiguration configuration) => Value(configuration, ContainerSetting);

    /// <summary>The reprocess queue: the <c>ReprocessQueueName</c> setting, else the name <c>StorageOptions</c> gives.</summary>
    /// <param name="configuration">Configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    public static string ReprocessQueue(IConfiguration configuration) => Value(configuration, ReprocessQueueSetting);

    /// <summary>
    /// Resolves the <c>%setting%</c> placeholders of a trigger attribute's value (<c>"%IngestContainer%/{name}"</c>) from
    /// <paramref name="configuration"/>, as the Functions host resolves them from app settings.
    /// </summary>
    /// <param name="expression">The attribute value.</param>
    /// <param name="configuration">Configuration.</param>
    /// <returns>The value with every placeholder replaced.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">A placeholder names a setting that has no value.</exception>
    public static string ResolveBinding(string expression, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(configuration);
        return Placeholder().Replace(expression, match =>
            configuration[match.Groups[1].Value] is { Length: > 0 } value
                ? value.Trim()
                : throw new InvalidOperationException($"'%{match.Groups[1].Value}%' does not resolve: the setting '{match.Groups[1].Value}' has no value."));
    }

    /// <summary>The setting names of the <c>%setting%</c> placeholders in a trigger attribute's value.</summary>
    /// <param name="expression">The attribute value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="expression"/> is null.</exception>
    public static IReadOnlyList<string> Placeholders(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return [.. Placeholder().Matches(expression).Select(m => m.Groups[1].Value)];
    }

    private static string Value(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[setting] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : ResourceNames(configuration)[setting];
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}

using Microsoft.Extensions.Configuration;

namespace Ingest.Functions;

/// <summary>
/// The app setting names shared by the Functions app (<c>local.settings.json</c>, app settings in Azure) and
/// Ingest.LocalHost (<c>appsettings.json</c>, environment).
/// </summary>
public static class IngestSettings
{
    /// <summary>Name of the storage connection (<c>IngestStorage</c> connection string, or <c>IngestStorage__blobServiceUri</c> … with an identity).</summary>
    public const string Connection = "IngestStorage";

    /// <summary>Setting with the blob container that receives article files.</summary>
    public const string ContainerSetting = "IngestContainer";

    /// <summary>Setting with the NCRONTAB schedule (six fields, with seconds) of the reprocess timer.</summary>
    public const string ScheduleSetting = "ReprocessSchedule";

    /// <summary>Container used when <see cref="ContainerSetting"/> is not set.</summary>
    public const string DefaultContainer = "articles";

    /// <summary>The queue of articles to reprocess; messages are base64 JSON <c>{"container","name"}</c>.</summary>
    public const string ReprocessQueue = "reprocess";

    /// <summary>Where messages go after <see cref="MaxDequeueCount"/> failed tries (the Functions convention <c>&lt;queue&gt;-poison</c>).</summary>
    public const string ReprocessPoisonQueue = ReprocessQueue + "-poison";

    /// <summary>Tries per queue message before it is moved to the poison queue (host.json <c>queues.maxDequeueCount</c>).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>The configured ingest container.</summary>
    public static string Container(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? value = configuration[ContainerSetting];
        return string.IsNullOrWhiteSpace(value) ? DefaultContainer : value.Trim();
    }
}

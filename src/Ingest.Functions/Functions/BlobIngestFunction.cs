using Ingest.Core;
using Ingest.Core.Document;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ingest.Functions.Functions;

/// <summary>
/// Runs the pipeline on each article file written to the ingest container. Bad input does not throw:
/// <see cref="IngestService"/> stores a failure record and the blob stays where it is. Only storage
/// errors escape, so the host retries them.
/// </summary>
public sealed class BlobIngestFunction(IngestService ingest, IConfiguration configuration, ILogger<BlobIngestFunction> logger)
{
    /// <summary>Ingests one blob.</summary>
    /// <param name="content">The blob's bytes.</param>
    /// <param name="name">Blob name inside the container.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    [Function(nameof(BlobIngestFunction))]
    public async Task RunAsync(
        [BlobTrigger("%IngestContainer%/{name}", Source = BlobTriggerSource.EventGrid, Connection = IngestSettings.Connection)] Stream content,
        string name, CancellationToken cancellationToken)
    {
        var source = new SourceRef(IngestSettings.Container(configuration), name);
        IngestOutcome outcome = await ingest.IngestAsync(source, content, cancellationToken: cancellationToken);
        logger.LogInformation("Ingested {BlobName} as {ArticleId}: {Status}", name, outcome.ArticleId, outcome.Status);
    }
}

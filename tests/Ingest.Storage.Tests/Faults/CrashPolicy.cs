using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingest.Storage.Tests.Faults;

/// <summary>Thrown by <see cref="CrashPolicy"/> in place of a storage request: the process "died" here.</summary>
internal sealed class SimulatedCrashException(int request) : Exception($"Simulated crash at storage request {request}.");

/// <summary>
/// A per-call pipeline policy that counts requests and, once <see cref="CrashAt"/> is reached, fails that request and
/// every later one before it is sent, as if the process had stopped there. With <see cref="CrashAt"/> = 0 it only counts.
/// </summary>
internal sealed class CrashPolicy : HttpPipelinePolicy
{
    private int _requests;

    public int CrashAt { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A store over the tables and containers of <paramref name="prefix"/> whose every request passes a new policy.</summary>
    public static (TableArticleStore Store, CrashPolicy Policy) Store(string connectionString, string prefix)
    {
        var policy = new CrashPolicy();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var store = new TableArticleStore(new TableServiceClient(connectionString, tableOptions),
            new BlobServiceClient(connectionString, blobOptions),
            Options.Create(new StorageOptions { NamePrefix = prefix }), NullLogger<TableArticleStore>.Instance);
        return (store, policy);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        return ProcessNextAsync(message, pipeline);
    }

    private void Check()
    {
        int n = Interlocked.Increment(ref _requests);
        if (CrashAt > 0 && n >= CrashAt)
            throw new SimulatedCrashException(n);
    }
}

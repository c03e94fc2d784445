using System.Reflection;
using System.Text.Json.Nodes;
using Ingest.Functions.Functions;
using Ingest.Functions.Tests.EndToEnd;
using Ingest.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Ingest.Functions.Tests.Settings;

/// <summary>
/// Every <c>%setting%</c> of a trigger attribute is a setting the app defines, and Ingest.LocalHost serves exactly the
/// routes, queues, containers and schedule the attributes declare. (The Bicep app settings: Ingest.Infra.Tests.)
/// </summary>
public sealed class TriggerSettingsTests
{
    private static readonly string RepositoryRoot = typeof(TriggerSettingsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>LocalHost's configuration (its appsettings.json) with a name prefix, as Program.cs builds it.</summary>
    private static ConfigurationManager LocalHostConfiguration()
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(RepositoryRoot, "src", "Ingest.LocalHost", "appsettings.json"), optional: false);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["StorageOptions:NamePrefix"] = "pfx" });
        configuration.AddIngestResourceNames();
        return configuration;
    }

    [Fact]
    public void The_function_classes_have_the_expected_triggers()
    {
        Assert.Equal(20, FunctionTriggers.All.Count);
        Assert.Equal(["IngestContainer", "ReprocessQueueName", "ReprocessSchedule"], FunctionTriggers.Settings.Order());
    }

    [Fact]
    public void Every_trigger_setting_is_defined_by_the_app()
    {
        var configuration = LocalHostConfiguration();
        foreach (string setting in FunctionTriggers.Settings)
            Assert.False(string.IsNullOrWhiteSpace(configuration[setting]), $"%{setting}% has no value in Ingest.LocalHost's configuration");
        // The resource-name settings are computed from StorageOptions, never written by hand into LocalHost's settings.
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Ingest.LocalHost", "appsettings.json")))!.AsObject();
        Assert.All(IngestSettings.ResourceNames(configuration).Keys, key => Assert.False(json.ContainsKey(key), key));
    }

    [Fact]
    public void Every_trigger_setting_is_in_the_local_settings_sample()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();
        foreach (string setting in FunctionTriggers.Settings)
            Assert.True(values.ContainsKey(setting), $"local.settings.sample.json has no Values.{setting}");

        // func start resolves %…% from these values; they must be what StorageOptions (no prefix there) gives.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(values.Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":"), (string?)p.Value)));
        configuration.AddIngestResourceNames(); // throws when they disagree
    }

    [Fact]
    public void LocalHost_maps_exactly_the_http_routes_of_the_attributes()
    {
        var declared = FunctionTriggers.Of<HttpTriggerAttribute>()
            .SelectMany(t => t.Attribute.Methods!.Select(m => (t.Function, Method: m.ToUpperInvariant(), Route: "/api/" + t.Attribute.Route)))
            .Order().ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIngestFunctions();
        var app = builder.Build();
        app.MapIngestFunctions();
        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => (Function: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "", Method: m, Route: e.RoutePattern.RawText!)))
            .Order().ToList();

        Assert.Equal(declared, mapped);
    }

    [Fact]
    public void LocalHost_polls_exactly_the_queues_and_containers_of_the_attributes()
    {
        var configuration = LocalHostConfiguration();

        // The blob trigger's poison queue has the WebJobs extension's fixed name; LocalHost has no such queue: its blob
        // poller calls BlobPoisonFunction.RecordAsync itself when it gives up on a blob.
        var poison = Assert.Single(FunctionTriggers.Of<QueueTriggerAttribute>(), t => t.Function == nameof(BlobPoisonFunction));
        Assert.Equal("webjobs-blobtrigger-poison", poison.Attribute.QueueName);
        var queues = FunctionTriggers.Of<QueueTriggerAttribute>().Where(t => t.Function != nameof(BlobPoisonFunction))
            .Select(t => (t.Function, Queue: IngestSettings.ResolveBinding(t.Attribute.QueueName!, configuration)));
        Assert.Equal(queues, [(QueuePollingWorker.Function, QueuePollingWorker.QueueName(configuration))]);
        Assert.Equal("pfx-reprocess", QueuePollingWorker.QueueName(configuration));

        var containers = FunctionTriggers.Of<BlobTriggerAttribute>()
            .Select(t => (t.Function, Container: IngestSettings.ResolveBinding(t.Attribute.BlobPath!, configuration).Split('/')[0]));
        Assert.Equal(containers, [(BlobPollingWorker.Function, BlobPollingWorker.ContainerName(configuration))]);
        Assert.Equal("pfx-articles", BlobPollingWorker.ContainerName(configuration));

        var schedules = FunctionTriggers.Of<TimerTriggerAttribute>()
            .Select(t => (t.Function, Schedule: (string?)IngestSettings.ResolveBinding(t.Attribute.Schedule!, configuration)));
        Assert.Equal(schedules, [(ReprocessScheduleWorker.Function, ReprocessScheduleWorker.Schedule(configuration))]);
    }

    [Fact]
    public void The_end_to_end_fixture_expects_the_names_the_app_resolves()
    {
        // LocalHostFixture spells out the names it checks; they must be what the resolution gives for its prefix.
        var fixture = new LocalHostFixture();
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["StorageOptions:NamePrefix"] = fixture.Prefix });
        Assert.Equal(fixture.ReprocessQueueName, IngestSettings.ReprocessQueue(configuration));
        Assert.Equal(fixture.PoisonQueueName, IngestSettings.PoisonQueue(IngestSettings.ReprocessQueue(configuration)));
        Assert.Equal(fixture.ContainerName, IngestSettings.Container(configuration));
    }
}

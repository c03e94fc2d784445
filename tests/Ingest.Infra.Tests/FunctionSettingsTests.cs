using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ingest.Functions;
using Ingest.Functions.Tests;
using Microsoft.Extensions.Configuration;

namespace Ingest.Infra.Tests;

/// <summary>The function app's settings in Bicep carry every <c>%setting%</c> of the trigger attributes, with the storage's names.</summary>
public sealed partial class FunctionSettingsTests(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    /// <summary>Each resource-name setting of the triggers and the StorageOptions setting the storage code reads the same name from.</summary>
    private static readonly Dictionary<string, string> StorageSettingOf = new()
    {
        [IngestSettings.ContainerSetting] = "StorageOptions__IncomingContainer",
        [IngestSettings.ReprocessQueueSetting] = "StorageOptions__ReprocessQueue",
    };

    private ArmTemplate Template => compiled.Require();

    private JsonObject AppSettings => Template.Single("Microsoft.Web/sites/config")["properties"]!.AsObject();

    [Fact]
    public void Every_trigger_setting_is_an_app_setting()
    {
        Assert.NotEmpty(FunctionTriggers.Settings);
        foreach (string setting in FunctionTriggers.Settings)
            Assert.True(AppSettings.ContainsKey(setting), $"%{setting}% is not an app setting of infra/app/function-app.bicep");
    }

    [Fact]
    public void Resource_name_settings_take_the_same_value_as_their_StorageOptions_setting()
    {
        // Every resource-name setting the app computes is covered here.
        var computed = IngestSettings.ResourceNames(new ConfigurationBuilder().Build()).Keys;
        Assert.Equal(computed.Order(), StorageSettingOf.Keys.Order());
        foreach (var (setting, storageSetting) in StorageSettingOf)
        {
            Assert.True(AppSettings.ContainsKey(storageSetting), $"missing app setting {storageSetting}");
            Assert.Equal((string?)AppSettings[storageSetting], (string?)AppSettings[setting]);
        }
        Assert.False(AppSettings.ContainsKey("StorageOptions__NamePrefix"), "infra/ deploys without a name prefix");
    }

    [Fact]
    public void The_reprocess_queue_setting_names_the_created_queue_and_its_poison_queue()
    {
        JsonNode functionApp = Module("function-app")["properties"]!["parameters"]!;
        Match variable = VariableReference().Match((string)functionApp["reprocessQueueName"]!["value"]!);
        Assert.True(variable.Success, "reprocessQueueName is passed from a main.bicep variable");
        string queue = (string)Template.Root["variables"]![variable.Groups[1].Value]!;

        string[] created = Module("storage")["properties"]!["parameters"]!["queueNames"]!["value"]!.AsArray().Select(node => (string)node!).ToArray();
        Assert.Equal([queue, IngestSettings.PoisonQueue(queue)], created);

        Assert.Equal("[parameters('recordsContainerName')]", (string?)functionApp["recordsContainerName"]!["value"]);
        Assert.Equal("[parameters('incomingContainerName')]", (string?)functionApp["incomingContainerName"]!["value"]);
    }

    private JsonObject Module(string name) =>
        Template.Declared("Microsoft.Resources/deployments").Single(module => (string?)module["name"] == name);

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();
}

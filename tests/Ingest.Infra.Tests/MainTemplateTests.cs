using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ingest.Infra.Tests;

/// <summary>What infra/main.bicep compiles to.</summary>
public sealed partial class MainTemplateTests(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private ArmTemplate Template => compiled.Require();

    [Fact]
    public void FunctionAppIsFlexConsumptionDotnetIsolated()
    {
        JsonObject plan = Template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());

        JsonObject site = Template.Single("Microsoft.Web/sites");
        Assert.Contains("functionapp", (string?)site["kind"]);
        Assert.Contains("linux", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());

        JsonNode config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("blobContainer", (string?)config["deployment"]!["storage"]!["type"]);
        Assert.Equal("10.0", (string?)Template.ParameterDefault("runtimeVersion"));
        JsonObject functionModule = Module("function-app");
        Assert.Equal("dotnet-isolated", (string?)functionModule["properties"]!["template"]!["parameters"]!["runtimeName"]!["defaultValue"]);
    }

    [Fact]
    public void BasicPublishingCredentialsAreDisabled()
    {
        IReadOnlyList<JsonObject> policies = Template.Declared("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void StorageAccountAllowsNoKeysAndNoPublicBlobs()
    {
        JsonNode properties = Template.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void StorageHasContainersQueuesAndTables()
    {
        Assert.Equal("articles", (string?)Template.ParameterDefault("incomingContainerName"));
        Assert.Equal("article-records", (string?)Template.ParameterDefault("recordsContainerName"));

        JsonNode parameters = Module("storage")["properties"]!["parameters"]!;
        Assert.Equal("[parameters('incomingContainerName')]", (string?)parameters["incomingContainerName"]!["value"]);
        Assert.Equal("[parameters('recordsContainerName')]", (string?)parameters["recordsContainerName"]!["value"]);
        Assert.False(string.IsNullOrEmpty((string?)parameters["deploymentContainerName"]!["value"]));

        string[] queues = parameters["queueNames"]!["value"]!.AsArray().Select(node => (string)node!).ToArray();
        Assert.Equal(["reprocess", "reprocess-poison"], queues);

        string[] tables = Template.ParameterDefault("tableNames")!.AsArray().Select(node => (string)node!).ToArray();
        Assert.Equal(9, tables.Length);
        Assert.Equal(tables.Length, tables.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(tables, table => Assert.Matches(TableName(), table));
        Assert.Equal("[parameters('tableNames')]", (string?)parameters["tableNames"]!["value"]);

        Assert.Single(Template.Declared("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Single(Template.Declared("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Single(Template.Declared("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void IdentityGetsDataRolesAndMetricsPublisher()
    {
        Assert.Single(Template.Declared("Microsoft.ManagedIdentity/userAssignedIdentities"));

        JsonNode rbac = Module("rbac")["properties"]!["template"]!;
        JsonObject roles = rbac["variables"]!["roles"]!.AsObject();
        Assert.Equal(
            new[] { MonitoringMetricsPublisher, StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(),
            roles.Select(pair => (string)pair.Value!).Order());
        Assert.Equal(
            ["[variables('roles').storageBlobDataOwner]", "[variables('roles').storageQueueDataContributor]", "[variables('roles').storageTableDataContributor]"],
            rbac["variables"]!["storageRoles"]!.AsArray().Select(node => (string)node!));

        JsonObject[] identityAssignments = Template.Declared("Microsoft.Authorization/roleAssignments")
            .Where(assignment => (string?)assignment["properties"]!["principalId"] == "[parameters('identityPrincipalId')]")
            .ToArray();
        Assert.Equal(2, identityAssignments.Length);

        JsonObject storageRoles = identityAssignments.Single(assignment => assignment["copy"] is not null);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)storageRoles["scope"]);
        Assert.Equal("[length(variables('storageRoles'))]", (string?)storageRoles["copy"]!["count"]);
        Assert.Null(storageRoles["condition"]);

        JsonObject metrics = identityAssignments.Single(assignment => assignment["copy"] is null);
        Assert.Contains("Microsoft.Insights/components", (string?)metrics["scope"]);
        Assert.Contains("monitoringMetricsPublisher", (string?)metrics["properties"]!["roleDefinitionId"]);
        Assert.All(identityAssignments, assignment => Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]));
    }

    [Fact]
    public void AppSettingsUseIdentityBasedConnections()
    {
        JsonObject settings = Template.Single("Microsoft.Web/sites/config")["properties"]!.AsObject();

        foreach (string connection in new[] { "AzureWebJobsStorage", "IngestStorage" })
        {
            Assert.Contains($"{connection}__blobServiceUri", settings.Select(pair => pair.Key));
            Assert.Contains($"{connection}__queueServiceUri", settings.Select(pair => pair.Key));
            Assert.Contains($"{connection}__tableServiceUri", settings.Select(pair => pair.Key));
            Assert.Equal("managedidentity", (string?)settings[$"{connection}__credential"]);
            Assert.Equal("[parameters('identityClientId')]", (string?)settings[$"{connection}__clientId"]);
        }

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage must not be a connection string");
        Assert.Equal("[parameters('incomingContainerName')]", (string?)settings["IngestContainer"]);
        Assert.Equal("[parameters('reprocessSchedule')]", (string?)settings["ReprocessSchedule"]);
        Assert.Equal("0 0 3 * * *", (string?)Template.ParameterDefault("reprocessSchedule"));
        Assert.Contains("Authorization=AAD", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("identityClientId", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);

        // Flex Consumption sets the runtime in functionAppConfig and rejects these settings.
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"));
        Assert.False(settings.ContainsKey("WEBSITE_RUN_FROM_PACKAGE"));
    }

    [Fact]
    public void ApplicationInsightsRejectsKeyBasedIngestion()
    {
        JsonNode properties = Template.Single("Microsoft.Insights/components")["properties"]!;

        Assert.True(properties["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(properties["WorkspaceResourceId"]);
        Assert.Single(Template.Declared("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void EventGridDeliversBlobCreatedToTheBlobExtensionWebhook()
    {
        JsonObject topic = Template.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        JsonObject subscription = Subscription("Microsoft.Storage.BlobCreated");
        JsonNode filter = subscription["properties"]!["filter"]!;
        Assert.Equal(IncomingSubjects, SubscriptionVariable((string)filter["subjectBeginsWith"]!));

        JsonNode destination = subscription["properties"]!["destination"]!;
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        string endpoint = (string)destination["properties"]!["endpointUrl"]!;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}", endpoint);
        Assert.Contains("host/default", endpoint);
        Assert.Contains(".systemKeys.blobs_extension", endpoint);

        JsonNode parameters = Module("event-grid-subscription")["properties"]!["parameters"]!;
        Assert.Equal("BlobIngestFunction", EvaluateVariable((string)parameters["functionName"]!["value"]!));
        Assert.Equal("[parameters('incomingContainerName')]", (string?)parameters["incomingContainerName"]!["value"]);
    }

    [Fact]
    public void EventGridDeliversBlobDeletedToTheDeletionFunctionWithItsKey()
    {
        JsonObject subscription = Subscription("Microsoft.Storage.BlobDeleted");
        Assert.Equal(IncomingSubjects, SubscriptionVariable((string)subscription["properties"]!["filter"]!["subjectBeginsWith"]!));
        Assert.Equal("EventGridSchema", (string?)subscription["properties"]!["eventDeliverySchema"]);
        Assert.NotNull(subscription["properties"]!["deadLetterWithResourceIdentity"]);

        JsonNode destination = subscription["properties"]!["destination"]!;
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        string endpoint = (string)destination["properties"]!["endpointUrl"]!;
        Assert.Contains("host/default", endpoint);
        Assert.Contains(".functionKeys.default", endpoint);
        // The route the template names is the function's own route.
        string route = (string)Module("event-grid-subscription")["properties"]!["template"]!["parameters"]!["deletedRoute"]!["defaultValue"]!;
        Assert.Equal(Ingest.Functions.Http.ApiRoutes.Prefix + "/" + Ingest.Functions.Functions.BlobDeletedEventFunction.Route, route);
    }

    /// <summary>The subject prefix of blobs in the ingest container, as the subscription module computes it.</summary>
    private const string IncomingSubjects = "[format('/blobServices/default/containers/{0}/', parameters('incomingContainerName'))]";

    /// <summary>Resolves "[variables('x')]" against the subscription module's variables.</summary>
    private string SubscriptionVariable(string expression)
    {
        Match match = VariableReference().Match(expression);
        Assert.True(match.Success, $"not a variable reference: {expression}");
        return (string)Module("event-grid-subscription")["properties"]!["template"]!["variables"]![match.Groups[1].Value]!;
    }

    /// <summary>The one event subscription whose filter includes exactly <paramref name="eventType"/>.</summary>
    private JsonObject Subscription(string eventType) =>
        Assert.Single(Template.Declared("Microsoft.EventGrid/systemTopics/eventSubscriptions"),
            s => s["properties"]!["filter"]!["includedEventTypes"]!.AsArray().Select(n => (string)n!).SequenceEqual([eventType]));

    [Fact]
    public void EventSubscriptionWaitsForTheCodeDeployment()
    {
        // The blobs_extension key exists only once the deployed host runs, so the subscription is opt-in.
        Assert.Equal("[parameters('deployEventSubscription')]", (string?)Module("event-grid-subscription")["condition"]);
        Assert.False(Template.ParameterDefault("deployEventSubscription")!.GetValue<bool>());
    }

    [Fact]
    public void NoKeysOrConnectionStringsAnywhere()
    {
        string json = Template.Json;

        foreach (string forbidden in new[] { "AccountKey=", "DefaultEndpointsProtocol", "SharedAccessSignature", "listAccountSas", "listServiceSas", "listConnectionStrings" })
        {
            Assert.DoesNotContain(forbidden, json, StringComparison.OrdinalIgnoreCase);
        }

        // The only listKeys calls read the Functions host's keys for the two Event Grid webhooks.
        int[] listKeysCalls = ListKeysCall().Matches(json).Select(match => match.Index).ToArray();
        Assert.Equal(2, listKeysCalls.Length);
        Assert.All(listKeysCalls, at => Assert.Contains("/host/default", json.Substring(at, Math.Min(200, json.Length - at))));

        // The only *connection string* setting is Application Insights' endpoint (its local auth is disabled).
        JsonObject settings = Template.Single("Microsoft.Web/sites/config")["properties"]!.AsObject();
        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"],
            settings.Select(pair => pair.Key).Where(key => key.Contains("connection", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain("InstrumentationKey", settings.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OutputsNameTheAppStorageAndEndpoints()
    {
        JsonObject outputs = Template.Root["outputs"]!.AsObject();

        foreach (string name in new[]
                 {
                     "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL", "AZURE_STORAGE_ACCOUNT_NAME",
                     "AZURE_STORAGE_BLOB_ENDPOINT", "AZURE_STORAGE_QUEUE_ENDPOINT", "AZURE_STORAGE_TABLE_ENDPOINT",
                 })
        {
            Assert.True(outputs.ContainsKey(name), $"missing output {name}");
        }

        Assert.DoesNotContain("listKeys", outputs.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    private JsonObject Module(string name) =>
        Template.Declared("Microsoft.Resources/deployments").Single(module => (string?)module["name"] == name);

    // Resolves "[variables('x')]" against the root template's literal variables.
    private string EvaluateVariable(string expression)
    {
        Match match = VariableReference().Match(expression);
        Assert.True(match.Success, $"not a variable reference: {expression}");
        return (string)Template.Root["variables"]![match.Groups[1].Value]!;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"\blist[A-Za-z]*Keys\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListKeysCall();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();
}

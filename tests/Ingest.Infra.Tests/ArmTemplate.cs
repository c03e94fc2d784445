using System.Text.Json.Nodes;

namespace Ingest.Infra.Tests;

/// <summary>
/// A compiled ARM template with its nested module templates flattened, so tests can find any resource
/// regardless of which module declares it. Handles both array-shaped and symbolic-name (languageVersion 2.0)
/// resource collections.
/// </summary>
public sealed class ArmTemplate
{
    private ArmTemplate(string json)
    {
        Json = json;
        Root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("Empty template");
        Resources = Flatten(Root).ToList();
    }

    /// <summary>The raw compiled JSON.</summary>
    public string Json { get; }

    /// <summary>The root template.</summary>
    public JsonObject Root { get; }

    /// <summary>Every resource of the root template and of all nested deployments (modules), including the deployments themselves.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>Parses compiled template JSON.</summary>
    public static ArmTemplate Parse(string json) => new(json);

    /// <summary>Resources of <paramref name="type"/> that the template creates (not <c>existing</c> references).</summary>
    public IReadOnlyList<JsonObject> Declared(string type) =>
        Resources.Where(resource =>
                string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)
                && resource["existing"]?.GetValue<bool>() != true)
            .ToList();

    /// <summary>The single created resource of <paramref name="type"/>.</summary>
    public JsonObject Single(string type)
    {
        IReadOnlyList<JsonObject> matches = Declared(type);
        Assert.True(matches.Count == 1, $"expected one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Default value of a root template parameter.</summary>
    public JsonNode? ParameterDefault(string name) => Root["parameters"]?[name]?["defaultValue"];

    private static IEnumerable<JsonObject> Flatten(JsonObject template)
    {
        IEnumerable<JsonNode?> resources = template["resources"] switch
        {
            JsonArray array => array,
            JsonObject map => map.Select(pair => pair.Value),
            _ => [],
        };

        foreach (JsonObject resource in resources.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (JsonObject inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>Compiles infra/main.bicep once for all tests of a class.</summary>
public sealed class CompiledMainTemplate
{
    /// <summary>Runs <c>bicep build infra/main.bicep --stdout</c>.</summary>
    public CompiledMainTemplate()
    {
        Build = BicepCli.Run(InfraPaths.Infra, "build", InfraPaths.MainBicep, "--stdout");
        Template = Build.ExitCode == 0 ? ArmTemplate.Parse(Build.StandardOutput) : null;
    }

    /// <summary>The build invocation.</summary>
    public BicepResult Build { get; }

    /// <summary>The compiled template, or null when the build failed.</summary>
    public ArmTemplate? Template { get; }

    /// <summary>The compiled template; fails the test when the build failed.</summary>
    public ArmTemplate Require()
    {
        Assert.True(Template is not null, Build.Describe());
        return Template!;
    }
}

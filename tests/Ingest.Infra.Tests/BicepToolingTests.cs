using System.Text.Json.Nodes;

namespace Ingest.Infra.Tests;

/// <summary>The Bicep sources compile, lint clean under the error-level config, and the param file resolves.</summary>
public sealed class BicepToolingTests
{
    // Kept off on purpose: both compare against today's date or the public registry (see bicepconfig.json).
    private static readonly HashSet<string> RulesAllowedOff = ["use-recent-api-versions", "use-recent-module-versions"];

    [Fact]
    public void BicepBinaryIsThePinnedVersion()
    {
        BicepResult result = BicepCli.Run(InfraPaths.Infra, "--version");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains(BicepCli.PackageVersion, result.StandardOutput);
    }

    [Fact]
    public void MainBuildsWithoutDiagnostics()
    {
        BicepResult result = BicepCli.Run(InfraPaths.Infra, "build", InfraPaths.MainBicep, "--stdout");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.Describe());
        Assert.NotNull(JsonNode.Parse(result.StandardOutput));
    }

    [Fact]
    public void LintOfMainReportsNothing()
    {
        BicepResult result = BicepCli.Run(InfraPaths.Infra, "lint", InfraPaths.MainBicep);

        AssertClean(result);
    }

    [Fact]
    public void LintOfEveryBicepFileReportsNothing()
    {
        // One process for all files; modules not (yet) referenced by main.bicep are covered too.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(InfraPaths.Infra, "app"), "*.bicep"));

        BicepResult result = BicepCli.Run(InfraPaths.Infra, "lint", "--pattern", "**/*.bicep");

        AssertClean(result);
    }

    [Fact]
    public void ParameterFileBuilds()
    {
        BicepResult result = BicepCli.Run(InfraPaths.Infra, "build-params", Path.Combine(InfraPaths.Infra, "main.bicepparam"), "--stdout");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.Describe());
        Assert.Contains("environmentName", result.StandardOutput);
    }

    [Fact]
    public void BicepConfigRaisesEveryCoreRuleToError()
    {
        JsonNode config = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "bicepconfig.json")))!;
        JsonNode core = config["analyzers"]!["core"]!;
        JsonObject rules = core["rules"]!.AsObject();

        Assert.True(core["enabled"]!.GetValue<bool>());
        Assert.True(rules.Count >= 30, $"only {rules.Count} rules configured");
        foreach ((string rule, JsonNode? setting) in rules)
        {
            string level = (string)setting!["level"]!;
            string expected = RulesAllowedOff.Contains(rule) ? "off" : "error";
            Assert.True(level == expected, $"{rule} is '{level}', expected '{expected}'");
        }
    }

    [Fact]
    public void LintFailsOnAFindingUnderTheInfraConfig()
    {
        // Proves the config is picked up: an unused parameter (a warning by default) must fail lint.
        string folder = Directory.CreateTempSubdirectory("ingest-infra-lint-").FullName;
        try
        {
            File.Copy(Path.Combine(InfraPaths.Infra, "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            string probe = Path.Combine(folder, "probe.bicep");
            File.WriteAllText(probe, "param unused string\n");

            BicepResult result = BicepCli.Run(folder, "lint", probe);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.StandardError + result.StandardOutput);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void NoRegistryModuleReferences()
    {
        // br/public: modules need the public registry, which the build machines cannot reach.
        foreach (string file in Directory.EnumerateFiles(InfraPaths.Infra, "*.bicep*", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            Assert.False(text.Contains("br/public:", StringComparison.Ordinal) || text.Contains("br:", StringComparison.Ordinal),
                $"{file} references a registry module");
        }
    }

    private static void AssertClean(BicepResult result)
    {
        string output = result.StandardError + result.StandardOutput;
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.DoesNotContain("Warning", output);
        Assert.DoesNotContain("Error", output);
        Assert.True(string.IsNullOrWhiteSpace(output), result.Describe());
    }
}

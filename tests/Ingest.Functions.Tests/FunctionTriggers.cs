using System.Reflection;
using Ingest.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Ingest.Functions.Tests;

/// <summary>
/// The trigger attributes of the function classes in Ingest.Functions, read by reflection (what the Functions host indexes).
/// Also compiled into Ingest.Infra.Tests, which checks the settings against the Bicep app settings.
/// </summary>
internal static class FunctionTriggers
{
    /// <summary>One trigger: the <c>[Function]</c> name and its trigger attribute.</summary>
    internal sealed record Trigger(string Function, TriggerBindingAttribute Attribute)
    {
        /// <summary>The <c>%setting%</c> names in any string property of the attribute.</summary>
        public IEnumerable<string> Settings => Attribute.GetType().GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(Attribute) as string)
            .OfType<string>()
            .SelectMany(IngestSettings.Placeholders);
    }

    /// <summary>Every trigger of every function in the Ingest.Functions assembly.</summary>
    public static IReadOnlyList<Trigger> All { get; } =
    [
        .. typeof(IngestSettings).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters()
                .SelectMany(p => p.GetCustomAttributes<TriggerBindingAttribute>())
                .Select(a => new Trigger(m.GetCustomAttribute<FunctionAttribute>()!.Name, a))),
    ];

    /// <summary>Every <c>%setting%</c> name a trigger uses.</summary>
    public static IReadOnlySet<string> Settings { get; } = All.SelectMany(t => t.Settings).ToHashSet(StringComparer.Ordinal);

    /// <summary>The triggers with an attribute of type <typeparamref name="T"/>.</summary>
    public static IEnumerable<(string Function, T Attribute)> Of<T>() where T : TriggerBindingAttribute =>
        All.Where(t => t.Attribute is T).Select(t => (t.Function, (T)t.Attribute));
}

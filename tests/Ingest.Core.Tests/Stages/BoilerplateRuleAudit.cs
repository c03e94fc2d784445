using System.Text;
using System.Text.Json;
using Ingest.Core.Stages;
using Ingest.Core.Stages.Boilerplate;

namespace Ingest.Core.Tests.Stages;

/// <summary>
/// Audit hook, not a check: which line rule removed which blocks of which inputs. Runs only when
/// <c>INGEST_RULE_AUDIT</c> names JSON-lines outputs of <c>ingest extract --format jsonl</c> (paths separated by
/// <c>;</c>, each optionally prefixed <c>label=</c>) and writes a table per rule to <c>INGEST_RULE_AUDIT_OUT</c>;
/// otherwise it does nothing. A removed block is credited to the first rule that matches it when that rule gives the
/// recorded reason (the rule the stage applied).
/// </summary>
public class BoilerplateRuleAudit
{
    [Fact]
    public void FiringsPerRule()
    {
        string? spec = Environment.GetEnvironmentVariable("INGEST_RULE_AUDIT");
        if (string.IsNullOrEmpty(spec))
            return;
        var hits = BoilerplateRules.Lines.ToDictionary(r => r.Id, _ => new Dictionary<string, SortedSet<string>>());
        var examples = BoilerplateRules.Lines.ToDictionary(r => r.Id, _ => new List<string>());
        foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string label = part.Contains('=') ? part[..part.IndexOf('=')] : Path.GetFileNameWithoutExtension(part);
            string path = part.Contains('=') ? part[(part.IndexOf('=') + 1)..] : part;
            foreach (var line in File.ReadLines(path))
            {
                using var doc = JsonDocument.Parse(line);
                string name = doc.RootElement.GetProperty("source").GetProperty("name").GetString()!;
                foreach (var b in doc.RootElement.GetProperty("boilerplate").EnumerateArray())
                {
                    string text = b.GetProperty("text").GetString()!, reason = b.GetProperty("reason").GetString()!;
                    int words = BoilerplateStage.WordCount(text);
                    var rule = BoilerplateRules.Lines.FirstOrDefault(r => words <= r.MaxWords && r.Pattern.IsMatch(text));
                    if (rule is null || rule.Reason != reason)
                        continue;
                    var byLabel = hits[rule.Id];
                    if (!byLabel.TryGetValue(label, out var set))
                        byLabel[label] = set = [];
                    set.Add(name);
                    if (examples[rule.Id].Count < 3)
                        examples[rule.Id].Add($"{label}:{Path.GetFileName(Path.GetDirectoryName(name))}/{Path.GetFileName(name)}: {text[..Math.Min(text.Length, 120)]}");
                }
            }
        }
        var sb = new StringBuilder();
        foreach (var r in BoilerplateRules.Lines)
        {
            var counts = string.Join(" ", hits[r.Id].OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value.Count}"));
            sb.AppendLine($"{r.Id}\t{r.Family}\t{(counts.Length == 0 ? "-" : counts)}");
            foreach (var (label, set) in hits[r.Id].Where(k => k.Value.Count <= 3))
                sb.AppendLine($"    {label}: {string.Join(", ", set.Select(s => Path.GetFileName(Path.GetDirectoryName(s)) + "/" + Path.GetFileName(s)))}");
            foreach (var e in examples[r.Id])
                sb.AppendLine("    | " + e);
        }
        File.WriteAllText(Environment.GetEnvironmentVariable("INGEST_RULE_AUDIT_OUT") ?? "rule-audit.txt", sb.ToString());
    }
}

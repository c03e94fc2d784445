using Ingest.Core.Stages;
using Ingest.Core.Stages.Entities;
using Ingest.Core.Stages.Quotes;

namespace Ingest.Core.Tests.Stages;

/// <summary>The project-written word lists under Resources/Lexicons: well-formed, documented, and loaded as the stages expect.</summary>
public class LexiconFileTests
{
    /// <summary>Files written by tools/derive_lexicons.py from the gazetteers; they carry no header of their own.</summary>
    private static readonly HashSet<string> Derived =
    [
        "anonymous_heads.txt", "attribution_cues.txt", "cities.tsv", "countries.tsv", "first_names.tsv", "newspapers.txt",
        "org_suffixes.txt", "person_nouns.txt", "speech_verbs.txt", "titles.txt", "us_agencies.txt", "us_states.tsv",
    ];

    private const string Prefix = "Ingest.Core.Resources.Lexicons.";

    private static IEnumerable<(string Name, string[] Lines)> ProjectFiles()
    {
        var asm = typeof(Lexicons).Assembly;
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            string name = resource[Prefix.Length..];
            if (Derived.Contains(name))
                continue;
            using var reader = new StreamReader(asm.GetManifestResourceStream(resource)!);
            yield return (name, reader.ReadToEnd().Split('\n'));
        }
    }

    [Fact]
    public void EveryProjectListOpensWithAHeaderAndHasCleanUniqueEntries()
    {
        var files = ProjectFiles().ToList();
        Assert.True(files.Count >= 40, $"only {files.Count} project lexicon files are embedded");
        foreach (var (name, lines) in files)
        {
            Assert.True(lines[0].StartsWith("# ", StringComparison.Ordinal), $"{name} has no '#' header");
            var entries = lines.Where(l => l.Length > 0 && l[0] != '#').ToList();
            Assert.True(entries.Count > 0, $"{name} is empty");
            Assert.All(entries, e => Assert.True(e == e.Trim(), $"{name}: '{e}' has surrounding spaces"));
            Assert.True(entries.Distinct(StringComparer.Ordinal).Count() == entries.Count, $"{name} repeats an entry");
        }
    }

    [Fact]
    public void RegionsListOnlyWhatTheCityGazetteerAndPlaceSuffixesDoNotType()
    {
        var regions = Lexicons.Lines("regions.txt");
        Assert.Contains("Europe", regions);
        Assert.All(regions, r =>
        {
            Assert.True(Lexicons.Cities.GetValueOrDefault(r) < MentionTyper.LargeCity, $"{r} is a large city in cities.tsv");
            Assert.False(r.Contains(' ') && EntityRules.PlaceSuffixes.Contains(r.Split(' ')[^1]), $"{r} ends in a place suffix");
        });
    }

    [Fact]
    public void PronounTableGivesGenderAndNumber()
    {
        Assert.Equal('M', Lexicons.PronounKind("he"));
        Assert.Equal('F', Lexicons.PronounKind("elle"));
        Assert.Equal('P', Lexicons.PronounKind("they"));
        Assert.Equal('N', Lexicons.PronounKind("it"));
        Assert.Null(Lexicons.PronounKind("council"));
        Assert.Contains("SIE", (IReadOnlySet<string>)Lexicons.Pronouns);
        Assert.Contains("She", (IReadOnlySet<string>)Lexicons.EnglishHeShe);
        Assert.DoesNotContain("sie", (IReadOnlySet<string>)Lexicons.EnglishHeShe);
        Assert.DoesNotContain("HE", (IReadOnlySet<string>)Lexicons.EnglishHeShe);
    }

    [Fact]
    public void ListsKeepTheirComparers()
    {
        Assert.Contains("IN", (IReadOnlySet<string>)EntityRules.LocationCues);            // case-insensitive
        Assert.DoesNotContain("university", (IReadOnlySet<string>)EntityRules.StrongOrgWords);   // case-sensitive
        Assert.Contains("Dr.", (IReadOnlySet<string>)Lexicons.Titles);                     // project titles keep their full stop
        Assert.Contains("dr", (IReadOnlySet<string>)Lexicons.Titles);
        Assert.Contains("When", (IReadOnlySet<string>)QuoteRules.ClauseOpeners);           // clause_openers.txt
        Assert.Contains("Meanwhile", (IReadOnlySet<string>)QuoteRules.ClauseOpeners);      // lead_adverbials.txt
        Assert.Equal("United States", Lexicons.Countries["the United States"]);
        Assert.Equal("United Kingdom", Lexicons.Countries["Great Britain"]);
    }

    [Fact]
    public void AlternationsAreEscapedAndKeepFileOrder()
    {
        string alt = QuoteRules.Alternation("spokesperson_nouns.txt");
        Assert.StartsWith("(?:spokesperson|", alt);
        Assert.Matches("^" + alt + "$", "press officer");
        Assert.DoesNotMatch("^" + QuoteRules.Alternation("leading_fillers.txt") + "$", "x");
        Assert.Equal("Harbor City Council", Lexicons.LeadingArticle.Replace("The Harbor City Council", ""));
    }
}

using Ingest.Core.Stages.Entities;

namespace Ingest.Eval;

/// <summary>
/// Reads the CoNLL files of <c>shared/corpus/ner</c>: <c>token TAB tag</c> lines, a blank line after each sentence,
/// <c># doc ID</c> before each document; IOB2 tags, MISC read as O.
/// </summary>
internal static class NerCorpus
{
    /// <summary>GUM genres whose texts are CC BY-SA (Wikipedia biographies, Wikivoyage): left out of shipped weights unless asked.</summary>
    public static readonly string[] ShareAlikeGumGenres = ["GUM_bio_", "GUM_voyage_"];

    /// <summary>The documents of one file, in order. A sentence with no tokens is skipped.</summary>
    public static List<NerDocument> Read(string path) => Parse(File.ReadLines(path));

    /// <summary>The documents of CoNLL lines (see <see cref="Read"/>).</summary>
    public static List<NerDocument> Parse(IEnumerable<string> lines)
    {
        var docs = new List<NerDocument>();
        string id = "doc";
        var sentences = new List<string[]>();
        var labels = new List<int[]>();
        var tokens = new List<string>();
        var tags = new List<int>();
        void EndSentence()
        {
            if (tokens.Count == 0)
                return;
            sentences.Add([.. tokens]);
            labels.Add([.. tags]);
            tokens.Clear();
            tags.Clear();
        }
        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0)
                docs.Add(new NerDocument(id, [.. sentences], [.. labels]));
            sentences.Clear();
            labels.Clear();
        }
        foreach (var line in lines)
        {
            if (line.StartsWith("# doc ", StringComparison.Ordinal))
            {
                EndDocument();
                id = line[6..].Trim();
                continue;
            }
            if (line.Length == 0)
            {
                EndSentence();
                continue;
            }
            int tab = line.LastIndexOf('\t');
            if (tab <= 0)
                continue;
            tokens.Add(line[..tab]);
            tags.Add(NerLabels.Parse(line[(tab + 1)..].Trim()));
        }
        EndDocument();
        return docs;
    }
}

namespace Ingest.Eval.Tests;

/// <summary>Reads a tiny made-up document in the three GUM formats.</summary>
public sealed class GumDocumentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gum-test-" + Guid.NewGuid().ToString("N"));

    public GumDocumentTests()
    {
        foreach (var d in new[] { "xml", "coref_tsv", "rst_rs4" }) Directory.CreateDirectory(Path.Combine(_root, d));
        static string T(string w, string ptb, string upos) => $"{w}\t{ptb}\t{w}\tX\t{upos}\tdep\t_";
        var xml = new[]
        {
            "<text id=\"GUM_news_test\" type=\"news\">", "<head>", "<s>", T("Mayor", "NP", "PROPN"), T("opens", "VVZ", "VERB"), T("bridge", "NN", "NOUN"),
            "</s>", "</head>", "<p>", "<s>", T("Jane", "NP", "PROPN"), T("Doe", "NP", "PROPN"), T("said", "VVD", "VERB"), T(",", ",", "PUNCT"),
            "<quote>", T("\"", "``", "PUNCT"), T("The", "DT", "DET"), T("bridge", "NN", "NOUN"), T("is", "VBZ", "AUX"), T("open", "JJ", "ADJ"),
            T(".", "SENT", "PUNCT"), T("\"", "''", "PUNCT"), "</quote>", "</s>", "<s>", T("Doe", "NP", "PROPN"), T("called", "VVD", "VERB"),
            T("it", "PP", "PRON"), "<q>", T("\"", "``", "PUNCT"), T("fine", "JJ", "ADJ"), T("\"", "''", "PUNCT"), "</q>", T(".", "SENT", "PUNCT"),
            "</s>", "</p>", "</text>",
        };
        File.WriteAllLines(Path.Combine(_root, "xml", "GUM_news_test.xml"), xml);
        string Row(string id, string w, string ent = "_", string ident = "_", string rel = "_", string tgt = "_") =>
            $"{id}\t0-0\t{w}\t{ent}\t_\t_\t{ident}\t_\t{rel}\t{tgt}\t";
        var tsv = new List<string> { "#FORMAT=WebAnno TSV 3.2", "", "#Text=Mayor opens bridge" };
        tsv.AddRange([Row("1-1", "Mayor"), Row("1-2", "opens"), Row("1-3", "bridge"), "", "#Text=..."]);
        tsv.Add(Row("2-1", "Jane", "person[1]", "Jane_Doe_%28mayor%29[1]", "coref", "2-12[2_1]"));
        tsv.Add(Row("2-2", "Doe", "person[1]", "Jane_Doe_%28mayor%29[1]"));
        foreach (var (w, i) in new[] { "said", ",", "\"", "The", "bridge", "is", "open", ".", "\"" }.Select((w, i) => (w, i)))
            tsv.Add(Row($"2-{i + 3}", w));
        tsv.Add(Row("2-12", "Doe", "person[2]"));
        foreach (var (w, i) in new[] { "called", "it", "\"", "fine", "\"", "." }.Select((w, i) => (w, i)))
            tsv.Add(Row($"2-{i + 13}", w));
        File.WriteAllLines(Path.Combine(_root, "coref_tsv", "GUM_news_test.tsv"), tsv);
        File.WriteAllText(Path.Combine(_root, "rst_rs4", "GUM_news_test.rs4"), """
            <rst><header/><body>
            <segment id="1" parent="6" relname="organization-heading">Mayor opens bridge</segment>
            <segment id="2" parent="3" relname="attribution-positive">Jane Doe said ,</segment>
            <segment id="3" parent="6" relname="span">" The bridge is open . "</segment>
            <segment id="4" parent="3" relname="elaboration-additional">Doe called it " fine " .</segment>
            <group id="6" type="span"/>
            </body></rst>
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void RebuildsTextWithHeadlineFirst()
    {
        var d = GumDocument.Load(_root, "GUM_news_test");
        Assert.Empty(d.Warnings);
        Assert.Equal("Mayor opens bridge\n\nJane Doe said, \"The bridge is open.\" Doe called it \"fine\".\n", d.PlainText());
    }

    [Fact]
    public void ReadsQuotesChainsAndSpeaker()
    {
        var d = GumDocument.Load(_root, "GUM_news_test");
        var quote = Assert.Single(d.Quotes, q => !q.IsScare);
        Assert.Equal("The bridge is open.", quote.Text);
        Assert.Equal("fine", Assert.Single(d.Quotes, q => q.IsScare).Text);
        var chain = Assert.Single(d.Chains);
        Assert.Equal(2, chain.Mentions.Count);
        Assert.Equal("Jane Doe", chain.Canonical);
        var sp = GumSpeakers.Find(d, quote);
        Assert.Equal("Jane Doe", sp.Name);
        Assert.Equal("person", sp.Kind);
    }
}

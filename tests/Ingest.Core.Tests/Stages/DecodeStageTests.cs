using System.Text;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;
using Ingest.Core.Stages;

namespace Ingest.Core.Tests.Stages;

public class DecodeStageTests
{
    private static ArticleDocument Decode(string name, byte[] bytes)
    {
        var doc = new ArticleDocument(new SourceRef("test", name), bytes);
        new DecodeStage().Process(doc);
        return doc;
    }

    [Fact]
    public void Utf8WithBomIsDecodedWithoutTheBom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Café “quoted”")];
        var doc = Decode("a.txt", bytes);
        Assert.Equal("Café “quoted”", doc.Get(Layers.Text).Text);
        Assert.Equal("utf-8", doc.Get(Layers.Text).Encoding);
    }

    [Fact]
    public void Utf16LittleEndianWithBomIsDecoded()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Grüße aus Köln")];
        var doc = Decode("a.txt", bytes);
        Assert.Equal("Grüße aus Köln", doc.Get(Layers.Text).Text);
        Assert.Equal("utf-16", doc.Get(Layers.Text).Encoding);
    }

    [Fact]
    public void InvalidUtf8FallsBackToWindows1252()
    {
        // 0xE9 is "é" and 0x93/0x94 are curly double quotes in Windows-1252; none is valid UTF-8 here.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("Caf"), 0xE9, (byte)' ', 0x93, (byte)'o', (byte)'k', 0x94];
        var doc = Decode("a.txt", bytes);
        Assert.Equal("Café “ok”", doc.Get(Layers.Text).Text);
        Assert.Equal("windows-1252", doc.Get(Layers.Text).Encoding);
    }

    [Fact]
    public void EmptyFileIsRejectedWithAClearMessage()
    {
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("empty.txt", []));
        Assert.Equal("The file is empty.", ex.Message);
    }

    [Fact]
    public void BinaryContentIsRejected()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("photo.txt", png));
        Assert.Contains("binary", ex.Message);
    }

    [Fact]
    public void InvalidJsonIsRejectedWithTheLine()
    {
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("bad.json", Encoding.UTF8.GetBytes("{\n  \"title\": \"x\",\n  \"text\": \n}")));
        Assert.StartsWith("The file is not valid JSON (line", ex.Message);
    }

    [Fact]
    public void JsonWithoutTextIsRejected()
    {
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("meta.json", Encoding.UTF8.GetBytes("{\"title\": \"Only a title\"}")));
        Assert.Contains("no article text", ex.Message);
    }

    [Fact]
    public void ScraperJsonRecordGivesHtmlAndHints()
    {
        const string json = """
            {"url": "https://news.example/a", "title": "Harbor &amp; Town", "author": ["Ana Ruiz", "Bo Lin"],
             "published": "2024-05-02T10:00:00Z", "html": "<p>First paragraph of the story.</p>"}
            """;
        var doc = Decode("record.json", Encoding.UTF8.GetBytes(json));
        Assert.Equal(DocumentFormat.Json, doc.Get(Layers.Text).Format);
        Assert.True(doc.Get(Layers.Text).IsHtml);
        Assert.Equal("<p>First paragraph of the story.</p>", doc.Get(Layers.Text).Text);
        Assert.Equal("Harbor & Town", doc.Hint(HintKeys.Title));
        Assert.Equal(["Ana Ruiz", "Bo Lin"], doc.Get(Layers.Hints).All(HintKeys.Author));
        Assert.Equal("https://news.example/a", doc.Hint(HintKeys.Url));
    }

    [Fact]
    public void WordPressRenderedFieldsAreRead()
    {
        const string json = """{"title": {"rendered": "Mill Reopens"}, "content": {"rendered": "<p>The mill reopened on Monday.</p>"}}""";
        var doc = Decode("post.json", Encoding.UTF8.GetBytes(json));
        Assert.True(doc.Get(Layers.Text).IsHtml);
        Assert.Equal("Mill Reopens", doc.Hint(HintKeys.Title));
    }

    [Theory]
    [InlineData("page", "<!DOCTYPE html><html><body><p>x</p></body></html>", DocumentFormat.Html)]
    [InlineData("record", "  {\"text\": \"A story.\"}", DocumentFormat.Json)]
    [InlineData("notes", "# Heading\n\nSome text.", DocumentFormat.Markdown)]
    [InlineData("dump", "Plain words on a line.\n\nMore words.", DocumentFormat.Text)]
    public void FormatIsSniffedWhenTheNameHasNoExtension(string name, string content, DocumentFormat expected) =>
        Assert.Equal(expected, Decode(name, Encoding.UTF8.GetBytes(content)).Get(Layers.Text).Format);
}

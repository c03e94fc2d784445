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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16WithoutABomIsReadNotRejectedAsBinary(bool littleEndian)
    {
        var encoding = littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode;
        var doc = Decode("a.txt", encoding.GetBytes("Ferry Returns\n\nThe ferry service resumed on Friday, officials said."));
        Assert.Equal("Ferry Returns\n\nThe ferry service resumed on Friday, officials said.", doc.Get(Layers.Text).Text);
        Assert.Equal(littleEndian ? "utf-16" : "utf-16be", doc.Get(Layers.Text).Encoding);
    }

    [Fact]
    public void A_noncharacter_is_replaced_and_reported_instead_of_failing_the_article()
    {
        string story = "Harbor Ferry Returns\n\nThe ferry service across the bay resumed on Friday \uFFFE after a week of repairs, officials said.\n\n" +
            "Passengers lined up early at the pier, and the first crossing left on time.\n";
        var record = ArticleExtractor.Default.Extract(new SourceRef("test", "ferry.txt"), Encoding.UTF8.GetBytes(story)).Record;
        Assert.Contains("resumed on Friday \uFFFD after", record.Body);
        Assert.Contains(record.Warnings, w => w.StartsWith("decode: 1 character that is not valid Unicode text", StringComparison.Ordinal));
        Assert.Equal(("a\uFFFDb\U0001F600", 1), DecodeStage.ReplaceInvalidCodePoints("a\uD800b\U0001F600"));
        Assert.Equal(("ok", 0), DecodeStage.ReplaceInvalidCodePoints("ok"));
    }

    [Fact]
    public void Bytes_that_read_as_no_text_in_any_known_encoding_are_rejected_with_a_reason()
    {
        byte[] unit = [0xC3, 0x28, 0xA0, 0xA1, 0x80, 0x81, 0xFE, 0xFE, 0xFF, 0xE9, 0x20];
        byte[] garbage = [.. Enumerable.Repeat(unit, 300).SelectMany(b => b)];
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("a.txt", garbage));
        Assert.Contains("not UTF-8 or UTF-16", ex.Message);
        Assert.Contains("save it as UTF-8", ex.Message);

        // Windows-1252 text in a Latin-script language stays readable.
        var cp1252 = Encoding.GetEncoding(1252);
        Assert.Equal("windows-1252", Decode("a.txt", cp1252.GetBytes("Le conseil municipal a voté lundi : « Nous sommes prêts », a dit la maire.")).Get(Layers.Text).Encoding);
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
    public void Utf8WithOneBadByteKeepsItsLettersAndQuotesAndSaysWhatWasReplaced()
    {
        // A made-up scraped line: curly quotes and an accented letter in UTF-8, then one stray 0xFF byte.
        byte[] bytes = [.. Encoding.UTF8.GetBytes("“This is a great day for the café owners,” said Mayor Ann Lee. Stray "), 0xFF,
            .. Encoding.UTF8.GetBytes(" byte here.")];
        var doc = Decode("a.txt", bytes);
        var text = doc.Get(Layers.Text);
        Assert.Equal("utf-8", text.Encoding);
        Assert.Equal("“This is a great day for the café owners,” said Mayor Ann Lee. Stray \uFFFD byte here.", text.Text);
        Assert.Equal(["decode: 1 invalid UTF-8 byte sequence was replaced with U+FFFD (the rest of the file is UTF-8)."], text.Warnings);
    }

    [Fact]
    public void A_clean_file_has_no_warnings_and_windows_1252_text_is_not_mistaken_for_damaged_utf8()
    {
        Assert.Empty(Decode("a.txt", Encoding.UTF8.GetBytes("Grüße, “quoted”.")).Get(Layers.Text).Warnings);

        // Windows-1252 with many accented letters and one byte pair that happens to be valid UTF-8 (0xC3 0xA9 = "Ã©").
        var cp1252 = Encoding.GetEncoding(1252);
        byte[] bytes = cp1252.GetBytes("Le café « Zoé » à Genève: élu Ã© déjà.");
        var text = Decode("a.txt", bytes).Get(Layers.Text);
        Assert.Equal("windows-1252", text.Encoding);
        Assert.Equal("Le café « Zoé » à Genève: élu Ã© déjà.", text.Text);
        Assert.Empty(text.Warnings);
    }

    [Fact]
    public void The_record_carries_the_decode_warning()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("Harbor Ferry Returns\n\n“We are back, and the ferry will run every day again,” said Captain José Ruiz on Monday, as the ferry docked at the pier after a winter of repairs. "), 0xC3,
            .. Encoding.UTF8.GetBytes(" The crossing takes twelve minutes and runs every half hour from the old terminal, the café owners said.")];
        var record = ArticleExtractor.Default.Extract(new SourceRef("test", "ferry.txt"), bytes).Record;
        Assert.Single(record.Warnings);
        Assert.StartsWith("decode: 1 invalid UTF-8 byte sequence", record.Warnings[0]);
        Assert.Contains("José Ruiz", record.Body);
        Assert.Contains(record.Quotes, q => q.Text.StartsWith("We are back", StringComparison.Ordinal) && q.Speaker == "José Ruiz");
    }

    [Fact]
    public void EmptyFileIsRejectedWithAClearMessage()
    {
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("empty.txt", []));
        Assert.Equal("The file is empty.", ex.Message);
    }

    [Fact]
    public void BinaryContentOfNoKnownFormatIsRejectedByItsControlCharacters()
    {
        byte[] data = [0x51, 0x02, 0x00, 0x07, 0x41, 0x13, 0x00, 0x00, 0x1B, 0x05, 0x42, 0x00, 0x0E, 0x06, 0x43, 0x44];
        var ex = Assert.Throws<ArticleRejectedException>(() => Decode("data.txt", data));
        Assert.Equal("The file looks binary (it has control characters that text does not have), not an article.", ex.Message);
    }

    [Fact]
    public void AStrayNulInTextIsNotBinary()
    {
        var doc = Decode("a.txt", Encoding.UTF8.GetBytes("The ferry\0 returned to the island on Tuesday after six weeks in dry dock."));
        Assert.Contains("ferry\0 returned", doc.Get(Layers.Text).Text);
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

public class BinarySignatureTests
{
    private static ArticleRejectedException Reject(string name, byte[] bytes)
    {
        var doc = new ArticleDocument(new SourceRef("test", name), bytes);
        return Assert.Throws<ArticleRejectedException>(() => new DecodeStage().Process(doc));
    }

    private static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);

    [Fact]
    public void APdfRenamedHtmlIsRejectedAsAPdfEvenWhenItsHeadIsPrintable()
    {
        // An uncompressed PDF: every byte of its head is printable ASCII, so the control-character test alone lets it through.
        byte[] pdf = Ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            + "3 0 obj\n<< /Type /Page /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Ferry returns) Tj ET\nendstream\nendobj\n");
        Assert.Equal("The file looks like a PDF document, not an article.", Reject("story.html", pdf).Message);
    }

    public static TheoryData<string, byte[], string> Signatures() => new()
    {
        { "page.html", [.. Ascii("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"), .. Ascii("word/document.xml")], "a Word document (DOCX)" },
        { "page.html", [.. Ascii("PK\x03\x04\x14\0\0\0\0\0"), .. Ascii("notes.txt")], "a ZIP archive" },
        { "story.txt", [.. Ascii("GIF89a"), 0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00], "a GIF image" },
        { "story.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "a PNG image" },
        { "story.md", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. Ascii("JFIF")], "a JPEG image" },
        { "story.json", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], "a gzip archive" },
        { "story", [0x7F, .. Ascii("ELF"), 0x02, 0x01, 0x01, 0x00], "an ELF executable" },
        { "story.html", [.. Ascii("MZ"), 0x90, 0x00, 0x03, .. new byte[59]], "a Windows executable" },
        { "story.txt", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00], "a Microsoft Office 97-2003 file (DOC, XLS or PPT)" },
        { "story.txt", [.. Ascii("RIFF"), 0x24, 0x00, 0x00, 0x00, .. Ascii("WEBPVP8 ")], "a WebP image" },
        { "story.txt", [0x00, 0x00, 0x00, 0x18, .. Ascii("ftypmp42"), 0x00, 0x00], "an MP4, QuickTime or HEIF media file" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void KnownBinaryFormatsAreRejectedBySignatureWhateverTheExtension(string name, byte[] bytes, string kind) =>
        Assert.Equal($"The file looks like {kind}, not an article.", Reject(name, bytes).Message);

    [Theory]
    [InlineData("MZ Harbor opens a second shop on the quay, and the owners say the first one is staying where it is.")]
    [InlineData("BMW dealers in the county report a slow spring, with sales down on last year for the third month in a row.")]
    [InlineData("ID3 is the name of the tag format, and this sentence about it is plain text that must not be rejected.")]
    public void TextThatStartsLikeAShortSignatureIsNotRejected(string text)
    {
        var doc = new ArticleDocument(new SourceRef("test", "story.txt"), Encoding.UTF8.GetBytes(text));
        new DecodeStage().Process(doc);
        Assert.Equal(text, doc.Get(Layers.Text).Text);
    }
}

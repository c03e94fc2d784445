using System.Text;
using System.Text.Json;
using Ingest.Core.Document;
using Ingest.Core.Pipeline;

namespace Ingest.Core.Stages;

/// <summary>
/// decode: raw bytes → text, and the input format. Encodings: UTF-8 with or without BOM (a few invalid bytes replaced
/// and reported in the record's warnings), UTF-16 LE/BE with BOM or, for Latin-script text, without, otherwise Windows-1252 (or the charset an HTML page
/// declares). Format from the file extension
/// (<c>.txt .html .htm .json .md</c>) and, when the extension says nothing, by sniffing the content.
/// JSON scraper records are unpacked: their <c>html</c> or <c>text</c> field becomes the text and the other
/// fields become metadata hints. Rejects empty, binary and malformed input with a message for users: known binary
/// formats by their signature, whatever the extension (<see cref="BinarySignatures"/>: "looks like a PDF document"),
/// other binary content by its share of control characters.
/// </summary>
public sealed class DecodeStage : IPipelineStage
{
    /// <summary>Bytes inspected to tell binary from text.</summary>
    internal const int SniffBytes = 8192;
    /// <summary>Share of control characters (other than tab, CR, LF, FF) above which content is binary.</summary>
    internal const double MaxControlShare = 0.02;

    static DecodeStage() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <inheritdoc />
    public string Name => "decode";
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Requires { get; } = new HashSet<AnnotationKey>();
    /// <inheritdoc />
    public IReadOnlySet<AnnotationKey> Produces { get; } = new HashSet<AnnotationKey> { Layers.Text, Layers.Hints };

    /// <inheritdoc />
    public void Process(ArticleDocument document)
    {
        var hints = document.Extend(Layers.Hints);
        var bytes = document.Raw.Span;
        if (bytes.IsEmpty)
            throw new ArticleRejectedException("The file is empty.");
        // By signature first: a PDF or a zipped document renamed .html is rejected for what it is, even when its
        // first kilobytes happen to be printable.
        if (BinarySignatures.Identify(bytes) is { } kind)
            throw new ArticleRejectedException($"The file looks like {kind}, not an article.");

        (string text, string encoding, int replaced) = DecodeBytes(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        (text, int invalid) = ReplaceInvalidCodePoints(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new ArticleRejectedException("The file contains only whitespace.");
        if (LooksBinary(text))
            throw new ArticleRejectedException("The file looks binary (it has control characters that text does not have), not an article.");

        var format = FormatFromExtension(document.Source.Name) ?? Sniff(text);
        bool isHtml = false;
        switch (format)
        {
            case DocumentFormat.Json:
                (text, isHtml) = UnpackJson(hints, text);
                break;
            case DocumentFormat.Html:
                if (encoding == "windows-1252")
                    text = RedecodeWithDeclaredCharset(bytes, text);
                isHtml = true;
                break;
        }
        if (string.IsNullOrWhiteSpace(text))
            throw new ArticleRejectedException("The file has no article text.");
        if (encoding == "windows-1252" && !ReadsAsLatinText(text))
            throw new ArticleRejectedException("The file is not UTF-8 or UTF-16, and read as Windows-1252 most of it is not letters of words " +
                "(another encoding, or not text); save it as UTF-8.");
        var warnings = new List<string>();
        if (replaced > 0)
            warnings.Add($"decode: {replaced} invalid UTF-8 byte sequence{(replaced == 1 ? " was" : "s were")} replaced with U+FFFD (the rest of the file is UTF-8).");
        if (invalid > 0)
            warnings.Add($"decode: {invalid} character{(invalid == 1 ? " that is" : "s that are")} not valid Unicode text (a noncharacter such as U+FFFE, or half a surrogate pair) replaced with U+FFFD.");
        document.Set(Layers.Text, new DecodedText(format, encoding, ToLineFeeds(text), isHtml) { Warnings = warnings });
    }

    /// <summary>
    /// CRLF (Windows) and lone CR (classic Mac OS) line endings as LF, so that every later reader of the text — line
    /// splitting, hard-wrap joining, the headline, front matter — sees one convention; block offsets then point into
    /// this text. Other separators (form feed, NEL, U+2028) are left to the normalizer.
    /// </summary>
    /// <param name="text">Decoded text.</param>
    /// <returns>The text with LF line endings only (the same instance when it has no CR).</returns>
    internal static string ToLineFeeds(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    /// <summary>
    /// Decodes by BOM, then strict UTF-8; a file that is UTF-8 but for a few bad bytes (a scraper's truncated character, one
    /// byte of another encoding pasted in) is decoded as UTF-8 with each bad sequence replaced by U+FFFD, and only a file
    /// that reads as no UTF-8 at all falls back to Windows-1252. Decoding such a file as Windows-1252 would turn every
    /// accented letter and curly quote of it into two or three wrong characters ("cafÃ©", "â€œ"), which loses the quotes.
    /// </summary>
    /// <returns>The text, the encoding's web name, and how many invalid UTF-8 sequences were replaced (0 unless repaired).</returns>
    internal static (string Text, string Encoding, int Replaced) DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return (System.Text.Encoding.Unicode.GetString(bytes[2..]), "utf-16", 0);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return (System.Text.Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be", 0);
        if (Utf16WithoutBom(bytes) is { } utf16)
            return utf16 ? (System.Text.Encoding.Unicode.GetString(bytes), "utf-16", 0) : (System.Text.Encoding.BigEndianUnicode.GetString(bytes), "utf-16be", 0);
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        if (bom)
            bytes = bytes[3..];
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "utf-8", 0);
        }
        catch (DecoderFallbackException)
        {
            var (valid, invalid) = CountUtf8Sequences(bytes);
            if (bom || valid >= MinValidUtf8Sequences && invalid * MaxInvalidPerValidUtf8 <= valid)
                return (System.Text.Encoding.UTF8.GetString(bytes), "utf-8", invalid);
            return (System.Text.Encoding.GetEncoding(1252).GetString(bytes), "windows-1252", 0);
        }
    }

    /// <summary>
    /// True for UTF-16 little-endian text without a byte-order mark, false for big-endian, null for neither: in the first
    /// 2,048 byte pairs, at least 90 % have a zero high byte (Latin script in UTF-16) on one side and at most 2 % on the
    /// other. Such files are otherwise "binary" for their NUL bytes.
    /// </summary>
    internal static bool? Utf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        int pairs = Math.Min(bytes.Length / 2, 2048);
        if (pairs < 8)
            return null;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (bytes[2 * i] == 0)
                evenZero++;
            if (bytes[2 * i + 1] == 0)
                oddZero++;
        }
        if (oddZero >= pairs * 0.9 && evenZero <= pairs * 0.02)
            return true;
        if (evenZero >= pairs * 0.9 && oddZero <= pairs * 0.02)
            return false;
        return null;
    }

    /// <summary>
    /// Replaces what no Unicode text may hold with U+FFFD: unpaired surrogates and the noncharacters U+FFFE, U+FFFF,
    /// U+FDD0–U+FDEF and the last two code points of every plane. .NET's normalization (NFC, used by every later stage)
    /// throws on them, which would fail the whole article over one character.
    /// </summary>
    /// <returns>The text (the same instance when it has none) and how many were replaced.</returns>
    internal static (string Text, int Replaced) ReplaceInvalidCodePoints(string text)
    {
        System.Text.StringBuilder? sb = null;
        int replaced = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool bad;
            int width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, text[i + 1]);
                bad = (cp & 0xFFFE) == 0xFFFE;
                width = 2;
            }
            else
                bad = char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c >= '\uFDD0' && c <= '\uFDEF';
            if (bad)
            {
                sb ??= new System.Text.StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
                replaced++;
            }
            else
                sb?.Append(text, i, width);
            i += width - 1;
        }
        return (sb?.ToString() ?? text, replaced);
    }

    /// <summary>
    /// Whether text decoded by the Windows-1252 fallback reads as Latin-script text: of the first <see cref="SniffBytes"/>
    /// characters that are not white space, at least <see cref="MinAsciiShareOfFallback"/> are ASCII letters, digits or
    /// punctuation. English, French, German or Spanish text in Windows-1252 is mostly ASCII; bytes of another encoding
    /// (Cyrillic in Windows-1251, say) or random bytes read as "Ã(¡€þþ": a record of them would be garbage.
    /// </summary>
    internal static bool ReadsAsLatinText(string text)
    {
        int n = 0, ascii = 0;
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, SniffBytes)))
        {
            if (char.IsWhiteSpace(c))
                continue;
            n++;
            if (c < 0x7F && c > 0x20)
                ascii++;
        }
        return n == 0 || ascii >= n * MinAsciiShareOfFallback;
    }

    /// <summary>See <see cref="ReadsAsLatinText"/>.</summary>
    internal const double MinAsciiShareOfFallback = 0.6;

    /// <summary>Valid multi-byte UTF-8 sequences a file needs before its bad bytes are repaired rather than re-read as Windows-1252.</summary>
    internal const int MinValidUtf8Sequences = 2;

    /// <summary>
    /// At most one invalid sequence per this many valid multi-byte ones. Windows-1252 text almost never holds a valid
    /// multi-byte UTF-8 sequence (it would need a lead byte such as "Ã" followed by a continuation byte such as "©"), while
    /// it holds an invalid one at every accented letter, so the two kinds of file lie far apart on this ratio.
    /// </summary>
    internal const int MaxInvalidPerValidUtf8 = 2;

    /// <summary>Counts well-formed multi-byte UTF-8 sequences and invalid bytes or sequences (ASCII bytes are neither).</summary>
    internal static (int Valid, int Invalid) CountUtf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                if (rune.Value >= 0x80)
                    valid++;
            }
            else
                invalid++;
            bytes = bytes[Math.Max(1, consumed)..];
        }
        return (valid, invalid);
    }

    private static string RedecodeWithDeclaredCharset(ReadOnlySpan<byte> bytes, string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text.Length > 4096 ? text[..4096] : text,
            @"charset\s*=\s*[""']?([A-Za-z0-9_\-]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!m.Success)
            return text;
        try
        {
            var enc = System.Text.Encoding.GetEncoding(m.Groups[1].Value);
            return enc.WebName is "utf-8" or "windows-1252" ? text : enc.GetString(bytes);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>
    /// True when more than <see cref="MaxControlShare"/> of the first <see cref="SniffBytes"/> characters are control
    /// characters (NUL included) or replacement characters. A few stray controls in real text are not binary: the
    /// normalizer removes them.
    /// </summary>
    internal static bool LooksBinary(string text)
    {
        int n = Math.Min(text.Length, SniffBytes), control = 0;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f') && !(c >= '\u0080' && c <= '\u009F'))
                control++;
            else if (c == '\uFFFD')
                control++;
        }
        return n > 0 && (double)control / n > MaxControlShare;
    }

    internal static DocumentFormat? FormatFromExtension(string name)
    {
        string ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".html" or ".htm" or ".xhtml" => DocumentFormat.Html,
            ".json" => DocumentFormat.Json,
            ".md" or ".markdown" => DocumentFormat.Markdown,
            ".txt" or ".text" => DocumentFormat.Text,
            _ => null,
        };
    }

    internal static DocumentFormat Sniff(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 2048)).TrimStart();
        if (head.StartsWith("{") || head.StartsWith("["))
            return DocumentFormat.Json;
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase) || head.Contains("<p>", StringComparison.OrdinalIgnoreCase))
            return DocumentFormat.Html;
        if (head.StartsWith("# ") || head.Contains("\n## ", StringComparison.Ordinal))
            return DocumentFormat.Markdown;
        return DocumentFormat.Text;
    }

    private static readonly string[] HtmlFields = ["html", "content_html", "raw_html", "body_html", "page_html"];
    private static readonly string[] PublishedFields = ["published", "published_at", "publishedAt", "datePublished", "date_published", "date", "pubDate"];
    private static readonly string[] TextFields = ["text", "content", "body", "article", "articleBody", "article_text", "maintext", "plain_text"];

    /// <summary>Reads a scraper record: its text or HTML field, and its metadata fields as hints.</summary>
    private static (string Text, bool IsHtml) UnpackJson(HintSet hints, string text)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ArticleRejectedException($"The file is not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split(" LineNumber")[0]}");
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
                root = root[0];
            if (root.ValueKind != JsonValueKind.Object)
                throw new ArticleRejectedException("The JSON file is not a scraper record (expected one object with a 'text' or 'html' field).");

            string? html = FirstString(root, HtmlFields);
            string? body = FirstString(root, TextFields);
            if (html is null && body is not null && LooksLikeHtml(body))
                (html, body) = (body, null);
            if (html is null && body is null)
                throw new ArticleRejectedException("The JSON record has no article text: none of the fields html, text, content or body is a string.");

            hints.Add(HintKeys.Title, FirstString(root, "title", "headline"));
            hints.Add(HintKeys.Subtitle, FirstString(root, "subtitle", "description", "dek", "standfirst", "summary", "excerpt"));
            hints.Add(HintKeys.Url, FirstString(root, "url", "link", "source_url", "page_url") ?? (FirstString(root, "source") is { } src && src.Contains("://") ? src : null));
            hints.Add(HintKeys.CanonicalUrl, FirstString(root, "canonical", "canonical_url", "canonicalUrl"));
            // WordPress REST: "date" is the site's wall clock, "date_gmt" the same moment in UTC; together they give the offset.
            hints.Add(HintKeys.Published, DateParser.FromLocalAndUtc(FirstString(root, "date"), FirstString(root, "date_gmt")));
            // Every date field, in this order: the metadata stage takes the first that is a real date.
            foreach (var field in PublishedFields)
                hints.Add(HintKeys.Published, FirstString(root, field));
            hints.Add(HintKeys.SiteName, FirstString(root, "site_name", "sitename", "siteName", "source-hostname", "source_hostname", "publisher", "source", "site") is { } site
                && !site.Contains("://") ? site : null);
            if (root.TryGetProperty("yoast_head_json", out var yoast) && yoast.ValueKind == JsonValueKind.Object)
                hints.Add(HintKeys.SiteName, FirstString(yoast, "og_site_name"));
            hints.Add(HintKeys.Language, FirstString(root, "language", "lang", "inLanguage"));
            foreach (var a in Strings(root, "authors", "author", "byline", "creator"))
                hints.Add(HintKeys.Author, a);
            return html is not null ? (html, true) : (body!, false);
        }
    }

    private static bool LooksLikeHtml(string s) =>
        s.Contains("</p>", StringComparison.OrdinalIgnoreCase) || s.Contains("<div", StringComparison.OrdinalIgnoreCase)
        || s.Contains("<br", StringComparison.OrdinalIgnoreCase);

    private static string? FirstString(JsonElement obj, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var prop in obj.EnumerateObject())
            {
                if (!prop.NameEquals(name) && !string.Equals(prop.Name, name, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (prop.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(prop.Value.GetString()))
                    return prop.Value.GetString();
                if (prop.Value.ValueKind == JsonValueKind.Object && FirstString(prop.Value, "rendered", "name", "text", "value", "html") is { } inner)
                    return inner;
            }
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonElement obj, params string[] names)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            if (!names.Any(n => string.Equals(prop.Name, n, StringComparison.OrdinalIgnoreCase)))
                continue;
            if (prop.Value.ValueKind == JsonValueKind.String)
                yield return prop.Value.GetString()!;
            else if (prop.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in prop.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                        yield return item.GetString()!;
                    else if (item.ValueKind == JsonValueKind.Object && FirstString(item, "name") is { } n)
                        yield return n;
                }
            }
            else if (prop.Value.ValueKind == JsonValueKind.Object && FirstString(prop.Value, "name") is { } n)
                yield return n;
        }
    }
}

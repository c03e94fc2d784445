using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ingest.Functions.Browser;

/// <summary>
/// Writes HTML where every piece of text and every attribute value is escaped (<see cref="Text"/>, <see cref="Open"/>);
/// only the page's own markup goes in raw (<see cref="Raw"/>). Article text is untrusted: a <c>&lt;script&gt;</c> in an
/// article is shown as text.
/// </summary>
internal sealed class HtmlWriter
{
    /// <summary>Escapes <c>&lt; &gt; &amp; ' "</c> and characters unsafe in HTML, but keeps letters of every script readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _html = new();

    /// <summary>Escapes text for an element's content or a quoted attribute value.</summary>
    public static string Escape(string? text) => text is null ? "" : Encoder.Encode(text);

    /// <summary>Appends markup as it is: only for the page's own constant markup, never for data.</summary>
    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    /// <summary>Appends escaped text.</summary>
    public HtmlWriter Text(string? text)
    {
        _html.Append(Escape(text));
        return this;
    }

    /// <summary>Appends escaped text whose <c>`back-quoted`</c> spans become <c>&lt;code&gt;</c> (the CommonMark of the OpenAPI descriptions).</summary>
    public HtmlWriter Prose(string? text)
    {
        string[] parts = (text ?? "").Split('`');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1)
                Element("code", parts[i]);
            else
                Text(i % 2 == 1 ? "`" + parts[i] : parts[i]);
        }
        return this;
    }

    /// <summary>Opens <paramref name="tag"/> with the attributes whose value is not null (values escaped).</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
                _html.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        }
        _html.Append('>');
        return this;
    }

    /// <summary>Closes <paramref name="tag"/>.</summary>
    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>One element with escaped text content.</summary>
    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A link with escaped text.</summary>
    public HtmlWriter Link(string href, string? text, string? cls = null, string? title = null) =>
        Element("a", text, ("href", href), ("class", cls), ("title", title));

    /// <inheritdoc/>
    public override string ToString() => _html.ToString();
}

/// <summary>The HTML answers of the browser view and the docs page: one layout, one style sheet, a strict CSP.</summary>
internal static class HtmlPages
{
    /// <summary>The style sheet of every page (inline, allowed by its hash in the CSP; the pages have no script).</summary>
    internal const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{background:#1d3557;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:baseline}
        header a{color:#fff;text-decoration:none}header .brand{font-weight:700;font-size:1.1rem}
        main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem}
        .layout{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:1.5rem}
        article,aside section,.panel{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:1rem 1.2rem;margin-bottom:1rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .4rem}h2{font-size:1.1rem;margin:.2rem 0 .6rem}
        .subtitle{color:#4a5568;font-size:1.1rem;margin-top:0}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;font-size:.9rem;color:#4a5568}
        dl.meta dt{font-weight:600}dl.meta dd{margin:0}
        mark.quote{background:#fff3b0;padding:0 .1rem;border-bottom:2px solid #e0b000}
        .attribution{font-size:.8rem;margin-left:.2rem;white-space:nowrap}
        a.speaker{color:#8a5a00;font-weight:600}
        a.entity{text-decoration:none;border-bottom:2px solid;padding:0 .05rem}
        a.entity-person{color:#1a5fb4;border-color:#99c1f1}a.entity-organization{color:#26734d;border-color:#8ff0a4}
        a.entity-location{color:#813d9c;border-color:#dc8add}
        details.boilerplate{border:1px dashed #b0b7c3;border-radius:6px;padding:.4rem .8rem;background:#fafafa;margin-top:1rem}
        details.boilerplate summary{cursor:pointer;color:#4a5568}
        .reason{display:inline-block;font:600 .75rem/1.6 ui-monospace,monospace;background:#e9ecf1;border-radius:4px;padding:0 .35rem;margin:0 .1rem}
        .removed{color:#6b7280}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#4a5568}
        input,select,button{font:inherit;padding:.25rem .4rem}
        .status-failed{color:#b42318;font-weight:600}.error{color:#b42318}
        .pager{margin:.8rem 0;display:flex;gap:1rem}code{font:.85rem ui-monospace,monospace}
        .op{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.6rem 1rem;margin-bottom:.8rem}
        .method{font:700 .8rem ui-monospace,monospace;padding:.1rem .4rem;border-radius:4px;background:#1d3557;color:#fff;margin-right:.4rem}
        @media (max-width:900px){.layout{grid-template-columns:1fr}}
        """;

    /// <summary>
    /// The Content-Security-Policy of every page: nothing may load or run but the one inline style sheet (by its hash), and
    /// forms go only to this app. A script that escaping missed would still not run; the escaping itself is tested apart.
    /// </summary>
    internal static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>A whole page: layout, navigation, <paramref name="content"/> (already escaped markup).</summary>
    /// <param name="title">The page title (escaped here).</param>
    /// <param name="content">The main content, written by an <see cref="HtmlWriter"/>.</param>
    /// <param name="links">The links of the request (they carry its function key).</param>
    /// <param name="status">The HTTP status.</param>
    public static IActionResult Page(string title, HtmlWriter content, UiLinks links, int status = StatusCodes.Status200OK)
    {
        var page = new HtmlWriter()
            .Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Element("title", title + " · Ingest")
            .Raw("<style>").Raw(Style).Raw("</style></head><body><header>")
            .Link(links.Articles(), "Ingest", "brand")
            .Link(links.Articles(), "Articles")
            .Link(links.Failures(), "Failures")
            .Link(links.Docs(), "API")
            .Raw("</header><main>")
            .Raw(content.ToString())
            .Raw("</main></body></html>");
        return new HtmlResult(page.ToString(), status);
    }

    /// <summary>A page that says what was wrong with the request (the API's error code and message).</summary>
    public static IActionResult Error(Http.ApiError error, UiLinks links, int status)
    {
        var content = new HtmlWriter().Open("div", ("class", "panel")).Element("h1", status == 404 ? "Not found" : "Cannot show this page")
            .Open("p", ("class", "error")).Element("code", error.Code).Raw(" ").Text(error.Message).Close("p").Close("div");
        return Page(status == 404 ? "Not found" : "Error", content, links, status);
    }

    /// <summary>An HTML answer with the security headers of <see cref="ContentSecurityPolicy"/>.</summary>
    private sealed class HtmlResult(string html, int status) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            if (status == StatusCodes.Status503ServiceUnavailable)
                response.Headers.RetryAfter = Http.ApiResults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await response.WriteAsync(html, Encoding.UTF8, context.HttpContext.RequestAborted);
        }
    }
}

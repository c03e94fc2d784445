using System.Collections.Frozen;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// Tag and class/id vocabularies of main-content extraction: data, not logic (trafilatura's <c>xpaths.py</c>,
/// Readability's regexes). Class and id values are split into lower-case tokens at anything that is not a
/// letter or digit; a rule matches a token exactly or as its prefix.
/// </summary>
internal static class HtmlVocabulary
{
    /// <summary>Elements that never hold article text; skipped with their content.</summary>
    public static readonly FrozenSet<string> DropTags = FrozenSet.ToFrozenSet(
    [
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select", "input", "textarea",
        "option", "object", "embed", "video", "audio", "map", "head", "link", "meta", "nav", "aside", "footer", "dialog",
        "picture", "source", "math", "menu", "frame", "frameset", "applet", "label", "fieldset",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Elements that start a new block of text (everything else is inline).</summary>
    public static readonly FrozenSet<string> BlockTags = FrozenSet.ToFrozenSet(
    [
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
        "dd", "blockquote", "figure", "figcaption", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "hr", "address", "center", "details", "summary", "form", "body", "html", "hgroup",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Paragraph-like elements: their score goes to their parent, not to themselves.</summary>
    public static readonly FrozenSet<string> ParagraphTags = FrozenSet.ToFrozenSet(
        ["p", "pre", "td", "blockquote", "li", "dd"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whole class names of elements hidden from readers (screen-reader text, collapsed widgets); "hidden-xs" style
    /// names hide only at some screen sizes and do not count.</summary>
    public static readonly FrozenSet<string> HiddenClasses = FrozenSet.ToFrozenSet(
    [
        "hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only", "invisible",
        "offscreen", "element-invisible", "is-hidden", "u-hidden", "hide", "d-none", "display-none",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Token prefixes of class/id values that mark boilerplate, with the reason recorded.</summary>
    public static readonly (string Prefix, string Reason)[] BoilerplatePrefixes =
    [
        ("comment", "comments"), ("disqus", "comments"), ("discussion", "comments"),
        ("share", "share"), ("sharing", "share"), ("social", "share"), ("addthis", "share"), ("sharethis", "share"),
        ("related", "related"), ("recommend", "related"), ("recirc", "related"), ("outbrain", "related"), ("taboola", "related"),
        ("zergnet", "related"), ("trending", "related"), ("popular", "related"), ("mostread", "related"), ("morestories", "related"),
        ("newsletter", "newsletter"), ("subscri", "newsletter"), ("signup", "newsletter"), ("optin", "newsletter"),
        ("cookie", "cookie"), ("consent", "cookie"), ("gdpr", "cookie"), ("onetrust", "cookie"), ("didomi", "cookie"),
        ("advert", "ad"), ("sponsor", "ad"), ("dfp", "ad"), ("adslot", "ad"), ("adunit", "ad"), ("adwrap", "ad"), ("adcontainer", "ad"),
        ("promo", "promo"), ("paywall", "promo"), ("donat", "promo"), ("membership", "promo"),
        ("popup", "popup"), ("modal", "popup"), ("overlay", "popup"), ("lightbox", "popup"), ("interstitial", "popup"),
        ("privacy", "cookie"), ("truste", "cookie"),
        ("sidebar", "navigation"), ("widget", "navigation"), ("breadcrumb", "navigation"), ("navbar", "navigation"),
        ("navigation", "navigation"), ("pagination", "navigation"), ("masthead", "navigation"), ("footer", "navigation"),
        ("caption", "caption"), ("credit", "caption"), ("nocontent", "chrome"), ("disclaimer", "legal"), ("copyright", "licence"), ("citation", "legal"), ("noscript", "chrome"),
        ("authorbio", "author-bio"), ("author-bio", "author-bio"), ("aboutauthor", "author-bio"),
    ];

    /// <summary>Exact class/id tokens that mark boilerplate.</summary>
    public static readonly FrozenDictionary<string, string> BoilerplateTokens = new Dictionary<string, string>
    {
        ["respond"] = "comments", ["replies"] = "comments", ["reply"] = "comments",
        ["ad"] = "ad", ["ads"] = "ad", ["adsense"] = "ad", ["gpt"] = "ad",
        ["nav"] = "navigation", ["menu"] = "navigation", ["tags"] = "navigation", ["tag"] = "navigation", ["topics"] = "navigation",
        ["pager"] = "navigation", ["skip"] = "navigation", ["toolbar"] = "share", ["tools"] = "share",
        ["bio"] = "author-bio", ["cmp"] = "cookie", ["banner"] = "promo", ["login"] = "promo", ["readmore"] = "related",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>ARIA roles of page chrome (landmarks other than main and article, dialogs), with the reason recorded.</summary>
    public static readonly FrozenDictionary<string, string> BoilerplateRoles = new Dictionary<string, string>
    {
        ["navigation"] = "navigation", ["contentinfo"] = "navigation", ["complementary"] = "navigation", ["search"] = "navigation",
        ["menu"] = "navigation", ["menubar"] = "navigation", ["toolbar"] = "share", ["dialog"] = "popup", ["alertdialog"] = "popup",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tokens that a boilerplate prefix would match but that name article content.</summary>
    public static readonly FrozenSet<string> NotBoilerplate = FrozenSet.ToFrozenSet(
        ["commentary", "commentaries", "sharedcontent", "promoted", "subscriber", "subscribers", "creditcard"], StringComparer.Ordinal);

    /// <summary>Token prefixes that keep an element whatever else its class says: embedded posts (a tweet in a
    /// "social-media-embed" box) are article content.</summary>
    public static readonly string[] ContentPrefixes = ["embed", "tweet", "instagram"];

    /// <summary>Class/id token prefixes of a lead or teaser container that holds the article's first paragraph.</summary>
    public static readonly string[] LeadPrefixes = ["lead", "intro", "teaser", "summary", "standfirst", "excerpt", "abstract", "chapo", "dek"];

    /// <summary>Heading texts (lower case, without a trailing colon or ellipsis) that introduce a list of other stories.</summary>
    public static readonly FrozenSet<string> RelatedHeadings = FrozenSet.ToFrozenSet(
    [
        "related", "related articles", "related stories", "related posts", "related news", "related content", "related coverage",
        "related links", "you may also like", "you might also like", "you may be interested in", "you might be interested in",
        "more stories", "more from", "more news", "read more", "read next", "recommended", "recommended for you",
        "most popular", "most read", "trending", "trending now", "also read", "see also", "further reading", "more on this story",
        "don't miss", "editor's picks", "top stories", "latest news", "popular posts", "recent posts",
        // de, fr, es, pt, it, nl, ru, ja, zh, ko
        "lesen sie auch", "mehr zum thema", "das könnte sie auch interessieren", "weitere artikel", "meistgelesen",
        "à lire aussi", "lire aussi", "sur le même sujet", "les plus lus", "à voir aussi",
        "te puede interesar", "lee también", "noticias relacionadas", "también te puede interesar", "lo más leído",
        "você pode gostar", "leia também", "veja também", "notícias relacionadas", "mais lidas",
        "potrebbe interessarti", "leggi anche", "articoli correlati", "lees ook", "gerelateerde artikelen",
        "читайте также", "похожие статьи", "популярное", "関連記事", "相关文章", "相关阅读", "관련 기사", "관련기사",
    ], StringComparer.Ordinal);

    /// <summary>Last words of "More … stories" style headings.</summary>
    public static readonly string[] RelatedHeadingEnds = ["stories", "articles", "news", "posts", "videos", "reads", "coverage"];

    /// <summary>Words of newspaper mastheads and staff credits that never end a person's name ("Harbor City Ledger").</summary>
    public static readonly FrozenSet<string> MastheadWords = FrozenSet.ToFrozenSet(
    [
        "Beacon", "Ledger", "Courier", "Daily", "Weekly", "Record", "Star", "Sun", "Mail", "Today", "Report", "Reporter", "Dispatch",
        "Monitor", "Examiner", "Standard", "Globe", "Bulletin", "Sentinel", "Register", "Voice", "Wire", "Insider", "Online",
        "Digital", "Staff", "Desk", "Editors", "Editorial", "Newsroom", "Blog",
    ], StringComparer.Ordinal);

    /// <summary>Whole-block texts that label an ad slot.</summary>
    public static readonly FrozenSet<string> AdLabels = FrozenSet.ToFrozenSet(
    [
        "advertisement", "advert", "ad", "ads", "sponsored", "anzeige", "werbung", "publicité", "publicidad", "publicidade",
        "pubblicità", "реклама", "advertentie", "annons", "reklame", "reklama", "广告", "広告", "광고",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Class/id tokens (prefix) that suggest article content (Readability's positive set, trafilatura's body xpaths).</summary>
    public static readonly string[] PositivePrefixes =
    [
        "article", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story", "prose", "richtext", "instapaper",
    ];

    /// <summary>Class/id tokens (prefix) that suggest chrome (Readability's negative set).</summary>
    public static readonly string[] NegativePrefixes =
    [
        "hidden", "banner", "combx", "comment", "contact", "foot", "masthead", "media", "meta", "outbrain", "promo", "related",
        "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline", "author",
        "dateline", "nav", "menu", "header",
    ];
}

using AngleSharp.Dom;

namespace Ingest.Core.Stages.Html;

/// <summary>What one pass over the DOM learns about an element: skipped or not, boilerplate by class, and text counts.</summary>
internal sealed class ElementFacts
{
    /// <summary>Never content: a drop tag, hidden, or a form without paragraphs. Skipped with its subtree.</summary>
    public bool Dropped { get; set; }
    /// <summary>Links in the subtree outside boilerplate.</summary>
    public int Links { get; set; }
    /// <summary>Reason when the element's own class or id names boilerplate ("comments", "share" …), else null.</summary>
    public string? OwnBoilerplate { get; set; }
    /// <summary>The element or an ancestor names boilerplate.</summary>
    public bool InBoilerplate { get; set; }
    /// <summary>Starts a new block of text (see <see cref="HtmlVocabulary.BlockTags"/>).</summary>
    public bool IsBlock { get; init; }
    /// <summary>Characters of text in the subtree outside boilerplate (whitespace runs count one).</summary>
    public int Text { get; set; }
    /// <summary>Of <see cref="Text"/>, characters inside links.</summary>
    public int LinkText { get; set; }
    /// <summary>Characters of text not inside a block child: the element's own paragraph text.</summary>
    public int OwnText { get; set; }
    public int OwnLinkText { get; set; }
    public int OwnCommas { get; set; }

    public double LinkDensity => Text == 0 ? 0 : Math.Min(1.0, (double)LinkText / Text);
    public double OwnLinkDensity => OwnText == 0 ? 0 : Math.Min(1.0, (double)OwnLinkText / OwnText);
}

/// <summary>
/// One bottom-up pass over the page that classifies every element (dropped, boilerplate by class, block or inline)
/// and counts its text, link text and commas, so scoring and emission never re-read <c>TextContent</c>.
/// </summary>
internal sealed class PageFacts
{
    private readonly Dictionary<IElement, ElementFacts> _facts = new(ReferenceEqualityComparer.Instance);
    // Class values repeat across a page (every list item, every share button): classify each value once.
    private readonly Dictionary<string, string?> _classReasons = new(StringComparer.Ordinal);
    private readonly HtmlOptions _options;
    private readonly int _pageParagraphText;

    private PageFacts(HtmlOptions options, int pageParagraphText)
    {
        _options = options;
        _pageParagraphText = pageParagraphText;
    }

    /// <summary>Facts of every element under <paramref name="root"/>.</summary>
    public static PageFacts Analyze(IElement root, HtmlOptions options)
    {
        var facts = new PageFacts(options, ParagraphText(root));
        facts.Visit(root, inBoilerplate: false);
        return facts;
    }

    /// <summary>Facts of <paramref name="element"/>, or null when it lies inside a dropped element.</summary>
    public ElementFacts? Get(IElement element) => _facts.GetValueOrDefault(element);

    /// <summary>Every visited element with its facts, children before parents.</summary>
    public IEnumerable<KeyValuePair<IElement, ElementFacts>> All => _facts;

    private ElementFacts Visit(IElement element, bool inBoilerplate, string? forcedReason = null)
    {
        string tag = element.LocalName;
        if (IsDropped(element, tag))
        {
            var dropped = new ElementFacts { Dropped = true };
            _facts[element] = dropped;
            return dropped;
        }
        var facts = new ElementFacts { IsBlock = HtmlVocabulary.BlockTags.Contains(tag) };
        if (_options.UseClassRules && !inBoilerplate)
            facts.OwnBoilerplate = forcedReason ?? BoilerplateReason(element, tag);
        facts.InBoilerplate = inBoilerplate || facts.OwnBoilerplate is not null;
        bool isLink = tag == "a";

        // After a "Related stories" heading, its following siblings (up to the next heading) are that list.
        string? followReason = null;
        foreach (var node in element.ChildNodes)
        {
            if (node.NodeType == NodeType.Text)
            {
                int commas = 0;
                int n = CountText(node.TextContent, ref commas);
                facts.Text += n;
                facts.OwnText += n;
                facts.OwnCommas += commas;
                if (isLink)
                {
                    facts.LinkText += n;
                    facts.OwnLinkText += n;
                }
            }
            else if (node is IElement child)
            {
                bool heading = MainContent.IsHeading(child);
                if (heading)
                    followReason = null;
                var c = Visit(child, facts.InBoilerplate, followReason);
                if (heading && _options.UseClassRules && !facts.InBoilerplate && RelatedHeading(child, c))
                {
                    c.OwnBoilerplate ??= "related";
                    c.InBoilerplate = true;
                    followReason = "related";
                }
                if (c.Dropped || (c.OwnBoilerplate is not null && !facts.InBoilerplate))
                    continue;
                facts.Text += c.Text;
                facts.Links += c.Links;
                facts.LinkText += isLink ? c.Text : c.LinkText;
                if (!c.IsBlock)
                {
                    facts.OwnText += c.Text;
                    facts.OwnLinkText += isLink ? c.Text : c.LinkText;
                    facts.OwnCommas += c.OwnCommas;
                }
            }
        }
        if (isLink)
            facts.Links++;
        // A hover card inside a paragraph (a span of several links and nothing else): hidden until hovered.
        if (!facts.IsBlock && !isLink && facts.Links >= HtmlOptions.HoverCardLinks && facts.Text - facts.LinkText <= facts.Links + 1)
            facts.Dropped = true;
        _facts[element] = facts;
        return facts;
    }

    /// <summary>A heading that introduces a list of other stories, by its class or its words.</summary>
    private static bool RelatedHeading(IElement heading, ElementFacts facts)
    {
        if (facts.OwnBoilerplate == "related")
            return true;
        if (facts.Text > HtmlOptions.MaxRelatedHeadingChars)
            return false;
        string text = TextNormalizer.Normalize(heading.TextContent).TrimEnd(':', '.', '…', ' ').ToLowerInvariant();
        if (HtmlVocabulary.RelatedHeadings.Contains(text))
            return true;
        // "More great stories", "More from our newsroom", "Related video": the open-ended forms.
        return (text.StartsWith("more ", StringComparison.Ordinal) && HtmlVocabulary.RelatedHeadingEnds.Any(e => text.EndsWith(e, StringComparison.Ordinal)))
               || text.StartsWith("related ", StringComparison.Ordinal);
    }

    private bool IsDropped(IElement element, string tag)
    {
        if (HtmlVocabulary.DropTags.Contains(tag))
            return true;
        if (tag == "form")
            return !element.QuerySelectorAll("p").Any(p => p.TextContent.Length > HtmlOptions.FormMaxParagraphChars);
        return _options.DropHidden && IsHidden(element);
    }

    /// <summary>
    /// Whether a reader never sees <paramref name="element"/>: a <c>hidden</c> attribute, <c>aria-hidden="true"</c>, an
    /// inline style with <c>display:none</c> or <c>visibility:hidden</c>, or a class of <see cref="HtmlVocabulary.HiddenClasses"/>
    /// ("sr-only", "visually-hidden" and the like). The one test of hiddenness for main-content selection and the chrome
    /// text the block emitter lists.
    /// </summary>
    internal static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
            return true;
        if (element.GetAttribute("style") is { } style && IsHiddenStyle(style))
            return true;
        if (element.ClassName is { Length: > 0 } cls)
        {
            foreach (var name in cls.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (HtmlVocabulary.HiddenClasses.Contains(name))
                    return true;
            }
        }
        return false;
    }

    private static bool IsHiddenStyle(string style)
    {
        string s = style.Replace(" ", "", StringComparison.Ordinal);
        return s.Contains("display:none", StringComparison.OrdinalIgnoreCase) || s.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }

    private string? BoilerplateReason(IElement element, string tag)
    {
        if (tag is "html" or "body" or "main" || element.GetAttribute("itemprop") is "articleBody" or "text")
            return null;
        string? reason = CachedReason(element.ClassName) ?? CachedReason(element.Id);
        if (reason is null && element.GetAttribute("role") is { } role)
            HtmlVocabulary.BoilerplateRoles.TryGetValue(role, out reason);
        if (reason is null)
            return reason;
        // A comment section never holds the headline; a wrapper classed "comments-open" does.
        if (reason == "comments")
            return element.QuerySelector("h1") is null ? reason : null;
        // A wrapper whose class merely mentions a sidebar or a promo can still hold the article.
        int inside = ParagraphText(element);
        return inside > HtmlOptions.MaxBoilerplateShare * _pageParagraphText && inside > 0 ? null : reason;
    }

    private string? CachedReason(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (!_classReasons.TryGetValue(value, out var reason))
            _classReasons[value] = reason = ClassReason(value);
        return reason;
    }

    /// <summary>The boilerplate reason named by a class or id value, or null.</summary>
    internal static string? ClassReason(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        string? found = null;
        foreach (var token in Tokens(value))
        {
            if (HtmlVocabulary.ContentPrefixes.Any(p => token.StartsWith(p, StringComparison.Ordinal)))
                return null;
            found ??= TokenReason(token);
        }
        return found;
    }

    private static string? TokenReason(string token)
    {
        if (HtmlVocabulary.NotBoilerplate.Contains(token))
            return null;
        if (HtmlVocabulary.BoilerplateTokens.TryGetValue(token, out var exact))
            return exact;
        foreach (var (prefix, reason) in HtmlVocabulary.BoilerplatePrefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
                return reason;
        }
        return null;
    }

    /// <summary>Lower-case tokens of a class or id value, split at anything that is not a letter or digit.</summary>
    internal static IEnumerable<string> Tokens(string value)
    {
        int start = -1;
        for (int i = 0; i <= value.Length; i++)
        {
            bool word = i < value.Length && char.IsLetterOrDigit(value[i]);
            if (word && start < 0)
                start = i;
            else if (!word && start >= 0)
            {
                yield return value[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Characters of the text with each whitespace run counted once; counts commas (Latin and CJK).</summary>
    internal static int CountText(string text, ref int commas)
    {
        int n = 0;
        bool space = true;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                    n++;
                space = true;
                continue;
            }
            space = false;
            n++;
            if (c is ',' or '，' or '、' or '،')
                commas++;
        }
        return n;
    }

    private static int ParagraphText(IElement root) => root.QuerySelectorAll("p").Sum(p => p.TextContent.Length);
}

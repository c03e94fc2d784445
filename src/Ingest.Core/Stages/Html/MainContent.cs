using AngleSharp.Dom;

namespace Ingest.Core.Stages.Html;

/// <summary>
/// Finds the elements that hold the article text (Readability's algorithm over <see cref="PageFacts"/>): every
/// paragraph-sized text run scores its ancestors; class/id and tag weigh the candidates; link density discounts
/// them; the top candidate moves up when near-equal candidates share an ancestor; siblings that score well or
/// read as prose join it (a lead paragraph in its own container, a teaser above the body).
/// </summary>
internal static class MainContent
{
    /// <summary>The content roots in document order; the body when nothing scores.</summary>
    public static IReadOnlyList<IElement> Find(IElement body, PageFacts facts)
    {
        var scores = Score(body, facts);
        if (scores.Count == 0)
            return [body];
        IElement top = null!;
        double topScore = double.MinValue;
        foreach (var (element, raw) in scores)
        {
            double score = raw * (1 - facts.Get(element)!.LinkDensity);
            scores[element] = score;
            if (score > topScore)
            {
                top = element;
                topScore = score;
            }
        }
        top = MoveUp(top, body, scores);
        return WithSiblings(top, body, scores, facts);
    }

    private static Dictionary<IElement, double> Score(IElement body, PageFacts facts)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        foreach (var (element, f) in facts.All)
        {
            if (f.Dropped || f.InBoilerplate || !f.IsBlock || f.OwnText < HtmlOptions.MinUnitChars)
                continue;
            double unit = (1 + f.OwnCommas + Math.Min(f.OwnText / HtmlOptions.CharsPerPoint, HtmlOptions.MaxLengthPoints))
                          * (1 - f.OwnLinkDensity);
            var ancestor = HtmlVocabulary.ParagraphTags.Contains(element.LocalName) ? element.ParentElement : element;
            for (int level = 0; ancestor is not null && level < HtmlOptions.ScoreAncestorLevels; level++)
            {
                if (!scores.TryGetValue(ancestor, out double s))
                    s = InitialScore(ancestor);
                double divider = level switch { 0 => 1, 1 => 2, _ => level * 3 };
                scores[ancestor] = s + unit / divider;
                if (ancestor == body)
                    break;
                ancestor = ancestor.ParentElement;
            }
        }
        return scores;
    }

    private static double InitialScore(IElement e)
    {
        double score = e.LocalName switch
        {
            "div" or "article" or "section" or "main" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if (e.LocalName == "article" || e.GetAttribute("itemprop") == "articleBody")
            score += HtmlOptions.ClassWeight / 2;
        return score + ClassWeight(e.ClassName) + ClassWeight(e.Id);
    }

    /// <summary>Readability's class weight: +25 for a content-like class or id, -25 for a chrome-like one.</summary>
    internal static double ClassWeight(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return 0;
        double weight = 0;
        bool negative = false, positive = false;
        foreach (var token in PageFacts.Tokens(value))
        {
            if (!negative && HtmlVocabulary.NegativePrefixes.Any(p => token.StartsWith(p, StringComparison.Ordinal)))
                negative = true;
            if (!positive && HtmlVocabulary.PositivePrefixes.Any(p => token.StartsWith(p, StringComparison.Ordinal)))
                positive = true;
        }
        if (negative)
            weight -= HtmlOptions.ClassWeight;
        if (positive)
            weight += HtmlOptions.ClassWeight;
        return weight;
    }

    private static IElement MoveUp(IElement top, IElement body, Dictionary<IElement, double> scores)
    {
        double topScore = scores[top];
        // Near-equal candidates that share an ancestor: the article is split into several containers.
        var alternatives = scores.Where(kv => kv.Key != top && kv.Value >= topScore * HtmlOptions.AlternativeCandidateShare)
            .OrderByDescending(kv => kv.Value).Take(4).Select(kv => kv.Key).ToList();
        if (alternatives.Count >= HtmlOptions.MinAlternativeCandidates)
        {
            for (var parent = top.ParentElement; parent is not null && parent != body.ParentElement; parent = parent.ParentElement)
            {
                if (alternatives.Count(a => parent.Contains(a)) >= HtmlOptions.MinAlternativeCandidates)
                {
                    top = parent;
                    break;
                }
            }
        }
        // Climb while the parent scores better: the top was one section of the article.
        double last = scores.GetValueOrDefault(top, topScore);
        for (var parent = top.ParentElement; parent is not null && parent != body && parent != body.ParentElement; parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out double ps))
                continue;
            if (ps < last / 3)
                break;
            if (ps > last)
            {
                top = parent;
                break;
            }
            last = ps;
        }
        while (top != body && top.ParentElement is { } only && only != body && only.Children.Length == 1)
            top = only;
        return top;
    }

    private static List<IElement> WithSiblings(IElement top, IElement body, Dictionary<IElement, double> scores, PageFacts facts)
    {
        if (top == body || top.ParentElement is not { } parent)
            return [top];
        double topScore = scores.GetValueOrDefault(top);
        double threshold = Math.Max(HtmlOptions.MinSiblingScore, topScore * HtmlOptions.SiblingScoreShare);
        var roots = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top)
            {
                roots.Add(sibling);
                continue;
            }
            var f = facts.Get(sibling);
            if (f is null || f.Dropped || f.InBoilerplate || f.Text == 0)
                continue;
            double bonus = !string.IsNullOrEmpty(top.ClassName) && sibling.ClassName == top.ClassName ? topScore * HtmlOptions.SiblingScoreShare : 0;
            if (scores.TryGetValue(sibling, out double s) && s + bonus >= threshold)
            {
                roots.Add(sibling);
                continue;
            }
            if (IsProse(sibling, f) || IsLead(sibling, f))
                roots.Add(sibling);
        }
        // A lead paragraph kept in its own container above the body's parent.
        var leads = new List<IElement>();
        for (var (child, level) = (parent, 0); level < HtmlOptions.LeadSearchLevels && child.ParentElement is { } up && child != body; (child, level) = (up, level + 1))
        {
            foreach (var sibling in up.Children)
            {
                if (sibling == child)
                    break;
                if (facts.Get(sibling) is { Dropped: false, InBoilerplate: false } f && IsLead(sibling, f))
                    leads.Add(sibling);
            }
        }
        leads.Sort((a, b) => a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following) ? -1 : 1);
        return [.. leads, .. roots];
    }

    /// <summary>Readability's test for a sibling paragraph: long with few links, or a short link-free sentence.</summary>
    private static bool IsProse(IElement e, ElementFacts f)
    {
        if (e.LocalName != "p")
            return false;
        if (f.Text > HtmlOptions.SiblingParagraphChars && f.LinkDensity < HtmlOptions.MaxSiblingLinkDensity)
            return true;
        if (f.LinkText > 0)
            return false;
        string text = e.TextContent.Trim();
        return text.Length > 0 && (text.EndsWith('.') || text.Contains(". ", StringComparison.Ordinal));
    }

    /// <summary>A lead or teaser container (class "lead", "intro", "teaser" …) holding prose.</summary>
    private static bool IsLead(IElement e, ElementFacts f) =>
        f.Text > HtmlOptions.SiblingParagraphChars && f.LinkDensity < HtmlOptions.MaxSiblingLinkDensity && !IsHeading(e)
        && HasPrefix(e.ClassName, HtmlVocabulary.LeadPrefixes) | HasPrefix(e.Id, HtmlVocabulary.LeadPrefixes);

    private static bool HasPrefix(string? value, string[] prefixes) =>
        !string.IsNullOrEmpty(value) && PageFacts.Tokens(value).Any(t => prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)));

    internal static bool IsHeading(IElement e) => e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
}

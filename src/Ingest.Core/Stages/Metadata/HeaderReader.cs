using Ingest.Core.Document;
using static Ingest.Core.Stages.Metadata.MetadataPatterns;

namespace Ingest.Core.Stages.Metadata;

/// <summary>The header-reading steps of <see cref="ZonesStage"/> over one document's blocks, zones and roles.</summary>
internal sealed class HeaderReader(BlockList blocks, HeaderZones zones, BlockRoles roles, Pipeline.ZonesOptions options)
{
    /// <summary>The first block when it reads as a masthead (a short site name without sentence end), else null.</summary>
    public string? Masthead()
    {
        if (blocks.Count == 0 || !roles.IsBody(0))
            return null;
        string text = blocks[0].Text;
        if (BlockShape.Words(text) <= 6 && !BlockShape.EndsSentence(text) && !BlockShape.IsNavigation(text) && !text.Contains(':')
            && text.Count(char.IsUpper) >= 1 && !BlockShape.IsDateLine(text))
            return text.Any(char.IsLower) ? text : Outlets.TitleCase(text);
        return null;
    }

    /// <summary>Index of the first block of running text: prose followed by prose, or long on its own.</summary>
    public int FindBodyStart()
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            string text = blocks[i].Text;
            if (!roles.IsBody(i) || !BlockShape.IsProse(text) || BlockShape.BylineMatch(text).Success)
                continue;
            int next = NextBody(i);
            bool followed = next >= 0 && BlockShape.IsProse(blocks[next].Text);
            if (!followed && BlockShape.Words(text) < options.LoneBodyStartWords)
                continue;
            return i;
        }
        for (int i = 0; i < blocks.Count; i++)
            if (roles.IsBody(i) && BlockShape.IsProse(blocks[i].Text))
                return i;
        for (int i = 0; i < blocks.Count; i++)
            if (roles.IsBody(i))
                return i;
        return blocks.Count;
    }

    private int NextBody(int i)
    {
        for (int j = i + 1; j < blocks.Count; j++)
            if (roles.IsBody(j))
                return j;
        return -1;
    }

    /// <summary>Gives bylines, author lines and date lines of the header zone their role, taking authors and the date from them.</summary>
    public void MarkHeaderLines(int bodyStart)
    {
        int end = Math.Min(Math.Max(bodyStart, 0), Math.Min(blocks.Count, options.HeaderScanBlocks));
        for (int i = 0; i < end; i++)
        {
            if (zones.RoleOf(i) != BlockRole.Body)
                continue;
            string text = blocks[i].Text;
            bool body = roles.IsBody(i);
            var by = BlockShape.BylineMatch(text);
            if (by.Success && BlockShape.Words(text) <= options.MaxBylineWords)
            {
                Authors.Add(zones.Authors.Count == 0 ? zones.Authors : [], by.Groups["names"].Value, zones.SourceLabels);
                zones.PublishedAt ??= DateParser.Find(text);
                zones.SetRole(i, BlockRole.Byline, "byline");
                continue;
            }
            if (body && BlockShape.IsDateLine(text))
            {
                zones.PublishedAt ??= DateParser.Find(text);
                zones.SetRole(i, BlockRole.Byline, "date");
                var trailing = DateLineSource().Match(text);
                if (trailing.Success)
                    zones.SourceLabels.Add(trailing.Groups["name"].Value);
                continue;
            }
            if (!body && DateParser.Find(text) is { } d && BlockShape.Words(text) <= options.MaxDateBlockWords)
                zones.PublishedAt ??= d;
            if (body && (Authors.IsPersonLine(text) || AuthorAffiliation().Match(text) is { Success: true }))
            {
                var aff = AuthorAffiliation().Match(text);
                string name = aff.Success ? aff.Groups["name"].Value : text;
                if (Authors.IsPersonLine(name) && i > 0)
                {
                    if (zones.Authors.Count == 0)
                        Authors.Add(zones.Authors, name);
                    zones.SetRole(i, BlockRole.Byline, "byline");
                }
            }
        }
    }

    /// <summary>Finds the headline, and the dek after it, in the header zone (or by the hinted title).</summary>
    /// <returns>Index of the headline block, or -1.</returns>
    public int FindTitle(HintSet hints, int bodyStart)
    {
        string? hinted = hints.First(HintKeys.Title);
        if (hinted is not null)
        {
            string clean = Outlets.CleanTitle(TextNormalizer.Normalize(hinted), hints.First(HintKeys.SiteName));
            string key = TextNormalizer.Key(clean);
            int found = -1;
            for (int i = 0; i < blocks.Count && key.Length > 0; i++)
                if (zones.RoleOf(i) == BlockRole.Body && TextNormalizer.Key(blocks[i].Text) == key)
                {
                    found = i;
                    break;
                }
            zones.Title = found >= 0 ? blocks[found].Text : clean;
            if (found >= 0)
            {
                zones.SetRole(found, BlockRole.Title);
                TakeDek(found, bodyStart);
            }
            return found;
        }
        if (IsHtmlPage)
        {
            for (int i = 0; i < blocks.Count; i++)
                if (blocks[i].Kind == BlockKind.Heading && blocks[i].Level == 1 && roles.IsBody(i))
                {
                    zones.SetRole(i, BlockRole.Title);
                    zones.Title = blocks[i].Text;
                    return i;
                }
            return -1;
        }

        var candidates = new List<int>();
        int limit = Math.Min(bodyStart, blocks.Count);
        for (int i = 0; i < limit; i++)
        {
            if (zones.RoleOf(i) == BlockRole.Byline && zones.ReasonOf(i) == "byline" && candidates.Count > 0)
            {
                limit = i;
                break;
            }
            if (roles.IsBody(i) && BlockShape.IsHeadline(blocks[i].Text) && !BlockShape.IsDateLine(blocks[i].Text))
                candidates.Add(i);
        }
        // Outlet and name labels ("The Harbor Gazette") are headlines only when nothing else is.
        if (candidates.Any(i => !BlockShape.IsNameLabel(blocks[i].Text)))
            candidates.RemoveAll(i => BlockShape.IsNameLabel(blocks[i].Text) && BlockShape.Words(blocks[i].Text) <= 4);
        // Markdown headings of level 1 win when there is one.
        int heading = candidates.FirstOrDefault(i => blocks[i].Kind == BlockKind.Heading && blocks[i].Level == 1, -1);
        if (candidates.Count == 0 && heading < 0)
        {
            int first = -1;
            for (int i = 0; i < blocks.Count && first < 0; i++)
                if (roles.IsBody(i))
                    first = i;
            if (first < 0 || BlockShape.Words(blocks[first].Text) > BlockShape.MaxHeadlineWords || first >= bodyStart && bodyStart < blocks.Count)
                return -1;
            candidates.Add(first);
        }
        int x = heading >= 0 ? heading : candidates.Where(i => i < limit).DefaultIfEmpty(candidates[0]).Last();
        int title = x;
        // A dek right after its headline: the two blocks are adjacent, and the later one reads as the dek.
        if (heading < 0 && x > 0 && candidates.Contains(x - 1) && IsDekOf(blocks[x].Text, blocks[x - 1].Text))
            title = x - 1;
        zones.SetRole(title, BlockRole.Title);
        zones.Title = blocks[title].Text;
        if (title != x)
        {
            zones.SetRole(x, BlockRole.Standfirst);
            zones.Subtitle = blocks[x].Text;
        }
        else
        {
            TakeDek(title, bodyStart);
        }
        return title;
    }

    /// <summary>Whether the document is an HTML page (set by <see cref="ZonesStage"/> before <see cref="FindTitle"/>).</summary>
    public bool IsHtmlPage { get; init; }

    private void TakeDek(int title, int bodyStart)
    {
        if (zones.Subtitle is not null)
            return;
        int next = title + 1;
        if (next >= blocks.Count || next >= bodyStart && bodyStart > title + 1 || !roles.IsBody(next))
            return;
        string text = blocks[next].Text;
        // A finished sentence right under the headline is the lead, unless a byline or date line follows it.
        bool bylineNext = next + 1 < blocks.Count && zones.RoleOf(next + 1) == BlockRole.Byline;
        if (next < bodyStart && BlockShape.IsHeadline(text) && BlockShape.Words(text) >= 6 && !BlockShape.IsNameLabel(text)
            && !BlockShape.TrailingCredit(text).Success && (!BlockShape.EndsSentence(text) || bylineNext))
        {
            zones.SetRole(next, BlockRole.Standfirst);
            zones.Subtitle = text;
        }
    }

    /// <summary>Whether <paramref name="later"/> reads as the dek of headline <paramref name="earlier"/>.</summary>
    private static bool IsDekOf(string later, string earlier)
    {
        int lw = BlockShape.Words(later), ew = BlockShape.Words(earlier);
        if (lw < 6 || ew < 4)
            return false;
        return lw > ew || CapitalShare(earlier) > 0.6 && CapitalShare(later) < 0.5;
    }

    private static double CapitalShare(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetter)).ToList();
        return words.Count == 0 ? 0 : (double)words.Count(w => char.IsUpper(w.First(char.IsLetter))) / words.Count;
    }

    /// <summary>An HTML page's meta description that is a block of the page (not its first paragraph) is the standfirst.</summary>
    public void MatchHintedStandfirst(string dek)
    {
        string key = TextNormalizer.Key(dek);
        int title = -1, firstBody = -1, match = -1;
        for (int i = 0; i < blocks.Count; i++)
        {
            if (title < 0 && zones.RoleOf(i) == BlockRole.Title)
                title = i;
            if (firstBody < 0 && roles.IsBody(i))
                firstBody = i;
            if (match < 0 && roles.IsBody(i) && TextNormalizer.Key(blocks[i].Text) == key)
                match = i;
        }
        if (match >= 0 && (match != firstBody || title >= 0 && match == title + 1))
        {
            zones.SetRole(match, BlockRole.Standfirst);
            zones.Subtitle = blocks[match].Text;
        }
    }

    /// <summary>Bylines of embedded sections ("By Jane Doe and John Roe" under "From Harbor Wire:") leave the body.</summary>
    public void MarkEmbeddedBylines(int bodyStart)
    {
        for (int i = Math.Max(0, bodyStart); i < blocks.Count; i++)
        {
            string text = blocks[i].Text;
            if (roles.IsBody(i) && BlockShape.Words(text) <= options.MaxEmbeddedBylineWords && BlockShape.BylineMatch(text).Success
                && !BlockShape.EndsSentence(text.TrimEnd('*')))
                zones.SetRole(i, BlockRole.Byline);
        }
    }

    /// <summary>
    /// The first "From X:" line in the body marks a republished section; its outlet is the original source. Also between
    /// the headline and the body, where the header-chrome marks would otherwise take it for a masthead line: there it says
    /// that the whole text is X's.
    /// </summary>
    public void MarkSourceMarker()
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            bool header = i > zones.TitleIndex && i < zones.BodyStart && zones.RoleOf(i) == BlockRole.Body;
            if ((roles.IsBody(i) || header) && FromSource().Match(blocks[i].Text) is { Success: true } from)
            {
                zones.SetRole(i, BlockRole.SourceMarker);
                zones.SourceMarkerIndex = i;
                zones.MarkedSource = Outlets.Clean(from.Groups["name"].Value);
                return;
            }
        }
    }
}

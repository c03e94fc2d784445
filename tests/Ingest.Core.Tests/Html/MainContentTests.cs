using Ingest.Core.Document;
using static Ingest.Core.Tests.Html.HtmlFixture;

namespace Ingest.Core.Tests.Html;

public class MainContentTests
{
    private static string Paragraphs(int n, string prefix = "Para") =>
        string.Concat(Enumerable.Range(1, n).Select(i => $"<p>{prefix} {i}. {Prose}</p>"));

    [Fact]
    public void KeepsLeadParagraphInSeparateTeaserContainer()
    {
        var doc = Stage(Page($"""
            <article><h1>Bus network grows</h1>
              <div class="article-teaser"><p>Lead: riders will get three new routes from March, the city said, after a long debate.</p></div>
              <div class="meta-wrap"><div class="article-body">{Paragraphs(6)}</div></div>
            </article>
            """));
        string body = Body(doc);
        Assert.Contains("Lead: riders will get three new routes", body);
        Assert.Contains("Para 6.", body);
        Assert.True(body.IndexOf("Lead:", StringComparison.Ordinal) < body.IndexOf("Para 1.", StringComparison.Ordinal));
    }

    [Fact]
    public void LeavesOutRelatedStoriesAndTeaserLinkLists()
    {
        var record = Record(Page($"""
            <article><div class="story-body">{Paragraphs(5)}
              <div class="related-stories"><h3>Related</h3><ul><li><a href="/x">Ferry fares rise again</a></li><li><a href="/y">New depot plans unveiled</a></li></ul></div>
              <ul><li><a href="/z">Trains to run later on weekends from next month</a></li><li><a href="/w">City budget passes after a long night of debate</a></li></ul>
              {Paragraphs(2, "Tail")}</div></article>
            """));
        Assert.DoesNotContain("Ferry fares", record.Body);
        Assert.DoesNotContain("Trains to run later", record.Body);
        Assert.Contains("Tail 2.", record.Body);
        Assert.Contains(record.Boilerplate, b => b.Reason == "related");
    }

    [Fact]
    public void A_sidebar_and_a_form_inside_the_article_leave_the_body_and_are_listed_with_their_reasons()
    {
        var record = Record(Page($"""
            <article><h1>Bus network grows</h1>{Paragraphs(3)}
              <aside class="promo"><p>Get the morning briefing in your inbox every day.</p><script>track('x')</script></aside>
              <form><p>Your email address</p></form>
              <aside hidden><p>A hidden teaser nobody sees.</p></aside>
              <aside style="display: none"><p>A styled-away teaser nobody sees.</p></aside>
              <nav><a href="/prev">Previous story</a><span style="visibility:hidden">Invisible label</span></nav>
              {Paragraphs(2, "Tail")}</article>
            """));
        Assert.DoesNotContain("morning briefing", record.Body);
        Assert.Contains(new BoilerplateItem("Previous story", "navigation"), record.Boilerplate);
        Assert.DoesNotContain(record.Boilerplate, b => b.Text.Contains("styled-away", StringComparison.Ordinal) || b.Text.Contains("Invisible", StringComparison.Ordinal));
        Assert.Contains("Tail 2.", record.Body);
        Assert.Contains(new BoilerplateItem("Get the morning briefing in your inbox every day.", "aside"), record.Boilerplate);
        Assert.Contains(new BoilerplateItem("Your email address", "form"), record.Boilerplate);
        Assert.DoesNotContain(record.Boilerplate, b => b.Text.Contains("track(", StringComparison.Ordinal) || b.Text.Contains("hidden teaser", StringComparison.Ordinal));
    }

    [Fact]
    public void LeavesOutCommentsEvenWhenLongerThanTheArticle()
    {
        string comments = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<li class=\"comment\"><p>Reader {i} writes: I disagree with the council, the routes are too long, too slow, and too expensive for families.</p></li>"));
        var doc = Stage(Page($"""
            <article><div class="entry-content">{Paragraphs(4)}</div>
            <section id="comments" class="comments-area"><h2>12 comments</h2><ol class="comment-list">{comments}</ol></section></article>
            """));
        Assert.Contains("Para 4.", Body(doc));
        Assert.DoesNotContain("Reader 3 writes", Body(doc));
    }

    [Fact]
    public void DoesNotPickCookieNoticeOrHiddenPopup()
    {
        string notice = "We use cookies and similar technologies to measure audiences, remember your settings, and show you relevant advertising, content, and offers.";
        var doc = Stage(Page($"""
            <div id="cookie-consent"><p>{notice}</p><p>{notice}</p><p>{notice}</p></div>
            <div class="subscribe-popup" style="display: none"><p>{Prose} Subscribe today, cancel anytime, and read without limits.</p><p>Popup 2, {Prose}</p><p>Popup 3, {Prose}</p></div>
            <div hidden><p>Hidden 1, {Prose}</p><p>Hidden 2, {Prose}</p><p>Hidden 3, {Prose}</p></div>
            <article><div class="post-content">{Paragraphs(2)}</div></article>
            """));
        string body = Body(doc);
        Assert.Contains("Para 2.", body);
        Assert.DoesNotContain("We use cookies", body);
        Assert.DoesNotContain("Popup 2", body);
        Assert.DoesNotContain("Hidden 2", body);
    }

    [Fact]
    public void KeepsBlockquotesListsHeadingsAndSmallText()
    {
        var doc = Stage(Page($"""
            <article><div class="article-content">{Paragraphs(3)}
              <h2>What changes for riders</h2>
              <ul><li>Route 7 runs every ten minutes.</li><li>Route 9 reaches the hospital.</li></ul>
              <blockquote><p>"This is the biggest change in twenty years," the mayor said.</p></blockquote>
              <p><small>Timetables may change during the holidays.</small></p>
              {Paragraphs(2, "More")}</div></article>
            """));
        var blocks = doc.BodyBlocks.ToList();
        Assert.Contains(blocks, b => b.Kind == BlockKind.Heading && b.Level == 2 && b.Text == "What changes for riders");
        Assert.Equal(2, blocks.Count(b => b.Kind == BlockKind.ListItem));
        Assert.Contains(blocks, b => b.Kind == BlockKind.BlockQuote && b.Text.Contains("biggest change"));
        Assert.Contains(blocks, b => b.Text == "Timetables may change during the holidays.");
    }

    [Fact]
    public void SplitsTextSeparatedByDoubleLineBreaksInDivsWithoutParagraphs()
    {
        var doc = Stage(Page($"""
            <div class="post-body">First paragraph, {Prose}<br><br>Second paragraph, {Prose}<br />
            still the second paragraph.<br><br>Third paragraph, {Prose}</div>
            """));
        var texts = doc.BodyBlocks.Select(b => b.Text).ToList();
        Assert.Equal(3, texts.Count(t => t.Contains("paragraph, The council")));
        Assert.Contains(texts, t => t.StartsWith("Second paragraph") && t.EndsWith("still the second paragraph."));
    }

    [Fact]
    public void ExtractsNonEnglishPages()
    {
        string satz = "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, mit drei neuen Linien und längeren Betriebszeiten am Abend.";
        string bun = "市議会は火曜日、バス路線網を拡大し、新たに三つの路線を追加し、夜間の運行時間を延長することを決めた。";
        var de = Stage(Page($"<article><div class=\"artikel\"><p>{satz}</p><p>{satz}</p><p>{satz}</p></div></article>"));
        var ja = Stage(Page($"<div id=\"honbun\"><p>{bun}</p><p>{bun}</p><p>{bun}</p></div>"));
        Assert.Equal(3, de.BodyBlocks.Count(b => b.Text == satz));
        Assert.Equal(3, ja.BodyBlocks.Count(b => b.Text == bun));
    }

    [Fact]
    public void FallsBackToJsonLdArticleBodyWhenTheMarkupIsEmpty()
    {
        string ld = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bus network grows",
            "articleBody":"The council voted on Tuesday to expand the bus network.\nRiders will get three new routes from March, with longer evening hours and a new depot near the river, the city said in a statement on Tuesday evening."}</script>
            """;
        var doc = Stage(Page("<div id=\"app\"></div>", head: "<title>Bus network grows</title>" + ld));
        var texts = doc.BodyBlocks.Select(b => b.Text).ToList();
        Assert.Equal(["The council voted on Tuesday to expand the bus network.", texts[1]], texts);
        Assert.StartsWith("Riders will get three new routes", texts[1]);
    }

    [Fact]
    public void KeepsEmbeddedPostsInsideSocialEmbedBoxes()
    {
        var doc = Stage(Page($"""
            <article><div class="article-body">{Paragraphs(4)}
              <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Three new routes, finally! Great news for the east side.</p>— Rider (@rider)</blockquote></div>
              <div class="social-share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
            </div></article>
            """));
        Assert.Contains(doc.BodyBlocks, b => b.Kind == BlockKind.BlockQuote && b.Text.Contains("Three new routes, finally!"));
        Assert.Contains(doc.Blocks, b => b.MarkupReason == "share");
    }

    [Fact]
    public void SetsLinkDensityOnBlocks()
    {
        var doc = Stage(Page($"""<article><div class="entry">{Paragraphs(3)}<p><a href="/x">All of it is a link here</a></p></div></article>"""));
        Assert.Equal(1.0, doc.Blocks.Single(b => b.Text == "All of it is a link here").LinkDensity, 2);
        Assert.Equal(0.0, doc.Blocks.First(b => b.Text.StartsWith("Para 1.")).LinkDensity, 2);
    }

    [Fact]
    public void KeepsBodyParagraphThatTheMetaDescriptionCopies()
    {
        string third = "Para 3. " + Prose;
        var record = Record(Page($"<article><h1>Bus network grows</h1><div class=\"story\">{Paragraphs(6)}</div></article>",
            head: $"<title>Bus network grows</title><meta name=\"description\" content=\"{third}\">"));
        Assert.Contains(third, record.Body);
    }
}

public class InlineChromeTests
{
    [Fact]
    public void DropsHoverCardOfLinksInsideAParagraph()
    {
        var doc = Stage(Page($"""
            <article><div class="story"><p>{Prose}</p><p>Mayor <span class="person"><a href="/p/1">Ann Lee</a><span class="card"><a href="/p/1">Ann Marie Lee</a> <a href="/s/1">Lee backs bus plan</a> <a href="/s/2">Lee wins vote</a></span></span> said the plan was overdue.</p><p>{Prose}</p></div></article>
            """));
        Assert.Contains(doc.BodyBlocks, b => b.Text == "Mayor Ann Lee said the plan was overdue.");
    }
}

public class RelatedHeadingTests
{
    [Theory]
    [InlineData("You may also like")]
    [InlineData("Leia também:")]
    public void SiblingsAfterARelatedHeadingAreRelated(string heading)
    {
        string teaser = "<div class=\"item\"><p>Another story: " + Prose + "</p></div>";
        var doc = Stage(Page($"""
            <article class="post"><p>{Prose}</p><p>Second. {Prose}</p><p>Third. {Prose}</p>
            <h3>{heading}</h3>{teaser}{teaser}</article>
            """));
        Assert.Equal(3, doc.BodyBlocks.Count());
        Assert.DoesNotContain(doc.BodyBlocks, b => b.Text.StartsWith("Another story"));
        Assert.Contains(doc.Blocks, b => b.MarkupReason == "related" && b.Text.StartsWith("Another story"));
    }
}

public class ChromeRoleTests
{
    [Fact]
    public void DialogsAndLandmarkChromeStayOutOfTheBody()
    {
        var doc = Stage(Page($"""
            <div role="dialog"><p>Before you continue: {Prose}</p></div>
            <article><div class="content"><p>{Prose}</p><p>Two. {Prose}</p>
              <div role="complementary"><p>Sidebar note: {Prose}</p></div><p>Three. {Prose}</p></div></article>
            """));
        string body = Body(doc);
        Assert.Contains("Three.", body);
        Assert.DoesNotContain("Before you continue", body);
        Assert.DoesNotContain("Sidebar note", body);
    }
}

public class TagListTests
{
    [Fact]
    public void TagLinksAreNavigation()
    {
        var doc = Stage(Page($"""
            <article><div class="entry-content"><p>{Prose}</p><p>Two. {Prose}</p>
            <p><strong>Tags<br><a rel="tag" href="/t/bus">buses</a>, <a rel="tag" href="/t/council">city council</a>, <a rel="tag" href="/t/river">river depot plans</a></strong></p></div></article>
            """));
        Assert.Contains(doc.Blocks, b => b.MarkupReason == "navigation" && b.Text.Contains("city council"));
        Assert.DoesNotContain(doc.BodyBlocks, b => b.Text.Contains("city council"));
    }
}

public class WrapperClassTests
{
    [Fact]
    public void WrapperWhoseClassMentionsCommentsStillHoldsTheArticle()
    {
        var record = Record(Page($"""
            <div id="page" class="single-post comments-open sidebar-right">
              <article><h1>Bus network grows</h1><div class="entry-content"><p>{Prose}</p><p>Two. {Prose}</p><p>Three. {Prose}</p></div></article>
              <div id="comments"><p>Reader one writes: I disagree with the council, the routes are too long, too slow, and too expensive.</p></div>
            </div>
            """));
        Assert.Contains("Three.", record.Body);
        Assert.DoesNotContain("Reader one writes", record.Body);
    }
}

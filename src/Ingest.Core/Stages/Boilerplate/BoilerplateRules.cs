using System.Text.RegularExpressions;

namespace Ingest.Core.Stages.Boilerplate;

/// <summary>One line rule: a pattern over a block's normalized text and the reason it removes the block.</summary>
/// <param name="Reason">Reason listed in the record (<c>republication</c>, <c>promo</c> …).</param>
/// <param name="Pattern">Case-insensitive pattern; most are anchored at the block start.</param>
/// <param name="MaxWords">The rule applies only to blocks of at most this many words (long paragraphs that merely
/// mention "subscribe" are article text).</param>
internal sealed record LineRule(string Reason, Regex Pattern, int MaxWords);

/// <summary>
/// The rule tables of <see cref="BoilerplateStage"/>: data, not logic. Phrases come from the republication,
/// promotion, licence and widget wording that news sites and aggregators use (WordPress, Drupal, Substack,
/// syndication partners such as AP, The Conversation, States Newsroom, KFF Health News, ProPublica).
/// </summary>
internal static class BoilerplateRules
{
    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static LineRule R(string reason, string pattern, int maxWords = 60) => new(reason, new Regex(pattern, Opts), maxWords);

    /// <summary>Rules checked in order; the first match gives the reason.</summary>
    public static readonly LineRule[] Lines =
    [
        // Republication notices.
        R("republication", @"^(this|the) (post|article|story|piece|essay|commentary|column)( was| is)? (first|originally) (appeared|published|posted|ran)\b"),
        R("republication", @"^(this|the) (post|article|story|piece) (first|originally) appeared (on|in|at)\b"),
        R("republication", @"^(originally|first) (published|appeared|posted) (on|in|at|by)\b", 40),
        R("republication", @"\b(is |was )?republished (here )?(from|with permission|under a creative commons)", 60),
        R("republication", @"^(reprinted|republished|reposted|cross-posted|crossposted) (with|by) (kind )?permission", 40),
        R("republication", @"^(editor['’]s note|note from the editor)\s*:", 80),
        R("republication", @"^this (story|article) (is|was) (part of|produced by|published in partnership|a collaboration)", 60),
        R("republication", @"^(read|see|view) the original (article|post|story)", 20),
        R("republication", @"\bwe (are|re) (a|an) (independent|nonprofit|non-profit) (news|newsroom)", 80),
        R("republication", @"^republish (this|our) (article|story|content)", 40),
        // Promotions, donations, newsletters.
        R("promo", @"go ad-?free", 15),
        R("promo", @"^(support|donate to|help support|become a (member|supporter|patron) of)\b", 25),
        R("promo", @"\b(sign up|subscribe) (for|to) (our|the|my) (free )?(daily |weekly |morning |evening )?(newsletter|email|emails|digest|briefing)", 45),
        R("promo", @"^(subscribe|sign up|get (our|the) newsletter|join our (mailing list|newsletter))\b", 25),
        R("promo", @"\b(donate|make a donation|make a (tax-deductible )?gift|chip in)\b.*\b(today|now|journalism|independent)", 45),
        R("promo", @"^(click here|tap here) to\b", 25),
        R("promo", @"^(download|get) (our|the) app\b", 20),
        R("promo", @"^(advertisement|sponsored( content)?|paid content|story continues( below)?( advertisement)?)$", 5),
        R("promo", @"^(watch|listen)\s*:", 20),
        // Licences and copyright.
        R("licence", @"\bcreative commons\b", 90),
        R("licence", @"^licensed (under )?(creative commons|cc[ -]by)", 20),
        R("licence", @"^(anyone is free to|you are free to|feel free to) (republish|copy|share|reproduce)", 90),
        R("licence", @"^(©|\(c\)|copyright\b)", 40),
        R("licence", @"\ball rights reserved\b", 40),
        R("licence", @"^this (material|article|content) may not be (published|reproduced|broadcast)", 40),
        // Comments.
        R("comment-rules", @"^(our )?comment(ing)? (rules|policy|guidelines)\b", 80),
        R("comment-rules", @"^(add (a )?new comment|leave a (comment|reply)|post a comment|comments?|\d+ comments?|view comments|show comments|join the (conversation|discussion))$", 6),
        R("comment-rules", @"^(you must be logged in|log in|sign in) to (post|comment|leave)", 25),
        // Share and like widgets.
        R("share", @"^(share|share this|share this (article|story|post)|tweet|email|print|like this|like|loading\.{0,3}|facebook|twitter|linkedin|whatsapp|reddit|pinterest|copy link|save|flipboard)(\s*[:|,·•]?\s*(share|share this|tweet|email|print|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|copy link|save|flipboard|like this|on facebook|on twitter|on linkedin))*\s*:?$", 12),
        R("share", @"^(click to share|share on (facebook|twitter|x|linkedin)|like this:|share this:|like loading)", 15),
        R("share", @"^be the first to like this", 10),
        // Captions and credits.
        R("caption", @"^(photo|image|picture|foto|bild|credit|photograph|illustration|video|file photo|caption)( credit)?\s*[:/]", 40),
        R("caption", @"\((photo|image|credit)[^)]*\)\s*$", 40),
        R("caption", @"\b(getty images|shutterstock|ap photo|afp photo|reuters/|via getty|istock|unsplash|wikimedia commons|/ap\b|/afp\b)", 40),
        R("caption", @"^[\w\-]+\.(jpe?g|png|gif|webp)$", 3),
        // Related links and reading lists.
        R("related", @"^(related|read more|more|see also|also read|recommended|you may also like|you might also like|more from|further reading|related (stories|articles|posts|coverage)|most popular|most read|trending|popular|latest|also on|more stories|related story)\s*(:|$)", 30),
        R("related", @"^(read|see|watch) (more|also|next)\s*:", 30),
        R("related", @"^(read|see) (more )?(about|on)\s*:", 25),
        // Navigation, tags, metadata lines.
        R("navigation", @"^(tags?|topics?|categories|category|filed under|posted in)\s*:", 30),
        R("navigation", @"^(home|menu|skip to (main )?content|search|back to top|next article|previous article|next post|previous post|syndicate content)$", 4),
        R("navigation", @"^(home|news)\s*(/|›|»|>)\s*\w", 12),
        R("navigation", @"^updated\s*:?\s*\d+\s*(sec|second|min|minute|hour|day|week|month|year)s? ago$", 8),
        R("navigation", @"^(posted|published|updated)\s*:?\s*\d+\s*(min|minute|hour|day)s? ago$", 8),
        // Cookie and consent banners.
        R("cookie", @"\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings|preferences)|accept (all )?cookies|by continuing to (use|browse))\b", 80),
        // Author bios at the end.
        R("author-bio", @"^(about the author|about the authors|author bio)\b", 80),
        R("author-bio", @"^[A-Z][\w.'’\- ]{2,40} (is|was) (a|an|the) ([\w\-]+ ){0,6}(reporter|writer|journalist|correspondent|editor|columnist|contributor|fellow|professor|freelance|staff writer|author)\b", 70),
        // Contributor and production credits.
        R("credit", @"^\(?(reporting|additional reporting|writing|editing) by\b", 40),
        R("credit", @"^associated press (writers?|reporters?) .* contributed", 40),
        R("credit", @"\bcontributed to this (report|story|article)\.?$", 40),
    ];

    /// <summary>A line is short chrome (not prose) when it has at most this many words and no sentence punctuation.</summary>
    public const int ShortLineWords = 4;
}

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
        R("republication", @"^(this|the) (post|article|story|piece|essay|commentary|column|report|investigation)( was| is| has been)? (first|originally) (appeared|published|posted|ran)\b"),
        R("republication", @"^(this|the) (post|article|story|piece|essay|report) (first|originally) appeared (on|in|at)\b"),
        R("republication", @"^(originally|first) (published|appeared|posted) (on|in|at|by)\b", 40),
        R("republication", @"\b(is |was )?republished (here )?(from|with permission|under a creative commons)", 60),
        R("republication", @"^(reprinted|republished|reposted|cross-?posted|crossposted|syndicated) (with|by|from) ", 40),
        R("republication", @"^(editor['’]s note|note from the editor|ed\. note)\s*:", 80),
        R("republication", @"^this (story|article|report|piece) (is|was) (part of|produced by|published in partnership|a collaboration|co-published|written by)", 60),
        R("republication", @"^(read|see|view) the original (article|post|story)", 20),
        R("republication", @"\b(is|are) (a|an|one of the|part of) ([\w’'-]+[, ]+){0,5}(nonprofit|non-profit|nonpartisan|independent|national|local)? ?(news(room)?|newsroom|news organization|news network|news outlet|news service|news site|media organization|journalism organization|magazine)\b", 70),
        R("republication", @"^republish (this|our) (article|story|content)", 40),
        R("republication", @"\bmaintains editorial independence\b", 60),
        R("republication", @"^(the )?original source of this article\b", 30),
        // Promotions, donations, newsletters.
        R("promo", @"go ad-?free", 15),
        R("promo", @"^(support|donate to|help support|become a (member|supporter|patron) of)\b", 25),
        R("promo", @"\b(sign up|subscribe|signing up) (for|to) (our|the|my|their) (free )?([\w’'-]+ ){0,3}(newsletters?|emails?|digest|briefing|updates)", 50),
        R("promo", @"^(subscribe|sign up|sign in|log in|get (our|the) newsletter|join our (mailing list|newsletter)|type your email|enter your email|your email( address)?)\b", 25),
        R("promo", @"\b(donate|make a donation|make a (tax-deductible )?gift|chip in)\b.*\b(today|now|journalism|reporting|support|us)\b|\b(become a member|funded by readers|reader-funded|reader-supported)\b", 60),
        R("promo", @"\b(in your inbox|to your inbox|delivered to your inbox|never miss (a|the|an))\b", 40),
        R("promo", @"^(click here|tap here) to\b", 25),
        R("promo", @"^(download|get) (our|the) app\b|\bget the app$", 20),
        R("promo", @"^(advertisement|advertising|sponsored( content)?|paid content|story continues( below)?( advertisement)?|anzeige|publicité)$", 5),
        R("promo", @"^(watch|listen|video)\s*:", 20),
        R("promo", @"^by signing up\b|\bterms of (use|service)\b.*\bprivacy policy\b", 50),
        R("promo", @"^(thanks|thank you) for reading\b", 40),
        R("promo", @"^discover more from\b|^start writing\b|\bis the home for\b", 20),
        R("promo", @"^(we want to hear from you|want to submit|you can find our submission guidelines|have a (news )?tip|got a (news )?tip|send us (a|your) (tip|letter))", 40),
        R("promo", @"^(on )?supporting (science )?journalism\b|^if you['’]re enjoying this article\b|^if you (value|like|enjoy|appreciate) ", 60),
        R("promo", @"^(follow|like) (us|[A-Z][\w ]{1,40}) on (facebook|twitter|x|instagram|linkedin|threads|bluesky)\b", 20),
        R("promo", @"^(forward this article|please (click|share|forward)|crosspost on your)\b", 40),
        R("promo", @"^[*•]?\s*note to readers\s*:|\btranslate website\b|\bcan be read in \d+ languages\b", 60),
        R("promo", @"^advert$|^explore further$", 3),
        // Licences and copyright.
        R("licence", @"\bcreative commons\b", 90),
        R("licence", @"^licensed (under )?(creative commons|cc[ -]by)", 20),
        R("licence", @"^(anyone is free to|you are free to|feel free to) (republish|copy|share|reproduce)", 90),
        R("licence", @"^(©|\(c\)|copyright\s*(©|\(c\)|\d{4}|by\b|:|$))", 40),
        R("licence", @"\ball rights reserved\b|^rights (&|and) permissions$", 40),
        R("licence", @"^this (material|article|content|document) (may not be|is subject to copyright)", 60),
        R("licence", @"\bretrieved \d{1,2} \w+ \d{4} from https?://", 40),
        R("licence", @"^the content is provided for information purposes only", 20),
        R("licence", @"^(disclaimer|disclosure)\s*:", 80),
        R("licence", @"\bfor your personal,? non-?commercial use only\b", 40),
        R("licence", @"\b(receives|received|has received) funding from\b|\bdoes not work for, consult, own shares in\b", 60),
        // Comments.
        R("comment-rules", @"^(our )?comment(ing)? (rules|policy|guidelines)\b", 80),
        R("comment-rules", @"^(add (a )?new comment|leave a (comment|reply)( cancel reply)?|post a comment|comments?|\d+ comments?|comments? \(\d+\)|view comments|show comments|join the (conversation|discussion)|kommentar(e)? schreiben|kommentare?|commentaires?|réagir)$", 6),
        R("comment-rules", @"^(you must be logged in|log in|sign in|login|register) (or register )?to (post|comment|leave|reply)", 25),
        R("comment-rules", @"^comments are (closed|moderated|disabled)\b", 15),
        R("comment-rules", @"^enter your comment here", 6),
        R("comment-rules", @"(your email address will not be published|ihre e-mail-adresse wird nicht veröffentlicht|votre adresse (e-mail|courriel) ne sera pas publiée)", 30),
        // Share and like widgets.
        R("share", @"^(share|share this|share this (article|story|post)|tweet|email|e-mail|print|like this|like|loading\.{0,3}|facebook|twitter|linkedin|whatsapp|reddit|pinterest|copy link|save|flipboard|teilen|partager)(\s*[:|,·•]?\s*(share|share this|tweet|email|e-mail|print|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|copy link|save|flipboard|like this|on facebook|on twitter|on linkedin))*\s*:?$", 12),
        R("share", @"^(click to share|share on (facebook|twitter|x|linkedin)|like this:|share this:|like loading|teilen\s*:|partager\s*:|share\s*:)", 15),
        R("share", @"^be the first to like this", 10),
        R("share", @"^(share|email|send|tweet) (this|the) (article|story|post|page)\b.*\b(on|via|with|to)\b", 14),
        R("share", @"^\{\{[<%].*[>%]\}\}$", 20),
        // Captions and credits.
        R("caption", @"^(photo|image|picture|foto|bild|credit|photograph|illustration|video|file photo|caption|featured image)( credit)?\s*[:/]", 40),
        R("caption", @"\((ap |afp |reuters )?(photo|image|credit|foto)\b[^)]*\)\s*$", 45),
        R("caption", @"\([^()]{2,60}/[^()]{2,60}\)\s*$", 45),
        R("caption", @"\b(photo|photograph|image|illustration) (by|courtesy of|credit)\b", 45),
        R("caption", @"\b(getty images|shutterstock|ap photo|afp photo|reuters/|via getty|istock|unsplash|wikimedia commons)\b", 40),
        R("caption", @"[.!?] [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3} ?/ ?[A-Z][\p{L}&' ]{1,40}$", 45),
        R("caption", @"\.(jpe?g|png|gif|webp|svg)\b", 8),
        // Related links and reading lists.
        R("related", @"^(related|read more|more|see also|also read|recommended|you may also like|you might also like|more from|further reading|related (stories|articles|posts|coverage|news|content|links|story|reading)|most popular|most read|trending|popular|latest|also on|more stories|more from (the )?author|recommended (stories|reading|articles)|read next|up next|ähnliche artikel|mehr zum thema|lesen sie auch|à lire aussi|sur le même sujet)\b[^.!?]{0,40}(:|\||$)", 30),
        R("related", @"^(read|see|watch) (more|also|next)\s*:", 30),
        R("related", @"^(read|see) (more )?(about|on)\s*:", 25),
        R("related", @"^related (story|article|content|coverage)\s*[|:]", 40),
        R("related", @"^[«‹<]\s*(previous|next)|^(previous|next) (post|article|story)\s*:|(next|previous) (post|article)\s*[»›>]$", 30),
        // Navigation, tags, metadata lines.
        R("navigation", @"^(tags?|topics?|categories|category|filed under|posted in|schlagworte|themen)\s*:", 30),
        R("navigation", @"^(home|menu|skip to (main )?content|search|back to top|next article|previous article|next post|previous post|syndicate content|powered by [\w.]+|blog at wordpress\.com\.?|privacy (policy|dashboard)|terms( and privacy policy)?|contact us|about us|sitemap|\d+-min read|\d+ min read)$", 5),
        R("navigation", @"^(home|news|start)\s*(/|›|»|>)\s*\w", 12),
        R("navigation", @"^(updated|posted|published)\s*:?\s*(\d+\s*(sec|second|min|minute|hour|hr|day|week|month|year)s?\s*)+ago$", 10),
        R("navigation", @"^(updated|posted|published)\s*:?\s*\d{1,2}:\d{2}\s*(a\.?m\.?|p\.?m\.?)\b", 14),
        // Cookie and consent banners.
        R("cookie", @"\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings|preferences)|accept (all )?cookies|by continuing to (use|browse)|wir verwenden cookies|nous utilisons des cookies)\b", 80),
        // Author bios at the end.
        R("author-bio", @"^(about the author|about the authors|author bio)\b", 80),
        R("author-bio", @"^[A-Z][\p{L}.'’\- ]{2,40} (is|was) (a|an|the) ([\w\-,]+ ){0,6}(reporter|writer|journalist|correspondent|editor|columnist|contributor|fellow|professor|lecturer|freelance|staff writer|author|producer|photographer)\b", 70),
        R("author-bio", @"^[A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){1,3} (covers|reports on|writes about|has covered|reported this story)\b", 40),
        // Contributor and production credits.
        R("credit", @"^\(?(reporting|additional reporting|writing|editing|written|edited) by\b", 40),
        R("credit", @"^(associated press|ap) (writers?|reporters?|journalists?)\b.* contributed", 40),
        R("credit", @"\bcontributed (reporting )?to this (report|story|article)\.?$", 40),
        R("credit", @"^our standards\s*:", 20),
        R("credit", @"^write to [\p{Lu}][\p{L}.'’ -]+ at \S+@\S+", 30),
        R("credit", @"^(note|correction|clarification|update)\s*:\s*(this|an earlier) (story|article|version)", 60),
    ];
}

namespace Ingest.Core.Tests.Copies;

/// <summary>Made-up article bodies for the copy-detection tests: one story, its copies, and other stories on the same topic.</summary>
internal static class CopyBodies
{
    /// <summary>The story as its first outlet ran it: 12 sentences in five paragraphs, about 250 words.</summary>
    public const string Original =
        "The Millbrook Port Authority voted on Thursday to close the old ferry terminal on Pier Nine by the end of the summer, " +
        "ending more than sixty years of passenger service from the east bank.\n\n" +
        "The board approved the closure by five votes to two after a three-hour meeting that drew more than two hundred residents, " +
        "many of whom had crossed on the morning boat to speak against the plan. " +
        "Engineers told the board that the timber piles under the terminal had rotted faster than expected and that repairs would cost " +
        "at least forty million dollars.\n\n" +
        "“We cannot ask passengers to wait on a structure our own inspectors will not stand on,” said Ilse Brandvold, who chairs the authority. " +
        "She said the ferry would move to a temporary landing at the grain wharf while a new terminal is designed. " +
        "Critics said the temporary landing is a mile from the nearest bus stop and has no shelter.\n\n" +
        "Corwin Ashby, who runs a bakery near the pier, said his morning trade depends on commuters walking off the boat. " +
        "He collected four hundred signatures in a week and presented them to the board before the vote. " +
        "The two members who voted against the closure asked for an independent survey of the piles, which the majority rejected.\n\n" +
        "The authority expects to publish designs for a new terminal next spring. " +
        "Construction would take at least three years, and the board has not said how it would be paid for. " +
        "The last boat from Pier Nine is scheduled to leave on the thirty-first of August.";

    /// <summary>
    /// The same story as a republishing site's body: its own opening credit and a closing line the boilerplate rules do not know
    /// (the body after boilerplate removal can still carry such leftovers), otherwise word for word.
    /// </summary>
    public const string Republished =
        "From Coastal Wire:\n\n" + Original +
        "\n\nThis report is shared with our readers under a content partnership.";

    /// <summary>The story with one sentence rewritten (a correction of the repair estimate and its source).</summary>
    public static readonly string LightlyEdited = Original.Replace(
        "Engineers told the board that the timber piles under the terminal had rotted faster than expected and that repairs would cost " +
        "at least forty million dollars.",
        "A consultant's report presented at the meeting put the cost of rebuilding the rotten timber piles closer to fifty-five million dollars.",
        StringComparison.Ordinal);

    /// <summary>
    /// Another outlet's own story of the same meeting: the same people, numbers and place, the same quotation and even the same
    /// closing sentence — but written in its own words. Tempting to link; it is a different story.
    /// </summary>
    public const string SameTopicOtherStory =
        "Passengers on the east bank will lose their ferry terminal this summer after the Millbrook Port Authority decided on Thursday " +
        "that the Pier Nine building is no longer safe.\n\n" +
        "Board members heard from residents for three hours before voting five to two for the closure. " +
        "Inspectors found that the timber piles holding up the terminal are badly decayed, and a full repair was put at forty million dollars, " +
        "a figure the authority says it does not have.\n\n" +
        "“We cannot ask passengers to wait on a structure our own inspectors will not stand on,” said Ilse Brandvold, who chairs the authority. " +
        "Boats will use a temporary landing at the grain wharf, which opponents say is too far from buses and offers no cover from rain.\n\n" +
        "Among the opponents was Corwin Ashby, a baker whose shop sits near the pier. " +
        "He handed the board a petition with four hundred names and warned that small businesses on the waterfront would suffer. " +
        "Two board members wanted a second opinion on the state of the piles but were outvoted.\n\n" +
        "No budget has been set for the replacement terminal, and officials gave no date for construction to begin. " +
        "The last boat from Pier Nine is scheduled to leave on the thirty-first of August.";

    /// <summary>A different story from the same outlet and place, sharing only its setting and its people.</summary>
    public const string OtherStory =
        "The Millbrook Port Authority named a new harbour master on Monday, choosing a former tugboat captain who has worked on the river " +
        "for twenty-two years.\n\n" +
        "Ilse Brandvold, who chairs the authority, said the appointment would help the port prepare for larger grain ships. " +
        "The new harbour master will start in October and oversee dredging of the main channel, which has silted up since the spring floods.\n\n" +
        "Local pilots welcomed the choice and said the channel had become hard to navigate at low tide.";

    /// <summary>The wire's own file of <see cref="Original"/>: masthead, headline, byline, date, body, share and newsletter promos.</summary>
    public static readonly string WireFile =
        "COASTAL WIRE\n\nPort Authority Votes to Close Pier Nine Ferry Terminal\n\nBy Hanne Solberg\n\nJune 5, 2025\n\n" +
        Original + "\n\nShare this article on Facebook and Twitter.\n\nSign up for our morning newsletter.\n";

    /// <summary>A republisher's file of <see cref="Original"/>: its own promo, dek, "first appeared" note, credit, licence and comment rules.</summary>
    public static readonly string RepublisherFile =
        "Support Bay Courier - Go Ad-Free!\n\nPort Authority Votes to Close Pier Nine Ferry Terminal\n\n" +
        "The east bank loses its boat landing after sixty years\n\nThis post first appeared on Bay Courier\n\n" +
        "From Coastal Wire:\n\n" + Original + "\n\nSupport Bay Courier - Go Ad-Free!\n\n" +
        "Anyone is free to republish, copy, and redistribute the text in this content, as long as they provide a backlink and credit to Bay Courier.\n\n" +
        "Our commenting rules: Be civil. We remove spam and personal attacks.\n";

    /// <summary>Another outlet's file of <see cref="SameTopicOtherStory"/>.</summary>
    public static readonly string SameTopicFile = "RIVER TIMES\n\nFerry Terminal to Close\n\n" + SameTopicOtherStory;
}

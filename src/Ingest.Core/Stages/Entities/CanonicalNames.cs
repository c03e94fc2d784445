using Ingest.Core.Document;

namespace Ingest.Core.Stages.Entities;

/// <summary>
/// Canonical names for quote speakers against the resolved entities: a person by exact name, by name part
/// ("Doe" → "Jane Doe") or by a title seen before the name ("the senator"); an organisation by name or alias, by a
/// longer name it starts or ends ("City Council" → "Harbor City Council") or by its initials ("HCC").
/// </summary>
internal sealed class CanonicalNames(EntityCoreference entities)
{
    /// <summary>The canonical name for a speaker mention, or null when no entity matches.</summary>
    public string? Canonical(string mention, string kind)
    {
        if (kind == SpeakerKinds.Person)
        {
            var exact = entities.Clusters.FirstOrDefault(c => c.Type == EntityTypes.Person && c.Name == mention);
            if (exact is not null)
                return exact.Name;
            if (entities.FindByPart(mention) is { } part)
                return part.Name;
            string role = mention.Split(' ')[^1];
            var titled = entities.Clusters.Where(c => c.Titles.Contains(role)).OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (titled is not null)
                return titled.Name;
        }
        if (kind == SpeakerKinds.Organization)
        {
            var orgs = entities.Clusters.Where(c => c.Type == EntityTypes.Organization && c.Mentions > 0).ToList();
            var exact = orgs.FirstOrDefault(c => c.Name == mention) ?? orgs.FirstOrDefault(c => c.Aliases.Contains(mention));
            if (exact is not null && !EntityRules.IsAcronym(mention))
                return exact.Name;
            // "Department of Harbor Works" → "Harborland Department of Harbor Works"; "HCC" → its full name.
            var longer = orgs.Where(c => c.Name != mention).Where(c => c.Name.EndsWith(" " + mention, StringComparison.Ordinal) || c.Name.StartsWith(mention + " ", StringComparison.Ordinal)
                                         || Quotes.Salience.OrgMatches(c.Name, mention) && mention.All(ch => char.IsUpper(ch)))
                .OrderByDescending(c => c.Mentions).FirstOrDefault();
            if (longer is not null)
                return longer.Name;
            if (exact is not null)
                return exact.Name;
        }
        return null;
    }
}

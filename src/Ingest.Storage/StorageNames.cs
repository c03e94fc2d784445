namespace Ingest.Storage;

/// <summary>The resolved (prefixed) resource names of a <see cref="StorageOptions"/>.</summary>
internal sealed class StorageNames
{
    public StorageNames(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string prefix = options.NamePrefix ?? "";
        if (prefix.Length > 0 && (!char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
            throw new ArgumentException("StorageOptions:NamePrefix must be lower-case letters and digits and start with a letter.", nameof(options));

        string Container(string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";
        string Table(string name) => prefix + name;

        IncomingContainer = Container(options.IncomingContainer);
        RecordsContainer = Container(options.RecordsContainer);
        ReprocessQueue = Container(options.ReprocessQueue);
        ReprocessPoisonQueue = Container(options.ReprocessPoisonQueue);
        Articles = Table(options.ArticlesTable);
        Failures = Table(options.FailuresTable);
        EntityIndex = Table(options.EntityIndexTable);
        EntityNames = Table(options.EntityNamesTable);
        SpeakerIndex = Table(options.SpeakerIndexTable);
        SourceIndex = Table(options.SourceIndexTable);
        DateIndex = Table(options.DateIndexTable);
        QuoteIndex = Table(options.QuoteIndexTable);
        TemplateLines = Table(options.TemplateLinesTable);
    }

    public string IncomingContainer { get; }
    public string RecordsContainer { get; }
    public string ReprocessQueue { get; }
    public string ReprocessPoisonQueue { get; }
    public string Articles { get; }
    public string Failures { get; }
    public string EntityIndex { get; }
    public string EntityNames { get; }
    public string SpeakerIndex { get; }
    public string SourceIndex { get; }
    public string DateIndex { get; }
    public string QuoteIndex { get; }
    public string TemplateLines { get; }

    /// <summary>Every table name.</summary>
    public IReadOnlyList<string> Tables =>
        [Articles, Failures, EntityIndex, EntityNames, SpeakerIndex, SourceIndex, DateIndex, QuoteIndex, TemplateLines];

    /// <summary>Every blob container name.</summary>
    public IReadOnlyList<string> Containers => [IncomingContainer, RecordsContainer];

    /// <summary>Every queue name.</summary>
    public IReadOnlyList<string> Queues => [ReprocessQueue, ReprocessPoisonQueue];
}

using Microsoft.Extensions.Configuration;

namespace Ingest.Storage;

/// <summary>
/// The resolved resource names of a <see cref="StorageOptions"/>: the one place where <see cref="StorageOptions.NamePrefix"/>
/// is applied. Containers and queues become <c>{prefix}-{name}</c>, tables <c>{prefix}{name}</c>; without a prefix the names
/// are used as they are. The storage classes, the trigger settings of the function app (<c>Ingest.Functions.IngestSettings</c>)
/// and Ingest.LocalHost all read names from here.
/// </summary>
public sealed class StorageNames
{
    /// <summary>Resolves the names of <paramref name="options"/>.</summary>
    /// <param name="options">Names and prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The prefix is not lower-case letters and digits starting with a letter.</exception>
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
        CopyIndex = Table(options.CopyIndexTable);
        TemplateLines = Table(options.TemplateLinesTable);
    }

    /// <summary>Container that receives article files (the blob trigger's container).</summary>
    public string IncomingContainer { get; }

    /// <summary>Container of the record blobs.</summary>
    public string RecordsContainer { get; }

    /// <summary>Queue of articles to reprocess (the queue trigger's queue).</summary>
    public string ReprocessQueue { get; }

    /// <summary>Poison queue of <see cref="ReprocessQueue"/>: <c>{queue}-poison</c>, the name the Functions host uses.</summary>
    public string ReprocessPoisonQueue { get; }

    /// <summary>Table of article rows.</summary>
    public string Articles { get; }

    /// <summary>Table of failure rows.</summary>
    public string Failures { get; }

    /// <summary>Entity index table.</summary>
    public string EntityIndex { get; }

    /// <summary>Entity names table.</summary>
    public string EntityNames { get; }

    /// <summary>Speaker index table.</summary>
    public string SpeakerIndex { get; }

    /// <summary>Source index table.</summary>
    public string SourceIndex { get; }

    /// <summary>Date index table.</summary>
    public string DateIndex { get; }

    /// <summary>Quote index table.</summary>
    public string QuoteIndex { get; }

    /// <summary>Copy (body fingerprint) index table.</summary>
    public string CopyIndex { get; }

    /// <summary>Template-memory table.</summary>
    public string TemplateLines { get; }

    /// <summary>Resolves the names of the <c>StorageOptions</c> section of <paramref name="configuration"/> (defaults when absent),
    /// the same section <see cref="StorageServiceCollectionExtensions.AddIngestStorage"/> binds.</summary>
    /// <param name="configuration">Configuration.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException">The prefix is not lower-case letters and digits starting with a letter.</exception>
    /// <exception cref="InvalidOperationException">A value of the section does not convert to its option's type.</exception>
    public static StorageNames From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new StorageNames(configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions());
    }

    /// <summary>Every table name.</summary>
    public IReadOnlyList<string> Tables =>
        [Articles, Failures, EntityIndex, EntityNames, SpeakerIndex, SourceIndex, DateIndex, QuoteIndex, CopyIndex, TemplateLines];

    /// <summary>Every blob container name.</summary>
    public IReadOnlyList<string> Containers => [IncomingContainer, RecordsContainer];

    /// <summary>Every queue name.</summary>
    public IReadOnlyList<string> Queues => [ReprocessQueue, ReprocessPoisonQueue];
}

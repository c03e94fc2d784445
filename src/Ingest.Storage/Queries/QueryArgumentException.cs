namespace Ingest.Storage;

/// <summary>
/// A query argument the store cannot use: a continuation token that is malformed, of another format version, of another
/// query or filter, or altered; or a filter value that is given but normalizes to nothing. <see cref="ArgumentException.ParamName"/>
/// is the name the HTTP API gives the argument (<c>continuationToken</c>, <c>entity</c>, <c>speaker</c>, <c>source</c>,
/// <c>text</c>, <c>prefix</c>), so a caller can answer 400 naming it.
/// </summary>
public sealed class QueryArgumentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">A sentence for people, without the parameter name suffix <see cref="ArgumentException.Message"/> adds.</param>
    /// <param name="parameter">The argument at fault, by its HTTP API name.</param>
    /// <param name="inner">The decoding error, if any.</param>
    public QueryArgumentException(string reason, string parameter, Exception? inner = null)
        : base(reason, parameter, inner) => Reason = reason;

    /// <summary>What is wrong, as a sentence (no parameter suffix).</summary>
    public string Reason { get; }
}

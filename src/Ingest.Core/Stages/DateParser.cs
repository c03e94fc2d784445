using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>
/// Turns dates as pages write them into ISO 8601 (<c>yyyy-MM-dd</c>, or a date-time when a time is given). Only real
/// dates in a plausible range come out (<see cref="IsPlausible(int, int, int)"/>): "0000-00-00", month 13, 30 February
/// and the year 0001 that serializers write for "no date" read as no date (null), wherever the date comes from.
/// </summary>
/// <remarks>
/// Written forms: ISO (<c>2025-12-03</c>, also inside a date-time); month first ("Dec. 3, 2025", "December 3rd 2025");
/// day first in English, French, German, Spanish, Italian, Portuguese and Dutch ("3 December 2025", "le 3 déc. 2025",
/// "3. Dezember 2025", "3 de diciembre de 2025", "1er mars 2025"), the month names of Resources/Lexicons/month_names.tsv;
/// numeric: <c>d.m.yyyy</c> and <c>d-m-yyyy</c> day first (the European forms), <c>m/d/yyyy</c> month first as US pages
/// write it unless the first number cannot be a month.
/// </remarks>
public static partial class DateParser
{
    /// <summary>The earliest year a publication date may have.</summary>
    public const int MinYear = 1800;
    /// <summary>How far after the current UTC date a publication date may lie (a page dated in a later time zone).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    /// <summary>Whether <paramref name="word"/> (no final dot, any case) is a month name or abbreviation of month_names.tsv.</summary>
    internal static bool IsMonthName(string word) => MonthNames.Value.ContainsKey(word);

    /// <summary>Month forms (lower case, no final dot) to month number, from month_names.tsv.</summary>
    private static readonly Lazy<FrozenDictionary<string, int>> MonthNames = new(() =>
        Lexicons.Table("month_names.tsv")
            .SelectMany(f => f[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(form => (form, Month: int.Parse(f[0], CultureInfo.InvariantCulture))))
            .ToFrozenDictionary(p => p.form, p => p.Month, StringComparer.OrdinalIgnoreCase));

    /// <summary>Converts a machine or human date to ISO 8601, or null when it cannot be read or is not a plausible date.</summary>
    /// <param name="value">A date as written ("2024-05-02T10:00:00Z", "Jan. 9, 2015").</param>
    /// <returns>
    /// <c>yyyy-MM-dd</c> for a date, and for a date-time that gives no offset ("2025-01-02T22:00:00" is the site's wall
    /// clock in a zone it does not name: labelling it UTC would move some stories to another day);
    /// <c>yyyy-MM-ddTHH:mm:sszzz</c> for a date-time with its offset or <c>Z</c>; or null.
    /// </returns>
    public static string? ToIso(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)
            && IsoLike().IsMatch(value))
        {
            if (!IsPlausible(dto.Year, dto.Month, dto.Day))
                return null;
            return value.Length <= 10 || !OffsetSuffix().IsMatch(value) ? dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }
        return Find(value);
    }

    /// <summary>
    /// The publication time of a WordPress REST record, whose <c>date</c> is the site's wall clock and <c>date_gmt</c> the
    /// same moment in UTC, both without offset: the local time with the offset their difference gives
    /// ("2025-01-02T22:00:00" and "2025-01-03T04:00:00" → "2025-01-02T22:00:00-06:00"). Null unless both parse and differ by
    /// a whole quarter-hour within ±14 hours (the range of real UTC offsets).
    /// </summary>
    public static string? FromLocalAndUtc(string? local, string? utc)
    {
        if (local is null || utc is null
            || !DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var l)
            || !DateTime.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.None, out var u)
            || OffsetSuffix().IsMatch(local.Trim()) || OffsetSuffix().IsMatch(utc.Trim()))
            return null;
        var offset = l - u;
        if (Math.Abs(offset.TotalHours) > 14 || offset.Ticks % TimeSpan.FromMinutes(15).Ticks != 0 || !IsPlausible(l.Year, l.Month, l.Day))
            return null;
        return new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The end of a date-time that names its offset: <c>Z</c>, <c>+01:00</c>, <c>-0500</c>, <c>+01</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\d(?:Z|[+-]\d{2}(?::?\d{2})?)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OffsetSuffix();

    /// <summary>Finds the first plausible date written in <paramref name="text"/> ("Jan. 9, 2015", "9 January 2015", "2015-01-09").</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The date as <c>yyyy-MM-dd</c>, or null when the text has none that is a real date in range.</returns>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var iso = IsoDate().Match(text); iso.Success; iso = iso.NextMatch())
            if (Format(int.Parse(iso.Groups["y"].ValueSpan, CultureInfo.InvariantCulture), int.Parse(iso.Groups["m"].ValueSpan, CultureInfo.InvariantCulture),
                    int.Parse(iso.Groups["d"].ValueSpan, CultureInfo.InvariantCulture)) is { } found)
                return found;
        for (var m = MonthFirst().Match(text); m.Success; m = m.NextMatch())
            if (Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } a)
                return a;
        for (var m = DayFirst().Match(text); m.Success; m = m.NextMatch())
            if (Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } b)
                return b;
        var n = Numeric().Match(text);
        if (n.Success && int.TryParse(n.Groups["a"].Value, out int a1) && int.TryParse(n.Groups["b"].Value, out int b1)
            && int.TryParse(n.Groups["y"].Value, out int y1))
        {
            // Dots and dashes are the European day-first forms; US pages write slashes month first, so a slashed date is
            // day first only when the first number cannot be a month.
            bool dayFirst = n.Groups["sep"].Value != "/" || a1 > 12;
            (int month, int day) = dayFirst ? (b1, a1) : (a1, b1);
            return Format(y1, month, day);
        }
        return null;
    }

    /// <summary>
    /// Whether year, month and day make a real calendar date from <see cref="MinYear"/> to <see cref="MaxAhead"/> after
    /// the current UTC date.
    /// </summary>
    /// <param name="year">Year (four digits).</param>
    /// <param name="month">Month, 1-12.</param>
    /// <param name="day">Day of the month.</param>
    public static bool IsPlausible(int year, int month, int day) =>
        year >= MinYear && month is >= 1 and <= 12 && day >= 1 && year <= 9999 && day <= DateTime.DaysInMonth(year, month)
        && new DateOnly(year, month, day) <= DateOnly.FromDateTime(DateTime.UtcNow + MaxAhead);

    private static string? Format(int year, int month, int day) =>
        IsPlausible(year, month, day) ? new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static string? Build(string y, string month, string d)
    {
        if (!MonthNames.Value.TryGetValue(month.TrimEnd('.'), out int mi) || !int.TryParse(y, out int year) || !int.TryParse(d, out int day))
            return null;
        return Format(year, mi, day);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoLike();
    // A date inside a date-time ("2025-12-03T10:15:00Z") ends at the T: no word boundary there, so digits are checked instead.
    [GeneratedRegex(@"(?<![0-9])(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})(?![0-9])")]
    private static partial Regex IsoDate();
    // The month is any word; Build keeps only the forms of month_names.tsv.
    [GeneratedRegex(@"\b(?<m>\p{L}{3,10})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b")]
    private static partial Regex MonthFirst();
    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:\.|er|º|°|st|nd|rd|th)?\s+(?:de\s+)?(?<m>\p{L}{3,10})\.?,?\s+(?:(?:de|del)\s+)?(?<y>\d{4})\b")]
    private static partial Regex DayFirst();
    [GeneratedRegex(@"\b(?<a>\d{1,2})(?<sep>[/.\-])(?<b>\d{1,2})\k<sep>(?<y>\d{4})\b")]
    private static partial Regex Numeric();
}

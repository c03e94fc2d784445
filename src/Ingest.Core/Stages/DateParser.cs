using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>
/// Turns dates as pages write them into ISO 8601 (<c>yyyy-MM-dd</c>, or a date-time when a time is given). Only real
/// dates in a plausible range come out (<see cref="IsPlausible(int, int, int)"/>): "0000-00-00", month 13, 30 February
/// and the year 0001 that serializers write for "no date" read as no date (null), wherever the date comes from.
/// </summary>
public static partial class DateParser
{
    /// <summary>The earliest year a publication date may have.</summary>
    public const int MinYear = 1800;
    /// <summary>How far after the current UTC date a publication date may lie (a page dated in a later time zone).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Converts a machine or human date to ISO 8601, or null when it cannot be read or is not a plausible date.</summary>
    /// <param name="value">A date as written ("2024-05-02T10:00:00Z", "Jan. 9, 2015").</param>
    /// <returns><c>yyyy-MM-dd</c> for a date, <c>yyyy-MM-ddTHH:mm:sszzz</c> for a date-time, or null.</returns>
    public static string? ToIso(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)
            && IsoLike().IsMatch(value))
        {
            if (!IsPlausible(dto.Year, dto.Month, dto.Day))
                return null;
            return value.Length <= 10 ? dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }
        return Find(value);
    }

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
        var m = MonthFirst().Match(text);
        if (m.Success && Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } a)
            return a;
        m = DayFirst().Match(text);
        if (m.Success && Build(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } b)
            return b;
        m = Numeric().Match(text);
        if (m.Success && int.TryParse(m.Groups["a"].Value, out int a1) && int.TryParse(m.Groups["b"].Value, out int b1)
            && int.TryParse(m.Groups["y"].Value, out int y1))
        {
            // US pages write month first; day first only when the first number cannot be a month.
            (int month, int day) = a1 > 12 ? (b1, a1) : (a1, b1);
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
        int mi = Array.FindIndex(Months, x => month.StartsWith(x, StringComparison.OrdinalIgnoreCase));
        if (mi < 0)
            mi = GermanFrenchMonth(month);
        if (mi < 0 || !int.TryParse(y, out int year) || !int.TryParse(d, out int day))
            return null;
        return Format(year, mi + 1, day);
    }

    private static int GermanFrenchMonth(string m)
    {
        string[][] names =
        [
            ["januar", "janvier", "jänner"], ["februar", "février", "fevrier"], ["märz", "mars"], ["avril"], ["mai"],
            ["juni", "juin"], ["juli", "juillet"], ["august", "août", "aout"], ["september", "septembre"],
            ["oktober", "octobre"], ["novembre"], ["dezember", "décembre", "decembre"],
        ];
        for (int i = 0; i < names.Length; i++)
            if (names[i].Any(n => m.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
                return i;
        return -1;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoLike();
    [GeneratedRegex(@"\b(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})\b")]
    private static partial Regex IsoDate();
    [GeneratedRegex(@"\b(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthFirst();
    [GeneratedRegex(@"\b(?<d>\d{1,2})\.?(?:er)?\s+(?<m>[A-Za-zäéû]+)\.?,?\s+(?<y>\d{4})\b")]
    private static partial Regex DayFirst();
    [GeneratedRegex(@"\b(?<a>\d{1,2})[/.](?<b>\d{1,2})[/.](?<y>\d{4})\b")]
    private static partial Regex Numeric();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingest.Core.Stages;

/// <summary>Turns dates as pages write them into ISO 8601 (<c>yyyy-MM-dd</c>, or a date-time when a time is given).</summary>
public static partial class DateParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Converts a machine or human date to ISO 8601, or null when it cannot be read.</summary>
    public static string? ToIso(string value)
    {
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto)
            && IsoLike().IsMatch(value))
        {
            return value.Length <= 10 ? dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }
        return Find(value);
    }

    /// <summary>Finds the first date written in <paramref name="text"/> ("Jan. 9, 2015", "9 January 2015", "2015-01-09").</summary>
    public static string? Find(string text)
    {
        var iso = IsoDate().Match(text);
        if (iso.Success)
            return iso.Value;
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
            if (month is >= 1 and <= 12 && day is >= 1 and <= 31)
                return new DateOnly(y1, month, Math.Min(day, DateTime.DaysInMonth(y1, month))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static string? Build(string y, string month, string d)
    {
        int mi = Array.FindIndex(Months, x => month.StartsWith(x, StringComparison.OrdinalIgnoreCase));
        if (mi < 0)
            mi = GermanFrenchMonth(month);
        if (mi < 0 || !int.TryParse(y, out int year) || !int.TryParse(d, out int day) || day < 1 || day > 31 || year < 1900 || year > 2100)
            return null;
        day = Math.Min(day, DateTime.DaysInMonth(year, mi + 1));
        return new DateOnly(year, mi + 1, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();
    [GeneratedRegex(@"\b(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthFirst();
    [GeneratedRegex(@"\b(?<d>\d{1,2})\.?(?:er)?\s+(?<m>[A-Za-zäéû]+)\.?,?\s+(?<y>\d{4})\b")]
    private static partial Regex DayFirst();
    [GeneratedRegex(@"\b(?<a>\d{1,2})[/.](?<b>\d{1,2})[/.](?<y>\d{4})\b")]
    private static partial Regex Numeric();
}

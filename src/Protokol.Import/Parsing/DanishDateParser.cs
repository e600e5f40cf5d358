using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>A date found in text, and where in the text it stood.</summary>
public readonly record struct DateMatch(DateOnly Date, int Index, int Length, bool HadYear);

/// <summary>
/// Dates and times as Danish minutes write them: "d. 3. marts 2020", "den 11. juni 2012",
/// "Torsdag d.10.09.15", "1.7.12", "03-11-2015", "2023-10-02" (ISO), "28. maj" (year from context), "kl. 15.00 – 18.00",
/// "kl. 15-18", "15.30 – 17.30".
/// </summary>
public static partial class DanishDateParser
{
    private static readonly string[] Months =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    private static readonly Dictionary<string, int> MonthByName = BuildMonths();

    private static Dictionary<string, int> BuildMonths()
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Months.Length; i++)
        {
            map[Months[i]] = i + 1;
            map[Months[i][..3]] = i + 1;
        }

        map["sept"] = 9;
        // English minutes (F): "14 May 2025", "May 14, 2025".
        string[] english = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        for (var i = 0; i < english.Length; i++)
        {
            map[english[i]] = i + 1;
        }

        map["oct"] = 10;
        return map;
    }

    /// <summary>All dates in <paramref name="text"/>, in order. A date without a year takes <paramref name="contextYear"/>, or is skipped without one.</summary>
    public static IReadOnlyList<DateMatch> FindDates(string text, int? contextYear = null)
    {
        var found = new List<DateMatch>();
        foreach (Match m in WrittenDate().Matches(text))
        {
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            var month = MonthByName[m.Groups["month"].Value.TrimEnd('.')];
            var hasYear = m.Groups["year"].Success;
            var year = hasYear ? Year(m.Groups["year"].Value) : contextYear;
            if (year is { } y && IsValid(y, month, day))
            {
                found.Add(new DateMatch(new DateOnly(y, month, day), m.Index, m.Length, hasYear));
            }
        }

        foreach (Match m in EnglishMonthFirstDate().Matches(text))
        {
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            var month = MonthByName[m.Groups["month"].Value];
            var year = Year(m.Groups["year"].Value);
            if (IsValid(year, month, day) && !found.Exists(f => Overlaps(f, m)))
            {
                found.Add(new DateMatch(new DateOnly(year, month, day), m.Index, m.Length, true));
            }
        }

        foreach (Match m in IsoDate().Matches(text))
        {
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (IsValid(year, month, day))
            {
                found.Add(new DateMatch(new DateOnly(year, month, day), m.Index, m.Length, true));
            }
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            if (found.Exists(f => Overlaps(f, m)))
            {
                continue;
            }

            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            var hasYear = m.Groups["year"].Success;
            var year = hasYear ? Year(m.Groups["year"].Value) : contextYear;
            if (year is { } y && IsValid(y, month, day))
            {
                found.Add(new DateMatch(new DateOnly(y, month, day), m.Index, m.Length, hasYear));
            }
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    /// <summary>The first time range or start time: "kl. 15.00 – 18.00", "Kl. 15-18", "15.30 – 17.30", "kl. 9".</summary>
    public static (TimeOnly? Start, TimeOnly? End) FindTimeRange(string text)
    {
        var range = TimeRange().Match(text);
        if (range.Success)
        {
            var start = Time(range.Groups["sh"].Value, range.Groups["sm"].Value);
            var end = Time(range.Groups["eh"].Value, range.Groups["em"].Value);
            if (start is not null && end is not null && end > start)
            {
                return (start, end);
            }
        }

        var single = SingleTime().Match(text);
        return single.Success ? (Time(single.Groups["h"].Value, single.Groups["m"].Value), null) : (null, null);
    }

    /// <summary>A time of day after "klokken"/"kl." ("senest den 21. juni klokken 12").</summary>
    public static TimeOnly? FindClock(string text)
    {
        var m = SingleTime().Match(text);
        return m.Success ? Time(m.Groups["h"].Value, m.Groups["m"].Value) : null;
    }

    private static TimeOnly? Time(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var min = minutes.Length == 0 ? 0 : int.Parse(minutes, CultureInfo.InvariantCulture);
        return h is >= 0 and <= 23 && min is >= 0 and <= 59 ? new TimeOnly(h, min) : null;
    }

    private static int Year(string text)
    {
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return text.Length == 2 ? 2000 + value : value;
    }

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1950 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool Overlaps(DateMatch d, Match m) => m.Index < d.Index + d.Length && d.Index < m.Index + m.Length;

    [GeneratedRegex(@"(?<![\p{L}\d])(?<day>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?<month>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|march|may|june|july|october|jan\.?|feb\.?|mar\.?|apr\.?|aug\.?|sept?\.?|okt\.?|nov\.?|dec\.?)(?![\p{L}])(?:\s+(?<year>(?:19|20)\d{2}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenDate();

    /// <summary>"May 14, 2025", "June 3rd 2025": an English date with the month first and a year (F: English minutes).</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?<month>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>(?:19|20)\d{2})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMonthFirstDate();

    /// <summary>"2023-10-02": year, month and day, two digits each after the year (a case number "2023-1234" is none).</summary>
    [GeneratedRegex(@"(?<![\d\-/.])(?<year>(?:19|20)\d{2})-(?<month>\d{2})-(?<day>\d{2})(?![\d\-/])", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>
    /// "13.3.2024", "13-03-24", "13/3"; also "13/3 2024", the year after a space where a slash divides day and month (F: a PDF's Mødedato).
    /// "2.2 Trafik ved Solgården" at the start of a line is a sub-item's number, not 2 February (F: decimal-numbered minutes).
    /// </summary>
    [GeneratedRegex(@"(?<![\d,\-/])(?<!\d\.)(?<day>\d{1,2})[.\-/](?<month>\d{1,2})(?:[.\-/](?<year>(?:19|20)\d{2}|\d{2})|(?<=/\d{1,2})\s(?<year>(?:19|20)\d{2})(?!\d))?(?![\d/]|[.\-]\d|,\d)(?(year)|(?:(?!\s+\p{Lu})|(?<!(?:^|\n)[ \t]*\d{1,2}\.\d{1,2})))", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?:(?<![\p{L}])kl(?:okken)?\.?\s*)?(?<![\d.])(?<sh>[01]?\d|2[0-3])(?:[.:](?<sm>[0-5]\d))?\s*(?:-|–|—|til)\s*(?:kl\.?\s*)?(?<eh>[01]?\d|2[0-3])(?:[.:](?<em>[0-5]\d))?(?![\d.]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeRange();

    [GeneratedRegex(@"(?<![\p{L}])kl(?:okken)?\.?\s*(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingleTime();
}

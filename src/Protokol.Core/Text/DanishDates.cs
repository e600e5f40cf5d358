using System.Globalization;

namespace Protokol.Core.Text;

/// <summary>Dates and times the way Danish minutes write them: "tirsdag d. 3. marts 2020 kl. 15.00–18.00".</summary>
public static class DanishDates
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"tirsdag d. 3. marts 2020".</summary>
    public static string LongDate(DateOnly date) =>
        string.Create(Culture, $"{Culture.DateTimeFormat.GetDayName(date.DayOfWeek)} d. {date.Day}. {Culture.DateTimeFormat.GetMonthName(date.Month)} {date.Year}");

    /// <summary>"3. marts 2020".</summary>
    public static string Date(DateOnly date) =>
        string.Create(Culture, $"{date.Day}. {Culture.DateTimeFormat.GetMonthName(date.Month)} {date.Year}");

    /// <summary>"15.00".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH'.'mm", CultureInfo.InvariantCulture);

    /// <summary>"kl. 15.00–18.00", "kl. 15.00" or empty.</summary>
    public static string TimeRange(TimeOnly? start, TimeOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"kl. {Time(s)}–{Time(e)}",
        ({ } s, null) => $"kl. {Time(s)}",
        _ => string.Empty,
    };

    /// <summary>"tirsdag d. 3. marts 2020 kl. 15.00–18.00".</summary>
    public static string MeetingTime(DateOnly date, TimeOnly? start, TimeOnly? end)
    {
        var range = TimeRange(start, end);
        return range.Length == 0 ? LongDate(date) : $"{LongDate(date)} {range}";
    }

    /// <summary>"marts".</summary>
    public static string MonthName(int month) => Culture.DateTimeFormat.GetMonthName(month);
}

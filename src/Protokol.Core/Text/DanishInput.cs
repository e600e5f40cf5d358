using System.Globalization;
using Protokol.Core.Common;

namespace Protokol.Core.Text;

/// <summary>
/// The one parser for dates and times a Danish secretary types into the back office's forms:
/// "3.3.2026", "03-03-2026", "3/3/2026", "2026-03-03", "3. marts 2026" (and, with a default year,
/// "3.3" or "3. marts"); "15.00", "15:00", "1500", "9.30", "930" or "15". A value that is none of
/// these is refused with a Danish message naming the field.
/// </summary>
public static class DanishInput
{
    /// <summary>The first year a date may have: older minutes than this are not a council's archive.</summary>
    public const int FirstYear = 1900;

    /// <summary>The last year a date may have (a typo such as 9999 is refused, not planned).</summary>
    public const int LastYear = 2200;

    private static readonly string[] NumericDateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d-M-yyyy", "d/M/yyyy", "d.M.yy", "d-M-yy", "d/M/yy"];

    /// <summary>A required date; <paramref name="field"/> names the field in the error ("Dato").</summary>
    public static DateOnly Date(string? text, string field, int? defaultYear = null) =>
        OptionalDate(text, field, defaultYear) ?? throw new DomainRuleException($"{field}: skriv en dato, fx 3.3.2027.", field);

    /// <summary>An optional date: empty gives null, anything else must be a date.</summary>
    public static DateOnly? OptionalDate(string? text, string field, int? defaultYear = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TryDate(text, defaultYear, out var date)
            ? date
            : throw new DomainRuleException($"{field}: {NotADate(text.Trim(), defaultYear, "Skriv fx 3.3.2027 eller 2027-03-03.")}", field);
    }

    /// <summary>A required deadline: as <see cref="OptionalDeadline"/>, and empty is refused.</summary>
    public static DateOnly Deadline(string? text, string field, DateOnly today) =>
        OptionalDeadline(text, field, today) ?? throw new DomainRuleException($"{field}: skriv en dato, fx 3.3.{today.Year + 1}.", field);

    /// <summary>
    /// An optional deadline (a follow-up's, a hearing's, the members' comments'): any date <see cref="OptionalDate"/> takes,
    /// and a date typed without a year ("1.3", "1. marts") is its next occurrence from <paramref name="today"/> on, as a
    /// person means a deadline.
    /// </summary>
    public static DateOnly? OptionalDeadline(string? text, string field, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryDate(text, null, out var dated))
        {
            return dated;
        }

        // Four years ahead at most, so 29 February finds its next leap year.
        for (var year = today.Year; year <= today.Year + 4; year++)
        {
            if (TryDate(text, year, out var date) && date >= today)
            {
                return date;
            }
        }

        throw new DomainRuleException($"{field}: {NotADate(text.Trim(), null, $"Skriv fx 3.3.{today.Year + 1}, 3.3 eller 3. marts.")}", field);
    }

    /// <summary>Why <paramref name="text"/> is no date: a year out of the span is named as such, anything else gets the examples.</summary>
    private static string NotADate(string text, int? defaultYear, string examples) =>
        TryParse(text, defaultYear, out var date) && !IsSupportedYear(date.Year)
            ? $"\"{text}\" ligger i år {date.Year}; en dato skal ligge mellem år {FirstYear} og {LastYear}."
            : $"\"{text}\" er ikke en dato. {examples}";

    /// <summary>
    /// One date a line, as in the year plan (<paramref name="year"/> for the lines that give none, when given); the error names the line.
    /// </summary>
    public static IReadOnlyList<DateOnly> DateLines(string? text, int? year)
    {
        if (year is { } y && !IsSupportedYear(y))
        {
            throw new DomainRuleException($"År: skriv et år mellem {FirstYear} og {LastYear}.", "År");
        }

        var dates = new List<DateOnly>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var example = year ?? 2027;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd(',', ';');
            if (TryDate(line, year, out var date))
            {
                dates.Add(date);
            }
            else if (year is null && TryDate(line, example, out _))
            {
                throw new DomainRuleException($"Linje {i + 1}: \"{line}\" har intet år. Skriv året i feltet År, eller skriv datoen med år, fx 3.3.{example}.");
            }
            else
            {
                throw new DomainRuleException($"Linje {i + 1}: {NotADate(line, year, $"Skriv fx 3.3.{example}, {example}-03-03 eller 3. marts.")}");
            }
        }

        return dates;
    }

    /// <summary>A required time of day.</summary>
    public static TimeOnly Time(string? text, string field) =>
        OptionalTime(text, field) ?? throw new DomainRuleException($"{field}: skriv et klokkeslæt, fx 15.00.", field);

    /// <summary>An optional time of day: empty gives null, anything else must be a time.</summary>
    public static TimeOnly? OptionalTime(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TryTime(text, out var time)
            ? time
            : throw new DomainRuleException($"{field}: \"{text.Trim()}\" er ikke et klokkeslæt. Skriv fx 15.00, 15:00, 15,00 eller 1500.", field);
    }

    public static bool TryDate(string? text, int? defaultYear, out DateOnly date) =>
        TryParse(text, defaultYear, out date) && IsSupportedYear(date.Year);

    /// <summary>A date in any of the forms, whatever its year (within what a date can hold).</summary>
    private static bool TryParse(string? text, int? defaultYear, out DateOnly date)
    {
        date = default;
        var value = (text ?? string.Empty).Trim().TrimEnd(',', ';');
        if (value.Length == 0)
        {
            return false;
        }

        if (DateOnly.TryParseExact(value, NumericDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        // "3. marts 2026", "3 mar 2026", "3.3" and "3. marts" with a default year.
        var parts = value.Replace(". ", ".", StringComparison.Ordinal).TrimEnd('.')
            .Split(['.', '/', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (2 or 3) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        var month = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : MonthOf(parts[1]);
        int year;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out year))
            {
                return false;
            }

            year = year < 100 ? 2000 + year : year;
        }
        else if (defaultYear is { } y)
        {
            year = y;
        }
        else
        {
            return false;
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Whether a year lies in the span the portal pages and plans (<see cref="FirstYear"/>–<see cref="LastYear"/>).</summary>
    public static bool IsSupportedYear(int year) => year is >= FirstYear and <= LastYear;

    public static bool TryTime(string? text, out TimeOnly time)
    {
        time = default;
        var value = (text ?? string.Empty).Trim();
        if (value.StartsWith("kl", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..].TrimStart('.', ' ');
        }

        // "15.00", "15:00" and the decimal comma of a number typed on a Danish keypad, "15,00".
        value = value.Replace('.', ':').Replace(',', ':');
        int hour, minute;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!int.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || value.Length - colon - 1 != 2
                || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out minute))
            {
                return false;
            }
        }
        else if (value.Length is 1 or 2 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out hour))
        {
            minute = 0;
        }
        else if (value.Length is 3 or 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            hour = digits / 100;
            minute = digits % 100;
        }
        else
        {
            return false;
        }

        if (hour is < 0 or > 23 || minute is < 0 or > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static int MonthOf(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length < 3)
        {
            return 0;
        }

        var names = DanishDates.Culture.DateTimeFormat.MonthNames;
        return Array.FindIndex(names, n => n.Length > 0 && n.StartsWith(lower, StringComparison.Ordinal)) + 1;
    }
}

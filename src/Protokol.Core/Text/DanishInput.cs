using System.Globalization;
using Protokol.Core.Common;

namespace Protokol.Core.Text;

/// <summary>
/// Dates and times as a Danish secretary types them into a form: "2027-02-09", "9.2.2027", "9/2",
/// "9. februar" (the given year when none is written), "15.00" or "15:00". A value that is none of
/// these is a <see cref="DomainRuleException"/> naming the field and what was typed.
/// </summary>
public static class DanishInput
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "d/M/yyyy", "d-M-yyyy"];

    /// <summary>An optional date field: empty is null.</summary>
    public static DateOnly? OptionalDate(string? text, string field, int? year = null) =>
        string.IsNullOrWhiteSpace(text) ? null : Date(text, field, year);

    public static DateOnly Date(string? text, string field, int? year = null) =>
        TryDate(text ?? string.Empty, year) ?? throw new DomainRuleException(
            string.IsNullOrWhiteSpace(text) ? $"{field}: skriv en dato." : $"{field}: \"{text.Trim()}\" er ikke en dato (skriv fx 2027-02-09, 9.2.2027 eller 9. februar).");

    /// <summary>One date a line, as in the year plan; the error names the line.</summary>
    public static IReadOnlyList<DateOnly> DateLines(string? text, int year)
    {
        var dates = new List<DateOnly>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd(',', ';', '.');
            dates.Add(TryDate(line, year) ?? throw new DomainRuleException($"Linje {i + 1}: \"{line}\" er ikke en dato (skriv fx 2027-02-09, 9.2.2027 eller 9. februar)."));
        }

        return dates;
    }

    public static TimeOnly? OptionalTime(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TimeOnly.TryParseExact(text.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw new DomainRuleException($"{field} \"{text.Trim()}\" er ikke et klokkeslæt (skriv fx 15.00).");

    private static DateOnly? TryDate(string text, int? year)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var parts = text.Replace(". ", ".", StringComparison.Ordinal).Split(['.', '/', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 2 or 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            var month = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                : parts[1].Length >= 3 ? Array.FindIndex(DanishDates.Culture.DateTimeFormat.MonthNames, n => n.Length > 0 && n.StartsWith(parts[1].ToLowerInvariant(), StringComparison.Ordinal)) + 1
                : 0;
            int? y = parts.Length == 3 ? int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var given) ? given : null : year;
            if (y is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y.Value, month))
            {
                return new DateOnly(y.Value, month, day);
            }
        }

        return null;
    }
}

using System.Data.Common;

namespace Protokol.Data.Portal;

/// <summary>
/// SQLite's stored timestamps read without <see cref="DateTime.Parse(string, IFormatProvider)"/>: EF Core stores a
/// <see cref="DateTime"/> as text, "2026-11-23 09:00:00.1234567", and Microsoft.Data.Sqlite reads it back through the
/// general parser (issue 17: 4 % of an OParl meeting list's samples, two stamps per agenda item). Only that shape is
/// read here; anything else is left to the provider.
/// </summary>
public static class SqliteTimestamps
{
    /// <summary>"yyyy-MM-dd HH:mm:ss" (or with 'T') and an optional fraction of 1–7 digits, as an unspecified-kind time.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Number(text, 0, 4, out var year) || !Number(text, 5, 2, out var month) || !Number(text, 8, 2, out var day)
            || !Number(text, 11, 2, out var hour) || !Number(text, 14, 2, out var minute) || !Number(text, 17, 2, out var second))
        {
            return false;
        }

        long fraction = 0;
        if (text.Length > 19)
        {
            var digits = text.Length - 20;
            if (text[19] != '.' || digits is < 1 or > 7 || !Number(text, 20, digits, out var f))
            {
                return false;
            }

            fraction = f;
            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        return true;
    }

    /// <summary>
    /// A stored date (<see cref="DateOnly"/>) as the lean reads need it: on SQLite, where EF Core stores it as "yyyy-MM-dd" text,
    /// read without the provider's general parser (issue 17: the front page's 80 dates were 3 % of its samples); on PostgreSQL
    /// as the provider reads it.
    /// </summary>
    public static DateOnly Date(DbDataReader r, int i) =>
        r is Microsoft.Data.Sqlite.SqliteDataReader && TryParseDate(r.GetString(i), out var date) ? date : r.GetFieldValue<DateOnly>(i);

    /// <summary>A stored time of day: on SQLite "HH:mm:ss" (or with a fraction) read as <see cref="Date"/> reads a date.</summary>
    public static TimeOnly Time(DbDataReader r, int i) =>
        r is Microsoft.Data.Sqlite.SqliteDataReader && TryParseTime(r.GetString(i), out var time) ? time : r.GetFieldValue<TimeOnly>(i);

    /// <summary>"yyyy-MM-dd" exactly, else false (left to the provider).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        value = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !Number(text, 0, 4, out var year) || !Number(text, 5, 2, out var month) || !Number(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>"HH:mm:ss" and an optional fraction of 1–7 digits, else false (left to the provider).</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out TimeOnly value)
    {
        value = default;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !Number(text, 0, 2, out var hour) || !Number(text, 3, 2, out var minute) || !Number(text, 6, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        if (text.Length > 8)
        {
            var digits = text.Length - 9;
            if (text[8] != '.' || digits is < 1 or > 7 || !Number(text, 9, digits, out var f))
            {
                return false;
            }

            fraction = f;
            for (var d = digits; d < 7; d++)
            {
                fraction *= 10;
            }
        }

        value = new TimeOnly(new TimeOnly(hour, minute, second).Ticks + fraction);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> text, int at, int count, out int value)
    {
        value = 0;
        for (var i = at; i < at + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}

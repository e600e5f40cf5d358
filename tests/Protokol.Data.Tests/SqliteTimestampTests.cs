using System.Globalization;
using Protokol.Data.Portal;

namespace Protokol.Data.Tests;

public sealed class SqliteTimestampTests
{
    [Fact]
    public void A_stored_timestamp_reads_as_the_providers_parser_reads_it_and_anything_else_is_left_to_the_provider()
    {
        // EF Core's text for a DateTime on SQLite, with every length of fraction it writes (trailing zeros dropped), and none.
        var random = new Random(17);
        for (var n = 0; n < 20_000; n++)
        {
            var moment = new DateTime(DateTime.MinValue.Ticks + (long)(random.NextDouble() * (DateTime.MaxValue.Ticks - DateTime.MinValue.Ticks)));
            if (n % 5 == 0)
            {
                moment = new DateTime(moment.Year, moment.Month, moment.Day, moment.Hour, moment.Minute, moment.Second).AddTicks(random.Next(10) * 100_000);
            }

            foreach (var text in new[] { moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), moment.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) })
            {
                Assert.True(SqliteTimestamps.TryParse(text, out var read), text);
                var expected = DateTime.Parse(text, CultureInfo.InvariantCulture);
                Assert.Equal(expected, read);
                Assert.Equal(expected.Kind, read.Kind);
            }
        }

        foreach (var other in new[]
        {
            "2026-11-23 09:00:00Z", "2026-11-23 09:00:00+01:00", "2026-11-23 09:00:00.12345678", "2026-11-23 09:00:00.", "2026-11-23", "2026-11-23 9:00:00",
            "2026-13-01 00:00:00", "2026-02-29 00:00:00", "2026-11-23 24:00:00", "0000-01-01 00:00:00", "2460999.5", "abcd-ef-gh ij:kl:mn", "", "2026-11-23 09:00:00 ",
        })
        {
            Assert.False(SqliteTimestamps.TryParse(other, out _), other);
        }
    }

    [Fact]
    public void A_stored_date_and_time_of_day_read_as_the_providers_parser_reads_them_and_anything_else_is_left_to_the_provider()
    {
        // EF Core's text on SQLite: a DateOnly as "yyyy-MM-dd", a TimeOnly as "HH:mm:ss" with the fraction's trailing zeros dropped.
        var random = new Random(17);
        for (var n = 0; n < 20_000; n++)
        {
            var date = DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1));
            var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.True(SqliteTimestamps.TryParseDate(dateText, out var readDate), dateText);
            Assert.Equal(DateOnly.Parse(dateText, CultureInfo.InvariantCulture), readDate);

            var time = new TimeOnly((long)(random.NextDouble() * TimeOnly.MaxValue.Ticks));
            if (n % 3 == 0)
            {
                time = new TimeOnly(time.Hour, time.Minute, n % 2 == 0 ? 0 : time.Second);
            }

            var timeText = time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            Assert.True(SqliteTimestamps.TryParseTime(timeText, out var readTime), timeText);
            Assert.Equal(TimeOnly.Parse(timeText, CultureInfo.InvariantCulture), readTime);
        }

        foreach (var other in new[] { "2026-11-23 ", "2026-11-2", "2026-13-01", "2026-02-29", "0000-01-01", "20261123", "abcd-ef-gh", "", "2026-11-23T00:00:00" })
        {
            Assert.False(SqliteTimestamps.TryParseDate(other, out _), other);
        }

        foreach (var other in new[] { "24:00:00", "09:60:00", "9:00:00", "09:00", "09:00:00.", "09:00:00.12345678", "09:00:00Z", "ab:cd:ef", "" })
        {
            Assert.False(SqliteTimestamps.TryParseTime(other, out _), other);
        }
    }
}

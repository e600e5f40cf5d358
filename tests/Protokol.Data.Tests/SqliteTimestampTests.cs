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
}

using Protokol.Core.Common;

namespace Protokol.Core.Tests;

public sealed class CopenhagenTests
{
    [Theory]
    [InlineData("2026-03-02T23:30:00Z", "2026-03-03")] // 00:30 in winter (UTC+1): already the next day
    [InlineData("2026-07-01T22:30:00Z", "2026-07-02")] // 00:30 in summer (UTC+2)
    [InlineData("2026-07-01T21:30:00Z", "2026-07-01")]
    public void Today_is_the_Danish_day_not_the_UTC_day(string utc, string expected)
    {
        var clock = new Clock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Copenhagen.Today(clock));
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_moves_forward()
    {
        var utc = Copenhagen.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));

        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), utc);
    }
}

file sealed class Clock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

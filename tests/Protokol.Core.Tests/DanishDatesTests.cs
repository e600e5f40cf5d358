using Protokol.Core.Text;

namespace Protokol.Core.Tests;

public sealed class DanishDatesTests
{
    [Fact]
    public void Writes_the_long_date_as_Danish_minutes_do() =>
        Assert.Equal("tirsdag d. 3. marts 2020", DanishDates.LongDate(new DateOnly(2020, 3, 3)));

    [Fact]
    public void Writes_meeting_time_with_start_and_end() =>
        Assert.Equal("tirsdag d. 3. marts 2020 kl. 15.00–18.00", DanishDates.MeetingTime(new DateOnly(2020, 3, 3), new TimeOnly(15, 0), new TimeOnly(18, 0)));

    [Theory]
    [InlineData(9, 30, null, null, "kl. 09.30")]
    [InlineData(null, null, null, null, "")]
    [InlineData(15, 0, 17, 30, "kl. 15.00–17.30")]
    public void Writes_time_ranges(int? sh, int? sm, int? eh, int? em, string expected)
    {
        TimeOnly? start = sh is null ? null : new TimeOnly(sh.Value, sm!.Value);
        TimeOnly? end = eh is null ? null : new TimeOnly(eh.Value, em!.Value);
        Assert.Equal(expected, DanishDates.TimeRange(start, end));
    }

    [Fact]
    public void Uses_Danish_month_and_day_names() =>
        Assert.Equal("lørdag d. 1. februar 2025", DanishDates.LongDate(new DateOnly(2025, 2, 1)));
}

namespace Protokol.Core.Common;

/// <summary>
/// Danish local time, the one clock every rule and page reads: "today" decides what the next meeting
/// is, what is overdue and which search dates are in the future, so it must never be the UTC day
/// (between midnight and 01:00 or 02:00 Danish time the two differ).
/// </summary>
public static class Copenhagen
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The wall-clock time in Denmark now.</summary>
    public static DateTime Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime;

    /// <summary>Today's date in Denmark.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    /// <summary>A UTC instant as Danish wall-clock time.</summary>
    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A Danish wall-clock time as a UTC instant (a time skipped by the spring change moves forward).</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}

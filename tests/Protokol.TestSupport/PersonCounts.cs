using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Data;
using Xunit;

namespace Protokol.TestSupport;

/// <summary>The kept attendance counts per person, year and status (issue 17) against a count over the rows.</summary>
public static class PersonCounts
{
    /// <summary>The counts from the rows: attendance at meetings whose minutes are public, per person, year and status.</summary>
    public static async Task<List<(int Person, int Year, AttendanceStatus Status, int Meetings)>> CountedAsync(ProtokolDbContext db)
    {
        var rows = await db.Attendance.AsNoTracking()
            .Where(a => a.Meeting.State >= MeetingState.MinutesPublished)
            .Select(a => new { a.PersonId, a.Meeting.Date, a.Status })
            .ToListAsync();
        return rows.GroupBy(r => (r.PersonId, r.Date.Year, r.Status))
            .Select(g => (g.Key.PersonId, g.Key.Year, g.Key.Status, g.Count()))
            .Order()
            .ToList();
    }

    /// <summary>The kept table as it is.</summary>
    public static async Task<List<(int Person, int Year, AttendanceStatus Status, int Meetings)>> KeptAsync(ProtokolDbContext db) =>
        (await db.PersonYearCounts.AsNoTracking().ToListAsync())
            .Select(c => (c.PersonId, c.Year, c.Status, c.Meetings))
            .Order()
            .ToList();

    /// <summary>Fails with both lists unless the kept counts are the counted ones (and there are some).</summary>
    public static async Task AssertKeptAsync(TestDatabase database, string after)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var counted = await CountedAsync(db);
        Assert.NotEmpty(counted);
        var kept = await KeptAsync(db);
        Assert.True(counted.SequenceEqual(kept), $"after {after}: kept {string.Join("; ", kept)} but counted {string.Join("; ", counted)}");
    }
}

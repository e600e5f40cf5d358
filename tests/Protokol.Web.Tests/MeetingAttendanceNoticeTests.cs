using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>Published minutes without recorded attendance say so under "Deltagere" instead of an empty heading (session 23).</summary>
public sealed class MeetingAttendanceNoticeTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task Minutes_without_attendance_say_none_was_recorded()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).Concat(await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AttendanceGuestItems\" WHERE \"AttendanceId\" IN (SELECT \"Id\" FROM \"Attendance\" WHERE \"MeetingId\" = {0})", meeting.Id);
            Assert.True(await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Attendance\" WHERE \"MeetingId\" = {0}", meeting.Id) > 0);
        }

        var (_, after) = await app.GetPageAsync($"/moeder/{meeting.Id}");
        var section = after.QuerySelector("section.attendance")!;
        Assert.Empty(section.QuerySelectorAll(".attendance__groups"));
        Assert.Contains("Deltagelsen er ikke registreret for dette møde.", section.TextContent, StringComparison.Ordinal);
    }
}

using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Reports;

namespace Protokol.Core.Tests;

public sealed class AnnualReportTests
{
    private static readonly List<(int Id, DateOnly Date)> Meetings = [(1, new DateOnly(2026, 2, 10)), (2, new DateOnly(2026, 6, 9)), (3, new DateOnly(2026, 11, 24))];

    private static readonly List<AnnualAttendance.Seat> Seats =
    [
        new(10, "Formand", MembershipRole.Chair, "Foreningen", null, null),
        new(11, "Ny", MembershipRole.Member, null, new DateOnly(2026, 5, 1), null),
        new(12, "Gået", MembershipRole.Member, null, null, new DateOnly(2026, 3, 1)),
        new(13, "Suppleant", MembershipRole.Substitute, null, null, null),
        new(14, "Ubrugt suppleant", MembershipRole.Substitute, null, null, null),
        new(15, "Observatør", MembershipRole.Observer, null, null, null),
    ];

    private static readonly List<(int MeetingId, int PersonId, AttendanceStatus Status)> Attendance =
    [
        (1, 10, AttendanceStatus.Present), (2, 10, AttendanceStatus.Apologies), (3, 10, AttendanceStatus.Present),
        (2, 11, AttendanceStatus.Present), (3, 11, AttendanceStatus.Absent),
        (1, 12, AttendanceStatus.Present),
        (2, 13, AttendanceStatus.Present),
        (1, 15, AttendanceStatus.Present),
    ];

    [Fact]
    public void Each_member_is_counted_over_the_meetings_of_their_term_and_substitutes_by_the_meetings_they_came_to()
    {
        var rows = AnnualAttendance.PerMember(Meetings, Seats, Attendance).ToDictionary(r => r.Name);

        Assert.Equal(["Formand", "Gået", "Ny", "Suppleant"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((3, 2, 1), (rows["Formand"].Meetings, rows["Formand"].Present, rows["Formand"].Apologies));
        Assert.Equal(2.0 / 3, rows["Formand"].Rate!.Value, 6);
        Assert.Equal((2, 1), (rows["Ny"].Meetings, rows["Ny"].Present)); // joined in May
        Assert.Equal((1, 1), (rows["Gået"].Meetings, rows["Gået"].Present)); // left in March
        Assert.Null(rows["Suppleant"].Rate);
        Assert.Equal(1, rows["Suppleant"].Present);
        Assert.Equal("Formand", AnnualAttendance.PerMember(Meetings, Seats, Attendance)[0].Name); // the chair first
    }

    [Fact]
    public void A_meeting_counts_the_seated_members_and_the_substitutes_who_came_apart()
    {
        Assert.Equal((2, 0, 0, 2, 0), AnnualAttendance.ForMeeting(1, Meetings[0].Date, Seats, Attendance)); // chair and the member who later left; not the observer
        Assert.Equal((1, 1, 0, 2, 1), AnnualAttendance.ForMeeting(2, Meetings[1].Date, Seats, Attendance)); // the new member and a substitute came; the chair sent apologies
        Assert.Equal((1, 0, 1, 2, 0), AnnualAttendance.ForMeeting(3, Meetings[2].Date, Seats, Attendance));
    }

    [Fact]
    public void A_substitute_standing_in_is_shown_beside_the_members_present_not_among_them()
    {
        // Session 34's tester saw "6 af 6" beside 1 apology when a substitute stood in.
        var meeting = new ReportMeeting(1, new DateOnly(2026, 3, 3), null, null, null, null, Present: 5, Apologies: 1, Absent: 0, Members: 6, Substitutes: 1);
        Assert.Equal("5 af 6 + 1 suppleant", meeting.Turnout);
        Assert.Equal("6 af 6", (meeting with { Present = 6, Apologies = 0, Substitutes = 0 }).Turnout);
        Assert.Equal("4 af 6 + 2 suppleanter", (meeting with { Present = 4, Substitutes = 2 }).Turnout);
    }
}

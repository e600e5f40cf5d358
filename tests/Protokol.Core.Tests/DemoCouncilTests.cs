using Protokol.Core.Demo;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

public sealed class DemoCouncilTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly DemoData _demo = DemoCouncil.Build(new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), Today);

    [Fact]
    public void Spans_two_years_of_meetings_with_the_whole_life_cycle()
    {
        Assert.Contains(_demo.Meetings, m => m.Date.Year == 2025);
        Assert.Contains(_demo.Meetings, m => m.Date.Year == 2026);
        Assert.Contains(_demo.Meetings, m => m.State == MeetingState.MinutesApproved);
        Assert.Contains(_demo.Meetings, m => m.State == MeetingState.MinutesPublished);
        Assert.Contains(_demo.Meetings, m => m.State == MeetingState.AgendaPublished && m.Date >= Today);
        Assert.Contains(_demo.Meetings, m => m.State == MeetingState.Planned);
        Assert.All(_demo.Meetings.Where(m => m.State == MeetingState.MinutesApproved), m => Assert.True(m.MinutesApprovedBy!.Date > m.Date));
    }

    [Fact]
    public void Nothing_is_published_in_the_future()
    {
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

        Assert.All(_demo.Meetings, m =>
        {
            Assert.True(m.AgendaPublishedAt is null || m.AgendaPublishedAt <= now, $"agenda of {m.Date} published {m.AgendaPublishedAt}");
            Assert.True(m.MinutesPublishedAt is null || m.MinutesPublishedAt <= now, $"minutes of {m.Date} published {m.MinutesPublishedAt}");
        });
        Assert.Contains(_demo.Meetings, m => m.MinutesPublishedAt is { } at && at < now.AddDays(-30));
    }

    [Fact]
    public void Has_attendance_decisions_follow_ups_hearings_and_the_hard_cases()
    {
        var held = _demo.Meetings.Where(m => m.State >= MeetingState.MinutesPublished).ToList();
        Assert.All(held, m => Assert.Contains(m.Attendance, a => a.Status == AttendanceStatus.Present));
        Assert.Contains(held, m => m.Attendance.Any(a => a.Status == AttendanceStatus.Apologies));
        Assert.Contains(held, m => m.Attendance.Any(a => a.SubstituteFor is not null));
        Assert.Contains(held, m => m.Attendance.Any(a => a.Status == AttendanceStatus.Guest && a.GuestItems.Count > 0));
        Assert.Contains(held, m => m.Items.Any(i => i.Decision == "Godkendt"));
        Assert.Contains(held, m => m.Items.Any(i => i.Withdrawn));
        Assert.Contains(held, m => m.Items.Any(i => !i.IsPublic));
        Assert.Contains(held, m => m.Items.Any(i => i.Parent is not null));
        Assert.Contains(_demo.FollowUps, f => f.CarriedToItem is not null);
        Assert.Contains(_demo.FollowUps, f => f.Status == FollowUpStatus.Open);
        Assert.Contains(_demo.Hearings, h => h.Response is not null);
        Assert.Contains(_demo.People, p => p.Publication == PublicationLevel.RoleOnly);
    }

    [Fact]
    public void Each_hearing_has_its_own_subject_naming_the_years_after_its_meeting()
    {
        Assert.True(_demo.Hearings.Count >= 3, $"{_demo.Hearings.Count} hearings");
        Assert.Equal(_demo.Hearings.Count, _demo.Hearings.Select(h => h.Subject).Distinct().Count());
        Assert.All(_demo.Hearings, h => Assert.Matches(@"\d{4}–\d{4}$", h.Subject));
    }

    [Fact]
    public void Is_the_same_every_time_for_the_same_day()
    {
        var again = DemoCouncil.Build(new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), Today);
        Assert.Equal(
            _demo.Meetings.SelectMany(m => m.ItemsInOrder.Select(i => $"{m.Date}:{i.Number}:{i.Title}:{i.Decision}")),
            again.Meetings.SelectMany(m => m.ItemsInOrder.Select(i => $"{m.Date}:{i.Number}:{i.Title}:{i.Decision}")));
    }

    [Fact]
    public void Follows_today_so_there_is_always_a_next_meeting()
    {
        var early = DemoCouncil.Build(new DateTime(2030, 1, 5, 9, 0, 0, DateTimeKind.Utc), new DateOnly(2030, 1, 5));
        Assert.Contains(early.Meetings, m => m.State == MeetingState.AgendaPublished && m.Date >= new DateOnly(2030, 1, 5));
        Assert.Contains(early.Meetings, m => m.State == MeetingState.MinutesApproved);
    }
}

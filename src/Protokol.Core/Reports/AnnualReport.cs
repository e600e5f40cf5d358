using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Reports;

/// <summary>
/// A council's year (årsrapport): the meetings held with their hosts, attendance per member, the
/// topics treated by kind, the decisions, the hearing responses with their deadlines, follow-ups
/// opened and closed, and the secretary's foreword and recommendations. Built from public data
/// only: people shown by role appear by role, closed items by title.
/// </summary>
public sealed record AnnualReport(
    string OrganizationName,
    string OrganizationSlug,
    string BodyName,
    int Year,
    string? Foreword,
    string? Recommendations,
    IReadOnlyList<ReportMeeting> Meetings,
    IReadOnlyList<MemberAttendance> Attendance,
    IReadOnlyList<TopicGroup> Topics,
    IReadOnlyList<ReportDecision> Decisions,
    IReadOnlyList<ReportHearing> Hearings,
    FollowUpSummary FollowUps,
    int MeetingsWithoutPublishedMinutes);

/// <summary>
/// A meeting held in the year: how many of its seated members came (<paramref name="Present"/> of <paramref name="Members"/>), sent apologies
/// or stayed away, and how many substitutes came in their place, counted apart so "6 af 6" is never shown beside an apology.
/// </summary>
public sealed record ReportMeeting(int Id, DateOnly Date, TimeOnly? Start, TimeOnly? End, string? Host, string? Place, int Present, int Apologies, int Absent, int Members, int Substitutes = 0)
{
    /// <summary>"5 af 6", or "5 af 6 + 1 suppleant".</summary>
    public string Turnout => $"{Present} af {Members}" + Substitutes switch { 0 => string.Empty, 1 => " + 1 suppleant", var n => $" + {n} suppleanter" };
}

/// <summary>One seat's year: meetings while seated, present, apologies; the rate is present / meetings (none for a substitute, who comes when needed).</summary>
public sealed record MemberAttendance(string Name, MembershipRole Role, string? Represents, int Meetings, int Present, int Apologies)
{
    public double? Rate => Role == MembershipRole.Substitute || Meetings == 0 ? null : (double)Present / Meetings;
}

public sealed record TopicGroup(AgendaItemKind Kind, IReadOnlyList<ReportItem> Items);

public sealed record ReportItem(int MeetingId, DateOnly Date, string Number, string Title);

public sealed record ReportDecision(int MeetingId, DateOnly Date, string Number, string Title, string Decision);

public sealed record ReportHearing(string Subject, string? Sender, DateOnly Deadline, HearingStatus Status, DateOnly? RespondedOn, string? Response);

public sealed record FollowUpSummary(int Opened, int Closed, IReadOnlyList<ReportFollowUp> OpenAtYearEnd);

public sealed record ReportFollowUp(string Text, string? Owner, DateOnly? Due);

/// <summary>The attendance arithmetic of the annual report, kept apart from storage so it can be tested on its own.</summary>
public static class AnnualAttendance
{
    /// <summary>A seat in the council: who (a key and the name to show), role, represented organisation, term.</summary>
    public sealed record Seat(int PersonId, string Name, MembershipRole Role, string? Represents, DateOnly? Start, DateOnly? End)
    {
        public bool Covers(DateOnly date) => (Start is null || Start <= date) && (End is null || End >= date);
    }

    /// <summary>Roles that count as the council's members in the attendance figures.</summary>
    public static bool Counts(MembershipRole role) => role is MembershipRole.Chair or MembershipRole.ViceChair or MembershipRole.Member or MembershipRole.Substitute;

    /// <summary>One row per seat that covered at least one meeting (a substitute's only when they came), chair first.</summary>
    public static IReadOnlyList<MemberAttendance> PerMember(IReadOnlyList<(int Id, DateOnly Date)> meetings, IReadOnlyList<Seat> seats, IReadOnlyList<(int MeetingId, int PersonId, AttendanceStatus Status)> attendance)
    {
        var records = attendance.GroupBy(a => (a.MeetingId, a.PersonId)).ToDictionary(g => g.Key, g => g.First().Status);
        AttendanceStatus? Status(int meeting, int person) => records.TryGetValue((meeting, person), out var s) ? s : null;
        return seats.Where(s => Counts(s.Role))
            .Select(seat =>
            {
                var covered = meetings.Where(m => seat.Covers(m.Date)).ToList();
                var present = covered.Count(m => Status(m.Id, seat.PersonId) == AttendanceStatus.Present);
                var apologies = covered.Count(m => Status(m.Id, seat.PersonId) == AttendanceStatus.Apologies);
                return new MemberAttendance(seat.Name, seat.Role, seat.Represents, covered.Count, present, apologies);
            })
            .Where(r => r.Meetings > 0 && (r.Role != MembershipRole.Substitute || r.Present > 0))
            .OrderBy(r => r.Role)
            .ThenBy(r => r.Name, StringComparer.Create(Text.DanishDates.Culture, true))
            .ToList();
    }

    /// <summary>Members seated on the day (substitutes not counted), how many of them came, sent apologies or stayed away, and how many substitutes came.</summary>
    public static (int Present, int Apologies, int Absent, int Members, int Substitutes) ForMeeting(int meetingId, DateOnly date, IReadOnlyList<Seat> seats, IReadOnlyList<(int MeetingId, int PersonId, AttendanceStatus Status)> attendance)
    {
        var seated = seats.Where(s => Counts(s.Role) && s.Role != MembershipRole.Substitute && s.Covers(date)).Select(s => s.PersonId).ToHashSet();
        var here = attendance.Where(a => a.MeetingId == meetingId).ToList();
        var substitutes = seats.Where(s => s.Role == MembershipRole.Substitute && s.Covers(date)).Select(s => s.PersonId).ToHashSet();
        var present = here.Count(a => a.Status == AttendanceStatus.Present && seated.Contains(a.PersonId));
        var stoodIn = here.Count(a => a.Status == AttendanceStatus.Present && !seated.Contains(a.PersonId) && substitutes.Contains(a.PersonId));
        var apologies = here.Count(a => a.Status == AttendanceStatus.Apologies && seated.Contains(a.PersonId));
        var absent = here.Count(a => a.Status == AttendanceStatus.Absent && seated.Contains(a.PersonId));
        return (present, apologies, absent, seated.Count, stoodIn);
    }
}

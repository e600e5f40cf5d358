using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>A seat as the portal lists it.</summary>
public sealed record SeatRecord(PersonRef Person, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End);

/// <summary>An organization's page: purpose, members, representation elsewhere, the year plan, and its next meeting from today (cancelled or not).</summary>
public sealed record OrganizationRecord(
    int Id,
    string Slug,
    string Name,
    string BodyName,
    string? Purpose,
    string? Website,
    string? CurrentTerm,
    IReadOnlyList<SeatRecord> Members,
    IReadOnlyList<(SeatRecord Seat, string OrganizationName, string? OrganizationSlug)> Representation,
    IReadOnlyList<MeetingSummary> Plan,
    int PlanYear,
    IReadOnlyList<PersonRef>? RecentAttendees = null,
    MeetingLink? RecentAttendeesMeeting = null,
    MeetingLink? NextMeeting = null);

/// <summary>A membership on a person's page.</summary>
public sealed record PersonSeat(string OrganizationName, string? OrganizationSlug, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End);

/// <summary>One meeting a person's attendance was recorded at.</summary>
public sealed record PersonAttendance(int MeetingId, DateOnly Date, string OrganizationName, AttendanceStatus Status);

/// <summary>A person's attendance at meetings with public minutes, counted over every year.</summary>
/// <param name="Present">Meetings the person was present at.</param>
/// <param name="Invited">Meetings the person was called to as a member (present, with apologies or absent).</param>
/// <param name="Guest">Meetings the person came to as a guest.</param>
public sealed record AttendanceTotals(int Present, int Invited, int Guest);

/// <summary>
/// A person's page: memberships over time, attendance counted over every year, and the meetings of
/// one year (<see cref="Year"/>, the newest by default; null when there are none) with the
/// <see cref="Years"/> that have any, newest first. <see cref="YearFound"/> is false when the year
/// asked for has no attendance.
/// </summary>
public sealed record PersonRecord(
    PersonRef Person,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<PersonSeat> Seats,
    IReadOnlyList<PersonAttendance> Attendance,
    int? Year,
    IReadOnlyList<int> Years,
    AttendanceTotals Totals,
    bool YearFound = true);

using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>A seat as the portal lists it.</summary>
public sealed record SeatRecord(PersonRef Person, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End);

/// <summary>An organization's page: purpose, members, representation elsewhere, and the year plan.</summary>
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
    MeetingLink? RecentAttendeesMeeting = null);

/// <summary>A membership on a person's page.</summary>
public sealed record PersonSeat(string OrganizationName, string? OrganizationSlug, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End);

/// <summary>One meeting a person's attendance was recorded at.</summary>
public sealed record PersonAttendance(int MeetingId, DateOnly Date, string OrganizationName, AttendanceStatus Status);

/// <summary>A person's page: memberships over time and attendance across years.</summary>
public sealed record PersonRecord(PersonRef Person, IReadOnlyList<string> Aliases, IReadOnlyList<PersonSeat> Seats, IReadOnlyList<PersonAttendance> Attendance);

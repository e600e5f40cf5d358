using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;

namespace Protokol.Core.Abstractions;

/// <summary>A coming meeting as a member's own page lists it, with the member's answer.</summary>
public sealed record MemberMeeting(
    int Id,
    int OrganizationId,
    string OrganizationName,
    string? Name,
    DateOnly Date,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    string? Place,
    string? Host,
    MeetingState State,
    bool IsCancelled,
    AttendanceStatus? Answer,
    string? SubstituteName)
{
    public bool AgendaPublished => State >= MeetingState.AgendaPublished;
}

/// <summary>A follow-up the member owns.</summary>
public sealed record MemberFollowUp(
    int Id,
    long Version,
    int OrganizationId,
    string OrganizationName,
    string Text,
    DateOnly? Due,
    FollowUpStatus Status,
    DateOnly? Completed,
    string? CompletionNote,
    int? OriginMeetingId,
    DateOnly? OriginMeetingDate)
{
    public bool IsOverdue(DateOnly today) => Status == FollowUpStatus.Open && Due is { } due && due < today;
}

/// <summary>Draft minutes out for reading that still take comments: the meeting, its council and the deadline.</summary>
public sealed record MemberReading(int MeetingId, string OrganizationName, DateOnly Date, DateOnly Deadline);

/// <summary>What the members' home shows: their councils' coming meetings, draft minutes out for reading, and the follow-ups they own.</summary>
public sealed record MemberHome(IReadOnlyList<MemberMeeting> Meetings, IReadOnlyList<MemberFollowUp> OpenFollowUps, IReadOnlyList<MemberFollowUp> ClosedFollowUps, IReadOnlyList<MemberReading> Readings);

/// <summary>Reads for the members' own pages (<c>/medlem</c>).</summary>
public interface IMemberQueries
{
    /// <summary>
    /// The coming meetings (from <paramref name="today"/>) of <paramref name="organizations"/> (null: all, an
    /// administrator) by date, with <paramref name="personId"/>'s answer; their draft minutes out for
    /// reading whose deadline is today or later; that person's open follow-ups
    /// (by due date, those without one last) and the latest closed ones.
    /// </summary>
    Task<MemberHome> HomeAsync(IReadOnlySet<int>? organizations, int? personId, DateOnly today, CancellationToken cancellationToken);

    /// <summary>A follow-up's council and owner, for the rule about who may close it; null when there is no such follow-up.</summary>
    Task<(int OrganizationId, int? OwnerId)?> FollowUpOwnerAsync(int followUpId, CancellationToken cancellationToken);
}

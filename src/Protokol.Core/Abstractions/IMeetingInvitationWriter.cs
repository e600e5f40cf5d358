using Protokol.Core.Meetings;

namespace Protokol.Core.Abstractions;

/// <summary>What a calendar invitation asks the recipient's calendar to do.</summary>
public enum InvitationMethod
{
    /// <summary>METHOD:REQUEST: the meeting, new or moved (a higher SEQUENCE).</summary>
    Request,

    /// <summary>METHOD:CANCEL with STATUS:CANCELLED.</summary>
    Cancel,
}

/// <summary>The two signed links a member answers an invitation with, without signing in.</summary>
public sealed record AnswerLinks(Uri Attending, Uri Apologies);

/// <summary>
/// Writes the parts of the members' invitation e-mails that belong to the web host: the agenda PDF,
/// the public meeting page's address, the iCalendar invitation and the signed answer links.
/// </summary>
public interface IMeetingInvitationWriter
{
    /// <summary>The sender (ORGANIZER of the invitation).</summary>
    string OrganizerAddress { get; }

    string OrganizerName { get; }

    /// <summary>The agenda as the public sees it, as PDF; null when it is not public (yet).</summary>
    Task<byte[]?> AgendaPdfAsync(int meetingId, CancellationToken cancellationToken);

    Uri MeetingPage(int meetingId);

    /// <summary>The meeting on the members' own pages (signed in): the closed items' text and attachments too.</summary>
    Uri MemberMeetingPage(int meetingId);

    /// <summary>An iCalendar invitation for one attendee, with the public calendar's UID and SEQUENCE = <see cref="Meeting.ScheduleVersion"/>.</summary>
    string Calendar(Meeting meeting, InvitationMethod method, string attendeeAddress, string? attendeeName);

    /// <summary>Links signed for this member and meeting that expire when the meeting ends.</summary>
    AnswerLinks AnswerLinks(Meeting meeting, int personId);
}

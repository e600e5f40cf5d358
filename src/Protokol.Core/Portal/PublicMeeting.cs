using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>A meeting as the public may see it: produced only by <see cref="PrivacyGate"/>.</summary>
public sealed record PublicMeeting(
    int Id,
    string OrganizationSlug,
    string OrganizationName,
    string BodyName,
    string? Name,
    DateOnly Date,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    string? LocationName,
    string? LocationAddress,
    string? HostName,
    MeetingState State,
    bool MinutesVisible,
    int? ApprovedByMeetingId,
    DateOnly? ApprovedOn,
    IReadOnlyList<PublicAgendaItem> Items,
    IReadOnlyList<PublicAttendee> Present,
    IReadOnlyList<PublicAttendee> Apologies,
    IReadOnlyList<PublicAttendee> Absent,
    IReadOnlyList<PublicAttendee> Guests,
    IReadOnlyList<AttachmentRecord> Attachments,
    string? ImportedFrom = null,
    string? ImportedFileUrl = null,
    bool Cancelled = false,
    string? CancellationReason = null)
{
    /// <summary>Whether the agenda is out: before that the public sees only when and where the meeting is.</summary>
    public bool AgendaVisible => PrivacyGate.IsPublic(State);
}

/// <summary>A person at a meeting as the public sees them; <see cref="PersonId"/> only for people who are named in public.</summary>
/// <summary>
/// One person at a meeting as the public sees them. <paramref name="Detail"/> is the Danish line after the name (role,
/// organisation, "suppleant for …"), as the minutes' documents print it; <paramref name="Role"/>, <paramref name="Organisation"/>
/// and <paramref name="SubstituteFor"/> are its parts, for a page in another language.
/// </summary>
public sealed record PublicAttendee(string Name, string? Detail, IReadOnlyList<string> ItemNumbers, int? PersonId = null, MembershipRole? Role = null, string? Organisation = null, string? SubstituteFor = null);

/// <summary>
/// The hearing (høring) an agenda item treats: who asks, by when, and where its material is (an address the secretary stored), for
/// the item on the meeting page and in the agenda's PDF and Word files.
/// </summary>
public sealed record ItemHearing(string? Sender, DateOnly Deadline, string? Link);

public sealed record PublicAgendaItem(int Id, string Number, string Title, AgendaItemKind Kind, bool IsPublic, string? PublicText, string? Minutes, string? Decision, bool Withdrawn, string? WithdrawnReason, IReadOnlyList<PublicAgendaItem> Children, IReadOnlyList<PublicAttendee> Guests, bool AddedAfterPublication = false, ItemHearing? Hearing = null)
{
    /// <summary>The HTML anchor of the item on the meeting page ("punkt-3a").</summary>
    public string Anchor => "punkt-" + Number;
}

using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>A council or committee as listed on the front page.</summary>
/// <remarks><c>NextMeeting</c> is the next meeting not cancelled, planned or with its agenda out; <c>LatestMinutes</c> the latest with public minutes.</remarks>
public sealed record OrganizationSummary(int Id, string Slug, string Name, OrganizationKind Kind, string? Purpose, string BodyName, int MeetingCount, MeetingLink? NextMeeting, MeetingLink? LatestMinutes);

/// <summary>A meeting named by its date, with the address of its page.</summary>
public sealed record MeetingLink(int Id, DateOnly Date, TimeOnly? StartTime = null)
{
    public string Url => "/moeder/" + Id;
}

/// <summary>A meeting as listed in an organization's year.</summary>
/// <remarks>A planned meeting is public with its time and place; its draft agenda is not, so its <see cref="ItemCount"/> is 0.</remarks>
public sealed record MeetingSummary(int Id, DateOnly Date, TimeOnly? StartTime, TimeOnly? EndTime, string? Name, string? LocationName, string? HostName, MeetingState State, int ItemCount, bool Cancelled = false, bool Imported = false);

/// <summary>An organization's meetings in one year, with the years that have meetings.</summary>
public sealed record OrganizationMeetings(int OrganizationId, string Slug, string Name, string BodyName, int Year, IReadOnlyList<int> Years, IReadOnlyList<MeetingSummary> Meetings);

/// <summary>A person as a record shows them before the privacy gate.</summary>
public sealed record PersonRef(int Id, string Name, PublicationLevel Publication, string? PublicRole)
{
    public string PublicName => Publication == PublicationLevel.Named ? Name : Registry.Person.RoleAsName(PublicRole ?? "Medlem");
}

public sealed record AttendanceRecord(PersonRef Person, AttendanceStatus Status, PersonRef? SubstituteFor, string? Affiliation, IReadOnlyList<string> GuestItemNumbers, string? RepresentedOrganisation, MembershipRole? Role);

public sealed record AgendaItemRecord(int Id, string Number, string? ParentNumber, string Title, AgendaItemKind Kind, bool IsPublic, string? PublicText, string? Minutes, string? Decision, bool Withdrawn, string? WithdrawnReason, bool AddedAfterPublication = false, ItemHearing? Hearing = null);

/// <summary>A meeting's attachment; <see cref="HasFile"/> when its bytes are stored and it can be downloaded.</summary>
public sealed record AttachmentRecord(int Id, int? AgendaItemId, string Title, string FileName, string MediaType, long SizeBytes, bool IsPublic, bool HasFile = false);

/// <summary>Everything stored about a meeting; the <see cref="PrivacyGate"/> decides what the public sees.</summary>
public sealed record MeetingRecord(
    int Id,
    int OrganizationId,
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
    int? ApprovedByMeetingId,
    DateOnly? ApprovedOn,
    IReadOnlyList<AgendaItemRecord> Items,
    IReadOnlyList<AttendanceRecord> Attendance,
    IReadOnlyList<AttachmentRecord> Attachments,
    string? ImportedFrom = null,
    string? ImportedSha256 = null,
    IReadOnlyList<WithheldName>? Withheld = null,
    DateTime? CancelledAt = null,
    string? CancellationReason = null);

/// <summary>A stored file as the portal serves it.</summary>
public sealed record FileContent(string FileName, string MediaType, byte[] Content);

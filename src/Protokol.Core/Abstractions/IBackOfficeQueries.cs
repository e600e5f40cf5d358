using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>The next meeting of one organization and what is still missing before it.</summary>
public sealed record MeetingReadiness(
    int MeetingId,
    int OrganizationId,
    string OrganizationName,
    DateOnly Date,
    TimeOnly? StartTime,
    MeetingState State,
    int ItemCount,
    bool HasPlace,
    bool HasHost,
    int AttendanceCount,
    int AttachmentCount,
    bool IsCancelled = false)
{
    public bool AgendaPublished => State >= MeetingState.AgendaPublished;
}

/// <summary>An open follow-up; once carried onto an agenda, the meeting, its date and the item's number (<paramref name="CarriedToMeetingId"/> …).</summary>
public sealed record OpenFollowUp(
    int Id, int OrganizationId, string OrganizationName, string Text, int? OwnerId, string? OwnerName, DateOnly? Due, bool CarryToNextMeeting, int? OriginMeetingId,
    int? CarriedToMeetingId = null, DateOnly? CarriedToDate = null, string? CarriedToNumber = null)
{
    public bool IsOverdue(DateOnly today) => Due is { } due && due < today;
}

public sealed record OpenHearing(int Id, int OrganizationId, string OrganizationName, string Subject, string? Sender, DateOnly Deadline, bool OnAgenda, int? MeetingId = null);

public sealed record Dashboard(
    IReadOnlyList<(int Id, string Name, string Slug)> Organizations,
    IReadOnlyList<MeetingReadiness> NextMeetings,
    IReadOnlyList<OpenFollowUp> FollowUps,
    IReadOnlyList<OpenHearing> Hearings);

/// <summary>A meeting's earlier meeting whose published minutes wait for approval.</summary>
public sealed record AwaitingApproval(int MeetingId, DateOnly Date);

/// <summary>Everything the meeting pages show beside the meeting itself (read without tracking).</summary>
public sealed record MeetingSurroundings(
    IReadOnlyList<Person> People,
    IReadOnlyList<Location> Locations,
    IReadOnlyList<Organization> Hosts,
    IReadOnlyList<Membership> Members,
    IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<Hearing> Hearings,
    AwaitingApproval? AwaitingApproval);

/// <summary>A hearing in the register, with the meeting whose agenda has it.</summary>
/// <summary>
/// A hearing in the register: the meeting whose agenda holds it, or, for an open one on no agenda yet, the meeting due to
/// treat it (the council's last before the deadline, from today) and whether that agenda was already sent.
/// </summary>
public sealed record HearingRow(Hearing Hearing, string OrganizationName, int? MeetingId, DateOnly? MeetingDate,
    int? DueMeetingId = null, DateOnly? DueMeetingDate = null, bool DueAgendaSent = false);

/// <summary>Reads for the back office: drafts included, limited to the organizations the user may see.</summary>
public interface IBackOfficeQueries
{
    /// <param name="organizations">The organizations to show; null for all (an administrator).</param>
    /// <param name="onlyOwner">Only follow-ups owned by this person (a member's own), or null for all.</param>
    /// <param name="today">The day in Copenhagen: overdue is before it.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    Task<Dashboard> DashboardAsync(IReadOnlySet<int>? organizations, int? onlyOwner, DateOnly today, CancellationToken cancellationToken);

    /// <summary>The organization a meeting belongs to, or null when there is no such meeting: the access check before a change.</summary>
    Task<int?> MeetingOrganizationAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>The organization's memberships active on <paramref name="day"/>, with their people, by role and name; read only.</summary>
    Task<IReadOnlyList<Membership>> MembersOnAsync(int organizationId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>For each of the given people with an enabled back-office account linked to them, that account's e-mail address (the oldest account's).</summary>
    /// <summary>Of these people, those whose own open account reads the organization's pages (the members' pages among them).</summary>
    Task<IReadOnlySet<int>> PeopleWithAccessAsync(IReadOnlyCollection<int> personIds, int organizationId, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<int, string>> LinkedAccountAddressesAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken);

    Task<MeetingSurroundings> SurroundingsAsync(Meeting meeting, CancellationToken cancellationToken);

    /// <summary>The values the importer was unsure of in an imported meeting, by the line of the file; read only.</summary>
    Task<IReadOnlyList<ImportNote>> ImportNotesAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>Names the privacy check accepts in a meeting's texts: the council's members on the day, hosts, places.</summary>
    Task<IReadOnlyList<string>> KnownNamesAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>The hearings of the given organizations (null: all), open first by deadline, then the latest answered.</summary>
    Task<IReadOnlyList<HearingRow>> HearingsAsync(IReadOnlySet<int>? organizations, DateOnly today, CancellationToken cancellationToken);

    /// <summary>One hearing as <see cref="HearingsAsync"/> shows it; null when there is none.</summary>
    Task<HearingRow?> HearingAsync(int id, DateOnly today, CancellationToken cancellationToken);

    /// <summary>One follow-up with its organization, owner and meetings; null when there is none.</summary>
    Task<FollowUp?> FollowUpAsync(int id, CancellationToken cancellationToken);

    /// <summary>The people of the organization's municipality, by name.</summary>
    Task<IReadOnlyList<Person>> PeopleOfOrganizationAsync(int organizationId, CancellationToken cancellationToken);

    /// <summary>The meeting places of the given municipalities (bodies), with their municipality, by name.</summary>
    Task<IReadOnlyList<Location>> LocationsAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken);

    /// <summary>The councils and committees of the given organizations (null: all), by name.</summary>
    Task<IReadOnlyList<Organization>> CouncilsAsync(IReadOnlySet<int>? organizations, CancellationToken cancellationToken);
}

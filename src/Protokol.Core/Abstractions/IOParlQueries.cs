using System.Globalization;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>
/// Read side of the OParl API: lists paged by id and the records behind OParl's objects, read a
/// page at a time (a constant number of statements per page, whatever its size). Records are
/// unredacted; the <see cref="PrivacyGate"/> and <see cref="WithheldNames"/> run on top.
/// </summary>
public interface IOParlQueries : IOParlMinutesTexts, IOParlMeetingObjects, IOParlPersonObjects
{
    /// <summary>
    /// One page of a list: the body's list <paramref name="list"/> (<paramref name="ownerId"/> the
    /// body), an organization's meetings (the organization) or the bodies (ignored). Null when the
    /// owner does not exist.
    /// </summary>
    Task<OParlListPage?> ListAsync(OParlList list, int ownerId, OParlListFilter filter, OParlPageRequest page, CancellationToken cancellationToken);

    Task<IReadOnlyList<OParlBodyRecord>> BodiesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<OParlOrganizationRecord>> OrganizationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<OParlPersonRecord>> PeopleAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<OParlMembershipRecord>> MembershipsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<OParlTermRecord>> TermsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>Locations with the meetings held or planned there.</summary>
    Task<IReadOnlyList<OParlLocationRecord>> LocationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Meetings in any state, each with its agenda, attendance and attachments once the agenda is
    /// public (a planned meeting is read without them), in a fixed number of statements.
    /// </summary>
    Task<IReadOnlyList<OParlMeetingRecord>> MeetingsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Meetings as <see cref="MeetingsAsync"/> reads them without the long texts (the items' public texts and minutes, the
    /// attachments' texts: null and empty), for OParl's Meeting and AgendaItem objects, which show none of them; without
    /// <paramref name="attendance"/> also without the attendance (agenda items show none).
    /// </summary>
    Task<IReadOnlyList<OParlMeetingRecord>> MeetingsWithoutTextsAsync(IReadOnlyCollection<int> ids, bool attendance, CancellationToken cancellationToken);

    /// <summary>
    /// Meetings for OParl's Meeting objects (the meeting lists, <c>/meeting/N</c>): what the Meeting object shows after the privacy
    /// gate, and no more: no long texts, of the attendance only the named participants with their seats' roles (what the gate would
    /// show of the rest is left empty).
    /// </summary>
    Task<IReadOnlyList<OParlMeetingRecord>> MeetingObjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>The meeting of each agenda item that exists.</summary>
    Task<IReadOnlyDictionary<int, int>> MeetingsOfAgendaItemsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>The meeting of each attachment that exists.</summary>
    Task<IReadOnlyDictionary<int, int>> MeetingsOfAttachmentsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>Hearings treated on a public item of a meeting whose agenda is public; others are left out.</summary>
    Task<IReadOnlyList<OParlHearingRecord>> PublicHearingsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>The removal of a record of this kind that no longer exists, from the audit log; null when it never existed or still does.</summary>
    Task<OParlRemoval?> RemovalAsync(OParlKind kind, int id, CancellationToken cancellationToken);
}

/// <summary>The external lists of the OParl API.</summary>
public enum OParlList
{
    Body,
    Organization,
    Person,
    Membership,
    Meeting,
    OrganizationMeeting,
    AgendaItem,
    Paper,
    Consultation,
    File,
    Location,
    LegislativeTerm,
}

/// <summary>The kinds of object an OParl list holds; a file is an attachment, a meeting's document (agenda or minutes) or the file it was imported from.</summary>
public enum OParlKind
{
    Body,
    Organization,
    Person,
    Membership,
    Meeting,
    AgendaItem,
    Paper,
    Consultation,
    AttachmentFile,
    MeetingDocument,
    OriginalFile,
    Location,
    LegislativeTerm,
}

/// <summary>The created/modified filters of a list request (UTC).</summary>
public sealed record OParlListFilter(DateTime? CreatedSince = null, DateTime? CreatedUntil = null, DateTime? ModifiedSince = null, DateTime? ModifiedUntil = null)
{
    public static readonly OParlListFilter None = new();

    public bool Any => CreatedSince is not null || CreatedUntil is not null || ModifiedSince is not null || ModifiedUntil is not null;

    public bool Matches(DateTime created, DateTime modified) =>
        (CreatedSince is null || created >= CreatedSince) && (CreatedUntil is null || created <= CreatedUntil)
        && (ModifiedSince is null || modified >= ModifiedSince) && (ModifiedUntil is null || modified <= ModifiedUntil);
}

/// <summary>
/// Where a page starts in a list: after <see cref="Id"/> in the list's part <see cref="Part"/>
/// (a list is live records by id, then tombstones by id). Written "part-id" in a link's
/// <c>after</c> parameter.
/// </summary>
public readonly record struct OParlCursor(int Part, int Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Part}-{Id}");

    public static OParlCursor? Parse(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            && int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new OParlCursor(part, id)
            : null;
    }
}

/// <summary>
/// Which page: <see cref="Size"/> entries after the cursor (keyset, any page at the same cost) or, without one, after skipping
/// <see cref="Skip"/>. <see cref="Stride"/> is the list's usual page size, when the caller has one: the page boundaries the list
/// keeps then fall on its pages, so a page of that size by number starts right after one and skips nothing.
/// </summary>
public sealed record OParlPageRequest(int Size, int Skip = 0, OParlCursor? After = null, int Stride = 0);

/// <summary>One entry of a list: a live record to build, or a tombstone (<see cref="Removed"/>); an agenda item's or attachment's meeting when the list read it.</summary>
public sealed record OParlEntry(OParlKind Kind, int Id, OParlRemoval? Removed = null, int? MeetingId = null);

/// <summary>A page and the list's size; <see cref="Next"/> is where the following page starts.</summary>
public sealed record OParlListPage(int Total, IReadOnlyList<OParlEntry> Entries, OParlCursor? Next);

/// <summary>A removed record: when it was first stored and when it was removed.</summary>
public sealed record OParlRemoval(int Id, DateTime Created, DateTime Deleted);

public sealed record OParlBodyRecord(int Id, string Name, string? Website, IReadOnlyList<OParlTermRecord> Terms, DateTime Created, DateTime Modified);

public sealed record OParlTermRecord(int Id, int BodyId, string OrganizationName, string Name, DateOnly Start, DateOnly? End, DateTime Created, DateTime Modified);

public sealed record OParlOrganizationRecord(int Id, int BodyId, string Slug, string Name, string? ShortName, OrganizationKind Kind, string? Purpose, string? Website, IReadOnlyList<int> Memberships, DateTime Created, DateTime Modified);

/// <summary>A person, with the publication level and public role ("Borgerrepræsentant") that stand in for the name of a person shown by role only.</summary>
public sealed record OParlPersonRecord(int Id, int BodyId, string Name, PublicationLevel Publication, string? PublicRole, IReadOnlyList<OParlMembershipRecord> Memberships, DateTime Created, DateTime Modified);

/// <summary>A seat, with the person's publication level and public role (a seat of a person shown by role only is shown without them).</summary>
public sealed record OParlMembershipRecord(int Id, int PersonId, PublicationLevel Publication, string? PublicRole, int OrganizationId, MembershipRole Role, int? OnBehalfOfId, DateOnly? Start, DateOnly? End, DateTime Created, DateTime Modified);

/// <summary>A location; <see cref="Meetings"/> the meetings held or planned there (empty where embedded in a meeting).</summary>
public sealed record OParlLocationRecord(int Id, int BodyId, string Name, string? Room, string? Street, string? PostalCode, string? Locality, IReadOnlyList<int> Meetings, DateTime Created, DateTime Modified);

/// <summary>A meeting as storage has it, with what OParl adds to the portal's record: stamps, the location, the text of public attachments and the hearing each item treats.</summary>
public sealed record OParlMeetingRecord(
    MeetingRecord Record,
    int BodyId,
    OParlLocationRecord? Location,
    DateTime Created,
    DateTime Modified,
    IReadOnlyDictionary<int, OParlStamps> ItemStamps,
    IReadOnlyDictionary<int, string> AttachmentTexts,
    IReadOnlyDictionary<int, int> ItemHearings);

public readonly record struct OParlStamps(DateTime Created, DateTime Modified);

/// <summary>A hearing treated on a public agenda item; <see cref="Withheld"/> the names of its municipality's people shown by role only.</summary>
public sealed record OParlHearingRecord(int Id, int BodyId, int OrganizationId, int MeetingId, int ItemId, string ItemNumber, string Subject, DateOnly? Received, DateOnly Deadline, IReadOnlyList<WithheldName> Withheld, DateTime Created, DateTime Modified);

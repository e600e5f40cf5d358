using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

/// <summary>Reads for the back office: drafts included, limited to the organizations the user may see.</summary>
public sealed class BackOfficeQueries(ProtokolDbContext db) : IBackOfficeQueries
{
    private static readonly StringComparer DanishNames = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);

    public async Task<Dashboard> DashboardAsync(IReadOnlySet<int>? organizations, int? onlyOwner, DateOnly today, CancellationToken cancellationToken)
    {
        var orgQuery = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ExternalOrganisation);
        if (organizations is not null)
        {
            orgQuery = orgQuery.Where(o => organizations.Contains(o.Id));
        }

        var orgs = (await orgQuery.Select(o => new { o.Id, o.Name, o.Slug }).ToListAsync(cancellationToken))
            .OrderBy(o => o.Name, DanishNames)
            .Select(o => (o.Id, o.Name, o.Slug)).ToList();
        var ids = orgs.Select(o => o.Id).ToList();

        // Each council's next meeting from today on; a meeting held today stays until its minutes are published (the row then
        // leads to the minutes), and after that the council's next one is shown.
        var upcoming = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.OrganizationId) && m.Date >= today && m.CancelledAt == null && m.State < MeetingState.MinutesPublished)
            .GroupBy(m => m.OrganizationId)
            .Select(g => g.OrderBy(m => m.Date).Select(m => m.Id).First())
            .ToListAsync(cancellationToken);
        var next = await db.Meetings.AsNoTracking()
            .Where(m => upcoming.Contains(m.Id))
            .Select(m => new MeetingReadiness(
                m.Id, m.OrganizationId, m.Organization.Name, m.Date, m.StartTime, m.State,
                m.Items.Count, m.LocationId != null, m.HostId != null, m.Attendance.Count, m.Attachments.Count, m.CancelledAt != null))
            .ToListAsync(cancellationToken);

        var followUpQuery = db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.OrganizationId) && f.Status == FollowUpStatus.Open);
        if (onlyOwner is { } owner)
        {
            followUpQuery = followUpQuery.Where(f => f.OwnerId == owner);
        }

        var followUps = (await followUpQuery
            .Select(f => new OpenFollowUp(
                f.Id, f.OrganizationId, f.Organization.Name, f.Text, f.OwnerId, f.Owner == null ? null : f.Owner.Name, f.Due, f.CarryToNextMeeting, f.OriginMeetingId,
                f.CarriedToItem == null ? null : f.CarriedToItem.MeetingId,
                f.CarriedToItem == null ? null : f.CarriedToItem.Meeting.Date,
                f.CarriedToItem == null ? null : f.CarriedToItem.Number))
            .ToListAsync(cancellationToken))
            .OrderByDescending(f => f.IsOverdue(today))
            .ThenBy(f => f.Due ?? DateOnly.MaxValue)
            .ThenBy(f => f.OwnerName, StringComparer.Ordinal)
            .ToList();

        var hearings = onlyOwner is not null ? [] : await db.Hearings.AsNoTracking()
            .Where(h => ids.Contains(h.OrganizationId) && h.Status == HearingStatus.Open)
            .OrderBy(h => h.Deadline)
            .Select(h => new OpenHearing(h.Id, h.OrganizationId, h.Organization.Name, h.Subject, h.Sender, h.Deadline, h.AgendaItemId != null, h.AgendaItem == null ? null : h.AgendaItem.MeetingId))
            .ToListAsync(cancellationToken);

        return new Dashboard(orgs, next.OrderBy(m => m.Date).ToList(), followUps, hearings);
    }

    public Task<int?> MeetingOrganizationAsync(int meetingId, CancellationToken cancellationToken) =>
        db.Meetings.Where(m => m.Id == meetingId).Select(m => (int?)m.OrganizationId).FirstOrDefaultAsync(cancellationToken);

    public async Task<MeetingSurroundings> SurroundingsAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var bodyId = meeting.Organization.BodyId;
        var people = (await db.People.AsNoTracking().Where(p => p.BodyId == bodyId).ToListAsync(cancellationToken)).OrderBy(p => p.Name, DanishNames).ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => l.BodyId == bodyId).OrderBy(l => l.Name).ToListAsync(cancellationToken);
        var hosts = await db.Organizations.AsNoTracking().Where(o => o.BodyId == bodyId && o.Kind == OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var members = await MembersAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
        var followUps = await db.FollowUps.AsNoTracking().Include(f => f.Owner).Include(f => f.OriginItem)
            .Where(f => f.OriginMeetingId == meeting.Id).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var itemIds = meeting.Items.Select(i => i.Id).ToList();
        var hearings = await db.Hearings.AsNoTracking().Where(h => h.AgendaItemId != null && itemIds.Contains(h.AgendaItemId.Value)).ToListAsync(cancellationToken);

        // The minutes awaiting approval: the latest published before this meeting in (date, start time, id), as the domain
        // orders them (Meeting.ComesAfter). Read are the candidates of this day and of the latest earlier day with published
        // minutes, a handful of rows, and ordered here: the engines order a missing start time differently.
        var published = db.Meetings.Where(x => x.OrganizationId == meeting.OrganizationId && x.State == MeetingState.MinutesPublished && x.Id != meeting.Id);
        var earlierDay = published.Where(x => x.Date < meeting.Date).OrderByDescending(x => x.Date).Select(x => (DateOnly?)x.Date).FirstOrDefault();
        var candidates = await published.AsNoTracking()
            .Where(x => x.Date == meeting.Date || x.Date == earlierDay)
            .Select(x => new { x.Id, x.Date, x.StartTime })
            .ToListAsync(cancellationToken);
        var before = (meeting.Date, meeting.StartTime ?? TimeOnly.MinValue, meeting.Id);
        var awaiting = candidates
            .Where(x => (x.Date, x.StartTime ?? TimeOnly.MinValue, x.Id).CompareTo(before) < 0)
            .OrderByDescending(x => (x.Date, x.StartTime ?? TimeOnly.MinValue, x.Id))
            .Select(x => new AwaitingApproval(x.Id, x.Date))
            .FirstOrDefault();
        return new MeetingSurroundings(people, locations, hosts, members, followUps, hearings, awaiting);
    }

    public async Task<IReadOnlyList<ImportNote>> ImportNotesAsync(int meetingId, CancellationToken cancellationToken) =>
        await db.ImportNotes.AsNoTracking().Where(n => n.MeetingId == meetingId).OrderBy(n => n.Line).ThenBy(n => n.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> KnownNamesAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new { m.OrganizationId, m.Date, m.Organization.BodyId }).SingleAsync(cancellationToken);
        var members = await MembersAsync(meeting.OrganizationId, meeting.Date, cancellationToken);
        var hosts = await db.Organizations.AsNoTracking().Where(o => o.BodyId == meeting.BodyId && o.Kind == OrganizationKind.ExternalOrganisation).Select(o => o.Name).ToListAsync(cancellationToken);
        var places = await db.Locations.AsNoTracking().Where(l => l.BodyId == meeting.BodyId).Select(l => l.Name).ToListAsync(cancellationToken);
        return members.Select(m => m.Person.Name).Concat(hosts).Concat(places).ToList();
    }

    public async Task<IReadOnlyList<HearingRow>> HearingsAsync(IReadOnlySet<int>? organizations, DateOnly today, CancellationToken cancellationToken)
    {
        var query = db.Hearings.AsNoTracking().Include(h => h.Organization).Include(h => h.AgendaItem).ThenInclude(i => i!.Meeting).AsQueryable();
        if (organizations is not null)
        {
            query = query.Where(h => organizations.Contains(h.OrganizationId));
        }

        return await RowsAsync(await query.OrderBy(h => h.Status).ThenBy(h => h.Deadline).Take(500).ToListAsync(cancellationToken), today, cancellationToken);
    }

    public async Task<HearingRow?> HearingAsync(int id, DateOnly today, CancellationToken cancellationToken)
    {
        var hearing = await db.Hearings.AsNoTracking().Include(h => h.Organization).Include(h => h.AgendaItem).ThenInclude(i => i!.Meeting)
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return hearing is null ? null : (await RowsAsync([hearing], today, cancellationToken))[0];
    }

    /// <summary>The hearings as the register shows them: each with the meeting that treats it or, not yet on an agenda, the one due to.</summary>
    private async Task<IReadOnlyList<HearingRow>> RowsAsync(IReadOnlyList<Hearing> hearings, DateOnly today, CancellationToken cancellationToken)
    {

        // The meetings that may treat an open hearing not yet on an agenda: each council's not yet held, from today until the latest deadline.
        var waiting = hearings.Where(h => h.Status == HearingStatus.Open && h.AgendaItemId is null && h.Deadline >= today).ToList();
        var councils = waiting.Select(h => h.OrganizationId).Distinct().ToList();
        var until = waiting.Count == 0 ? today : waiting.Max(h => h.Deadline);
        var meetings = councils.Count == 0 ? []
            : await db.Meetings.AsNoTracking().Where(m => councils.Contains(m.OrganizationId) && m.Date >= today && m.Date <= until && m.CancelledAt == null && m.State <= MeetingState.AgendaPublished)
                .Select(m => new { m.Id, m.OrganizationId, m.Date, m.State }).ToListAsync(cancellationToken);
        return hearings.Select(h =>
        {
            var due = waiting.Contains(h)
                ? meetings.Where(m => m.OrganizationId == h.OrganizationId && m.Date <= h.Deadline).OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).FirstOrDefault()
                : null;
            return new HearingRow(h, h.Organization.Name, h.AgendaItem?.MeetingId, h.AgendaItem?.Meeting.Date,
                due?.Id, due?.Date, due is not null && due.State == MeetingState.AgendaPublished);
        }).ToList();
    }

    public Task<FollowUp?> FollowUpAsync(int id, CancellationToken cancellationToken) =>
        db.FollowUps.AsNoTracking().Include(f => f.Organization).Include(f => f.Owner).Include(f => f.OriginMeeting).Include(f => f.CarriedToItem!.Meeting)
            .FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Person>> PeopleOfOrganizationAsync(int organizationId, CancellationToken cancellationToken)
    {
        var bodyId = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.BodyId).SingleAsync(cancellationToken);
        return (await db.People.AsNoTracking().Where(p => p.BodyId == bodyId).ToListAsync(cancellationToken)).OrderBy(p => p.Name, DanishNames).ToList();
    }

    public async Task<IReadOnlyList<Location>> LocationsAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken) =>
        (await db.Locations.AsNoTracking().Include(l => l.Body).Where(l => bodies.Contains(l.BodyId)).ToListAsync(cancellationToken))
            .OrderBy(l => l.Name, DanishNames).ToList();

    public async Task<IReadOnlyList<Organization>> CouncilsAsync(IReadOnlySet<int>? organizations, CancellationToken cancellationToken)
    {
        var query = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ExternalOrganisation);
        if (organizations is not null)
        {
            query = query.Where(o => organizations.Contains(o.Id));
        }

        return (await query.ToListAsync(cancellationToken)).OrderBy(o => o.Name, DanishNames).ToList();
    }

    public async Task<IReadOnlyList<Membership>> MembersOnAsync(int organizationId, DateOnly day, CancellationToken cancellationToken) =>
        await MembersAsync(organizationId, day, cancellationToken);

    public async Task<IReadOnlyDictionary<int, string>> LinkedAccountAddressesAsync(IReadOnlyCollection<int> personIds, CancellationToken cancellationToken) =>
        await LinkedAccounts.AddressesAsync(db, personIds, cancellationToken);

    public Task<IReadOnlySet<int>> PeopleWithAccessAsync(IReadOnlyCollection<int> personIds, int organizationId, CancellationToken cancellationToken) =>
        LinkedAccounts.ReadersAsync(db, personIds, organizationId, cancellationToken);

    // The role is stored as its name: ordered here, in the enum's order (chair, vice-chair, …), not the alphabet's, and names as Danish sorts them.
    private async Task<List<Membership>> MembersAsync(int organizationId, DateOnly day, CancellationToken cancellationToken) =>
        (await db.Memberships.AsNoTracking().Include(x => x.Person).Include(x => x.OnBehalfOf)
            .Where(x => x.OrganizationId == organizationId && (x.Start == null || x.Start <= day) && (x.End == null || x.End >= day))
            .ToListAsync(cancellationToken))
            .OrderBy(x => x.Role).ThenBy(x => x.Person.Name, DanishNames).ToList();
}

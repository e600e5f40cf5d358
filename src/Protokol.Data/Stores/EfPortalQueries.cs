using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class EfPortalQueries(ProtokolDbContext db, Portal.ReadSessions sessions) : IPortalQueries
{
    public async Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        // Two statements at a flat cost: the counts are kept per council and year (MeetingYearCounts), and
        // the next and the latest meeting are each the first row of an index range (OrganizationId, Date);
        // then the dates of those meetings.
        // Planned meetings count as next meetings: the public may come, and plans their year by them.
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => new
            {
                o.Id,
                o.Slug,
                o.Name,
                o.Kind,
                o.Purpose,
                BodyName = o.Body.Name,
                Count = db.MeetingYearCounts.Where(c => c.OrganizationId == o.Id).Sum(c => c.PublicMeetings),
                NextId = db.Meetings.Where(m => m.OrganizationId == o.Id && m.Date >= today && m.CancelledAt == null)
                    .OrderBy(m => m.Date).ThenBy(m => m.StartTime).Select(m => (int?)m.Id).FirstOrDefault(),
                LatestId = db.Meetings.Where(m => m.OrganizationId == o.Id && m.State >= MeetingState.MinutesPublished)
                    .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var linked = organizations.SelectMany(o => new[] { o.NextId, o.LatestId }).OfType<int>().Distinct().ToList();
        var meetings = linked.Count == 0 ? [] : await db.Meetings.AsNoTracking()
            .Where(m => linked.Contains(m.Id))
            .Select(m => new { m.Id, m.Date, m.StartTime })
            .ToListAsync(cancellationToken);
        var byId = meetings.ToDictionary(m => m.Id);
        MeetingLink? Next(int? id) => id is { } i && byId.TryGetValue(i, out var m) ? new MeetingLink(m.Id, m.Date, m.StartTime) : null;
        MeetingLink? Latest(int? id) => id is { } i && byId.TryGetValue(i, out var m) ? new MeetingLink(m.Id, m.Date) : null;

        return organizations
            .Select(o => new OrganizationSummary(o.Id, o.Slug, o.Name, o.Kind, o.Purpose, o.BodyName,
                o.Count, Next(o.NextId), Latest(o.LatestId)))
            .OrderByDescending(o => o.MeetingCount > 0)
            .ThenBy(o => o.Name, StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true))
            .ToList();
    }

    public async Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(CancellationToken cancellationToken)
    {
        var councils = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind != OrganizationKind.ExternalOrganisation && db.MeetingYearCounts.Any(c => c.OrganizationId == o.Id && c.PublicMeetings > 0))
            .Select(o => new { o.Slug, o.Name })
            .ToListAsync(cancellationToken);
        return councils
            .OrderBy(o => o.Name, StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true))
            .Select(o => (o.Slug, o.Name))
            .ToList();
    }

    public async Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(string slug, int? year, DateOnly today, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => new { o.Id, o.Slug, o.Name, BodyName = o.Body.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var (shownYear, years, meetings) = await PlanAsync(organization.Id, year, today, cancellationToken);
        return new OrganizationMeetings(organization.Id, organization.Slug, organization.Name, organization.BodyName, shownYear, years, meetings);
    }

    /// <summary>A council's meetings of one year (without a year: the year of its next meeting, else its latest year) and the years it has meetings in.</summary>
    private async Task<(int Year, List<int> Years, List<MeetingSummary> Meetings)> PlanAsync(int organizationId, int? year, DateOnly today, CancellationToken cancellationToken, List<int>? knownYears = null)
    {
        // Every meeting is public with its time and place from the day it is planned. The years come
        // from the kept counts, not from reading every meeting's date (nor twice in one request).
        var publicMeetings = db.Meetings.AsNoTracking().Where(m => m.OrganizationId == organizationId);
        var years = knownYears ?? await db.MeetingYearCounts.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId)
            .OrderByDescending(c => c.Year)
            .Select(c => c.Year)
            .ToListAsync(cancellationToken);

        var shownYear = year
            ?? (await publicMeetings.Where(m => m.Date >= today).OrderBy(m => m.Date).Select(m => (DateOnly?)m.Date).FirstOrDefaultAsync(cancellationToken))?.Year
            ?? (years.Count > 0 ? years[0] : today.Year);

        var from = new DateOnly(shownYear, 1, 1);
        var to = new DateOnly(shownYear, 12, 31);
        var meetings = !years.Contains(shownYear) ? [] : await publicMeetings
            .Where(m => m.Date >= from && m.Date <= to)
            .OrderBy(m => m.Date).ThenBy(m => m.StartTime)
            .Select(m => new MeetingSummary(
                m.Id, m.Date, m.StartTime, m.EndTime, m.Name,
                m.Location == null ? null : m.Location.Name,
                m.Host == null ? null : m.Host.Name,
                m.State,
                m.State >= MeetingState.AgendaPublished ? m.Items.Count(i => i.ParentId == null) : 0,
                m.CancelledAt != null))
            .ToListAsync(cancellationToken);
        return (shownYear, years, meetings);
    }

    // The same set-based read as OParl's meetings, for one meeting.
    public async Task<MeetingRecord?> GetMeetingAsync(int id, CancellationToken cancellationToken) =>
        (await Portal.MeetingReader.ReadAsync(sessions, [id], forOParl: false, cancellationToken)) is [var meeting] ? meeting.Record : null;

    public async Task<OrganizationRecord?> GetOrganizationAsync(string slug, DateOnly today, CancellationToken cancellationToken)
    {
        // The council with its current term in one statement.
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => new
            {
                o.Id, o.Slug, o.Name, BodyName = o.Body.Name, o.Purpose, o.Website,
                Term = db.Terms.Where(t => t.OrganizationId == o.Id && t.Start <= today && (t.End == null || t.End >= today)).Select(t => t.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var term = organization.Term;

        var seats = await db.Memberships.AsNoTracking()
            .Where(m => (m.OrganizationId == organization.Id || m.OnBehalfOfId == organization.Id)
                && (m.Start == null || m.Start <= today) && (m.End == null || m.End >= today))
            .Select(m => new
            {
                m.OrganizationId,
                OrganizationName = m.Organization.Name,
                OrganizationSlug = m.Organization.Slug,
                OrganizationKind = m.Organization.Kind,
                m.Role,
                OnBehalfOf = m.OnBehalfOf == null ? null : m.OnBehalfOf.Name,
                m.Start,
                m.End,
                Person = new PersonRef(m.Person.Id, m.Person.Name, m.Person.Publication, m.Person.PublicRole),
            })
            .ToListAsync(cancellationToken);

        var danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);
        var members = seats.Where(s => s.OrganizationId == organization.Id)
            .OrderBy(s => s.Role).ThenBy(s => s.Person.PublicName, danish)
            .Select(s => new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End)).ToList();
        var representation = seats.Where(s => s.OrganizationId != organization.Id)
            .OrderBy(s => s.OrganizationName, danish)
            .Select(s => (new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End), s.OrganizationName,
                s.OrganizationKind == OrganizationKind.ExternalOrganisation ? null : s.OrganizationSlug))
            .ToList();

        // This year's plan; a council whose archive ends earlier (an imported one) shows its last year.
        var plan = await PlanAsync(organization.Id, today.Year, today, cancellationToken);
        if (plan is { Meetings.Count: 0, Years.Count: > 0 })
        {
            plan = await PlanAsync(organization.Id, null, today, cancellationToken, plan.Years);
        }

        // Without a registered membership (an archive imported from minutes), the people of the
        // latest public minutes stand in, so the page does not claim the council has nobody.
        IReadOnlyList<PersonRef> recent = [];
        MeetingLink? recentMeeting = null;
        if (members.Count == 0)
        {
            var latest = await db.Meetings.AsNoTracking()
                .Where(m => m.OrganizationId == organization.Id && m.State >= MeetingState.MinutesPublished && m.Attendance.Any())
                .OrderByDescending(m => m.Date)
                .Select(m => new { m.Id, m.Date })
                .FirstOrDefaultAsync(cancellationToken);
            if (latest is not null)
            {
                recentMeeting = new MeetingLink(latest.Id, latest.Date);
                recent = (await db.Attendance.AsNoTracking()
                    .Where(a => a.MeetingId == latest.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Apologies || a.Status == AttendanceStatus.Absent))
                    .Select(a => new PersonRef(a.Person.Id, a.Person.Name, a.Person.Publication, a.Person.PublicRole))
                    .ToListAsync(cancellationToken))
                    .OrderBy(p => p.PublicName, danish).ToList();
            }
        }

        return new OrganizationRecord(organization.Id, organization.Slug, organization.Name, organization.BodyName, organization.Purpose,
            organization.Website, term, members, representation, plan.Meetings, plan.Year, recent, recentMeeting);
    }

    public async Task<PersonRecord?> GetPersonAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var seats = await db.Memberships.AsNoTracking()
            .Where(m => m.PersonId == id)
            .OrderByDescending(m => m.Start)
            .Select(m => new PersonSeat(m.Organization.Name, m.Organization.Kind == OrganizationKind.ExternalOrganisation ? null : m.Organization.Slug,
                m.Role, m.OnBehalfOf == null ? null : m.OnBehalfOf.Name, m.Start, m.End))
            .ToListAsync(cancellationToken);

        // Attendance is part of the minutes: only meetings whose minutes are public count.
        var attendance = await db.Attendance.AsNoTracking()
            .Where(a => a.PersonId == id && a.Meeting.State >= MeetingState.MinutesPublished)
            .OrderByDescending(a => a.Meeting.Date)
            .Select(a => new PersonAttendance(a.MeetingId, a.Meeting.Date, a.Meeting.Organization.Name, a.Status))
            .ToListAsync(cancellationToken);

        return new PersonRecord(new PersonRef(person.Id, person.Name, person.Publication, person.PublicRole),
            person.Aliases.Select(a => a.Name).ToList(), seats, attendance);
    }

    public Task<string?> OrganizationNameAsync(string slug, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => o.Name)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PublicationEvent>> PublicationsAsync(string? organizationSlug, int limit, CancellationToken cancellationToken)
    {
        var meetings = db.Meetings.AsNoTracking()
            .Where(m => organizationSlug == null || m.Organization.Slug == organizationSlug);
        var agendas = await meetings.Where(m => m.State >= MeetingState.AgendaPublished && m.AgendaPublishedAt != null)
            .OrderByDescending(m => m.AgendaPublishedAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, Kind = PublicationKind.Agenda, At = m.AgendaPublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var minutes = await meetings.Where(m => m.State >= MeetingState.MinutesPublished && m.MinutesPublishedAt != null)
            .OrderByDescending(m => m.MinutesPublishedAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, Kind = PublicationKind.Minutes, At = m.MinutesPublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var cancellations = await meetings.Where(m => m.CancelledAt != null)
            .OrderByDescending(m => m.CancelledAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, Kind = PublicationKind.Cancellation, At = m.CancelledAt!.Value })
            .ToListAsync(cancellationToken);
        var events = agendas.Concat(minutes).Concat(cancellations).OrderByDescending(e => e.At).Take(limit).ToList();
        var titles = await ItemTitlesAsync(events.Where(e => e.Kind != PublicationKind.Cancellation).Select(e => e.Id).Distinct().ToList(), cancellationToken);
        return events.Select(e => new PublicationEvent(e.Id, e.Org, e.Slug, e.Date, e.StartTime, e.EndTime, e.Kind, e.At,
            e.Kind == PublicationKind.Cancellation ? [] : titles.GetValueOrDefault(e.Id, []))).ToList();
    }

    public async Task<IReadOnlyList<CalendarMeeting>> CalendarAsync(string? organizationSlug, int? meetingId, CancellationToken cancellationToken)
    {
        // Planned meetings too (tentative until the agenda is out), and cancelled ones, so that
        // subscribed calendars drop them.
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => (organizationSlug == null || m.Organization.Slug == organizationSlug)
                && (meetingId == null || m.Id == meetingId))
            .OrderBy(m => m.Date)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Date, m.StartTime, m.EndTime, m.Location, m.Modified, m.State, Cancelled = m.CancelledAt != null, m.ScheduleVersion })
            .ToListAsync(cancellationToken);
        var titles = await ItemTitlesAsync(meetings.Where(m => m.State >= MeetingState.AgendaPublished).Select(m => m.Id).ToList(), cancellationToken);
        return meetings.Select(m => new CalendarMeeting(m.Id, m.Org, m.Date, m.StartTime, m.EndTime, m.Location?.Description, m.Modified,
            titles.GetValueOrDefault(m.Id, []), m.State >= MeetingState.AgendaPublished, m.Cancelled, m.ScheduleVersion)).ToList();
    }

    /// <summary>Main item titles per meeting ("1. Godkendelse af referat"); closed items show their title too, as on the page.</summary>
    private async Task<Dictionary<int, IReadOnlyList<string>>> ItemTitlesAsync(List<int> meetingIds, CancellationToken cancellationToken)
    {
        var withheld = new WithheldNames(await WithheldAsync(null, cancellationToken));
        return (await db.AgendaItems.AsNoTracking()
            .Where(i => meetingIds.Contains(i.MeetingId) && i.ParentId == null)
            .OrderBy(i => i.Position)
            .Select(i => new { i.MeetingId, i.Number, i.Title })
            .ToListAsync(cancellationToken))
        .GroupBy(i => i.MeetingId)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(i => $"{i.Number}. {withheld.Apply(i.Title)}").ToList());
    }

    public async Task<IReadOnlyList<WithheldName>> WithheldAsync(int? bodyId, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => p.Publication == PublicationLevel.RoleOnly && (bodyId == null || p.BodyId == bodyId))
            .Select(p => new { p.Name, p.PublicRole, Aliases = p.Aliases.Select(a => a.Name).ToList() })
            .ToListAsync(cancellationToken);
        return people.SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => new WithheldName(n, p.PublicRole!))).ToList();
    }

    public async Task<FileContent?> GetAttachmentFileAsync(int attachmentId, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == attachmentId)
            .Select(a => new { a.FileName, a.MediaType, a.Sha256 })
            .FirstOrDefaultAsync(cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Sha256 == attachment.Sha256).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : new FileContent(attachment.FileName, attachment.MediaType, content);
    }

    public async Task<FileContent?> GetPublicImportedFileAsync(string sha256, CancellationToken cancellationToken)
    {
        var source = await db.Meetings.AsNoTracking()
            .Where(m => m.ImportedSha256 == sha256 && m.State >= MeetingState.AgendaPublished)
            .Select(m => m.ImportedFrom)
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }

        var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256, cancellationToken);
        return file is null ? null : new FileContent(source, file.MediaType, file.Content);
    }
}

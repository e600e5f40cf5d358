using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class EfPortalQueries(ProtokolDbContext db, Portal.ReadSessions sessions) : IPortalQueries
{
    private sealed record OrganizationRow(int Id, string Slug, string Name, OrganizationKind Kind, string? Purpose, string BodyName, int Count, int? NextId, int? LatestId);

    private sealed record MeetingDateRow(int Id, DateOnly Date, TimeOnly? StartTime);

    private sealed record CouncilRow(int Id, string Slug, string Name, string BodyName, string? Purpose, string? Website, string? Term);

    private sealed record SeatRow(int OrganizationId, string OrganizationName, string OrganizationSlug, OrganizationKind OrganizationKind, MembershipRole Role, string? OnBehalfOf, DateOnly? Start, DateOnly? End, PersonRef Person);

    private sealed record PersonRow(int Id, string Name, PublicationLevel Publication, string? PublicRole, List<string> Aliases);

    private sealed record AttendanceCountRow(int Year, AttendanceStatus Status, int Count);

    /// <summary>
    /// The portal pages' statements as compiled queries: EF Core translates each once per process instead
    /// of on every request. Kept per model like <see cref="Portal.MeetingReader"/>'s, since a compiled
    /// query belongs to the model it first ran with and one process may use both engines.
    /// </summary>
    private sealed class Compiled
    {
        // The front page: councils with their kept count and, per council, the next and the latest meeting
        // as the first row of the (OrganizationId, Date) index. Planned meetings count as next meetings:
        // the public may come, and plans their year by them.
        public readonly Func<ProtokolDbContext, DateOnly, IAsyncEnumerable<OrganizationRow>> Organizations = EF.CompileAsyncQuery(
            (ProtokolDbContext db, DateOnly today) => db.Organizations.AsNoTracking()
                .Where(o => o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new OrganizationRow(
                    o.Id, o.Slug, o.Name, o.Kind, o.Purpose, o.Body.Name,
                    db.MeetingYearCounts.Where(c => c.OrganizationId == o.Id).Sum(c => c.PublicMeetings),
                    db.Meetings.Where(m => m.OrganizationId == o.Id && m.Date >= today && m.CancelledAt == null)
                        .OrderBy(m => m.Date).ThenBy(m => m.StartTime).Select(m => (int?)m.Id).FirstOrDefault(),
                    db.Meetings.Where(m => m.OrganizationId == o.Id && m.State >= MeetingState.MinutesPublished)
                        .OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefault())));

        public readonly Func<ProtokolDbContext, int[], IAsyncEnumerable<MeetingDateRow>> MeetingDates = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int[] ids) => db.Meetings.AsNoTracking()
                .Where(m => ids.Contains(m.Id))
                .Select(m => new MeetingDateRow(m.Id, m.Date, m.StartTime)));

        public readonly Func<ProtokolDbContext, string, Task<OrganizationRow?>> Organization = EF.CompileAsyncQuery(
            (ProtokolDbContext db, string slug) => db.Organizations.AsNoTracking()
                .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new OrganizationRow(o.Id, o.Slug, o.Name, o.Kind, o.Purpose, o.Body.Name, 0, null, null))
                .FirstOrDefault());

        // The council with its current term in one statement.
        public readonly Func<ProtokolDbContext, string, DateOnly, Task<CouncilRow?>> Council = EF.CompileAsyncQuery(
            (ProtokolDbContext db, string slug, DateOnly today) => db.Organizations.AsNoTracking()
                .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
                .Select(o => new CouncilRow(
                    o.Id, o.Slug, o.Name, o.Body.Name, o.Purpose, o.Website,
                    db.Terms.Where(t => t.OrganizationId == o.Id && t.Start <= today && (t.End == null || t.End >= today)).Select(t => t.Name).FirstOrDefault()))
                .FirstOrDefault());

        public readonly Func<ProtokolDbContext, int, DateOnly, IAsyncEnumerable<SeatRow>> Seats = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int organizationId, DateOnly today) => db.Memberships.AsNoTracking()
                .Where(m => (m.OrganizationId == organizationId || m.OnBehalfOfId == organizationId)
                    && (m.Start == null || m.Start <= today) && (m.End == null || m.End >= today))
                .Select(m => new SeatRow(
                    m.OrganizationId, m.Organization.Name, m.Organization.Slug, m.Organization.Kind, m.Role,
                    m.OnBehalfOf == null ? null : m.OnBehalfOf.Name, m.Start, m.End,
                    new PersonRef(m.Person.Id, m.Person.Name, m.Person.Publication, m.Person.PublicRole))));

        // A council's years come from the kept counts, not from reading every meeting's date.
        public readonly Func<ProtokolDbContext, int, IAsyncEnumerable<int>> Years = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int organizationId) => db.MeetingYearCounts.AsNoTracking()
                .Where(c => c.OrganizationId == organizationId)
                .OrderByDescending(c => c.Year)
                .Select(c => c.Year));

        public readonly Func<ProtokolDbContext, int, DateOnly, Task<DateOnly?>> NextDate = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int organizationId, DateOnly today) => db.Meetings.AsNoTracking()
                .Where(m => m.OrganizationId == organizationId && m.Date >= today)
                .OrderBy(m => m.Date).Select(m => (DateOnly?)m.Date).FirstOrDefault());

        // Every meeting is public with its time and place from the day it is planned.
        public readonly Func<ProtokolDbContext, int, DateOnly, DateOnly, IAsyncEnumerable<MeetingSummary>> Plan = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int organizationId, DateOnly from, DateOnly to) => db.Meetings.AsNoTracking()
                .Where(m => m.OrganizationId == organizationId && m.Date >= from && m.Date <= to)
                .OrderBy(m => m.Date).ThenBy(m => m.StartTime)
                .Select(m => new MeetingSummary(
                    m.Id, m.Date, m.StartTime, m.EndTime, m.Name,
                    m.Location == null ? null : m.Location.Name,
                    m.Host == null ? null : m.Host.Name,
                    m.State,
                    m.State >= MeetingState.AgendaPublished ? m.Items.Count(i => i.ParentId == null) : 0,
                    m.CancelledAt != null)));

        public readonly Func<ProtokolDbContext, int, Task<PersonRow?>> Person = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int id) => db.People.AsNoTracking()
                .Where(p => p.Id == id)
                .Select(p => new PersonRow(p.Id, p.Name, p.Publication, p.PublicRole, p.Aliases.Select(a => a.Name).ToList()))
                .FirstOrDefault());

        public readonly Func<ProtokolDbContext, int, IAsyncEnumerable<PersonSeat>> PersonSeats = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int id) => db.Memberships.AsNoTracking()
                .Where(m => m.PersonId == id)
                .OrderByDescending(m => m.Start)
                .Select(m => new PersonSeat(m.Organization.Name, m.Organization.Kind == OrganizationKind.ExternalOrganisation ? null : m.Organization.Slug,
                    m.Role, m.OnBehalfOf == null ? null : m.OnBehalfOf.Name, m.Start, m.End)));

        // Attendance is part of the minutes: only meetings whose minutes are public count. The counts per
        // year and status give the page its years and its totals without reading every row.
        public readonly Func<ProtokolDbContext, int, IAsyncEnumerable<AttendanceCountRow>> AttendanceCounts = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int id) => db.Attendance.AsNoTracking()
                .Where(a => a.PersonId == id && a.Meeting.State >= MeetingState.MinutesPublished)
                .GroupBy(a => new { a.Meeting.Date.Year, a.Status })
                .Select(g => new AttendanceCountRow(g.Key.Year, g.Key.Status, g.Count())));

        public readonly Func<ProtokolDbContext, int, DateOnly, DateOnly, IAsyncEnumerable<PersonAttendance>> Attendance = EF.CompileAsyncQuery(
            (ProtokolDbContext db, int id, DateOnly from, DateOnly to) => db.Attendance.AsNoTracking()
                .Where(a => a.PersonId == id && a.Meeting.State >= MeetingState.MinutesPublished && a.Meeting.Date >= from && a.Meeting.Date <= to)
                .OrderByDescending(a => a.Meeting.Date)
                .Select(a => new PersonAttendance(a.MeetingId, a.Meeting.Date, a.Meeting.Organization.Name, a.Status)));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Compiled> PerModel = [];

    private static readonly StringComparer Danish = StringComparer.Create(Core.Text.DanishDates.Culture, ignoreCase: true);

    private Compiled Q => PerModel.GetValue(db.Model, _ => new Compiled());

    public async Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        // Two statements at a flat cost: the counts are kept per council and year (MeetingYearCounts),
        // the next and the latest meeting are index lookups; then the dates of those meetings.
        var q = Q;
        var organizations = await ListAsync(q.Organizations(db, today), cancellationToken);
        var linked = new HashSet<int>();
        foreach (var o in organizations)
        {
            if (o.NextId is { } next)
            {
                linked.Add(next);
            }

            if (o.LatestId is { } latest)
            {
                linked.Add(latest);
            }
        }

        var byId = linked.Count == 0 ? [] : (await ListAsync(q.MeetingDates(db, [.. linked]), cancellationToken)).ToDictionary(m => m.Id);
        MeetingLink? Next(int? id) => id is { } i && byId.TryGetValue(i, out var m) ? new MeetingLink(m.Id, m.Date, m.StartTime) : null;
        MeetingLink? Latest(int? id) => id is { } i && byId.TryGetValue(i, out var m) ? new MeetingLink(m.Id, m.Date) : null;

        return organizations
            .Select(o => new OrganizationSummary(o.Id, o.Slug, o.Name, o.Kind, o.Purpose, o.BodyName,
                o.Count, Next(o.NextId), Latest(o.LatestId)))
            .OrderByDescending(o => o.MeetingCount > 0)
            .ThenBy(o => o.Name, Danish)
            .ToList();
    }

    public async Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(CancellationToken cancellationToken)
    {
        var councils = await db.Organizations.AsNoTracking()
            .Where(o => o.Kind != OrganizationKind.ExternalOrganisation && db.MeetingYearCounts.Any(c => c.OrganizationId == o.Id && c.PublicMeetings > 0))
            .Select(o => new { o.Slug, o.Name })
            .ToListAsync(cancellationToken);
        return councils
            .OrderBy(o => o.Name, Danish)
            .Select(o => (o.Slug, o.Name))
            .ToList();
    }

    public async Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(string slug, int? year, DateOnly today, CancellationToken cancellationToken)
    {
        var organization = await Q.Organization(db, slug);
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
        var q = Q;
        var years = knownYears ?? await ListAsync(q.Years(db, organizationId), cancellationToken);
        var shownYear = year
            ?? (await q.NextDate(db, organizationId, today))?.Year
            ?? (years.Count > 0 ? years[0] : today.Year);

        var meetings = !years.Contains(shownYear) ? [] : await ListAsync(q.Plan(db, organizationId, new DateOnly(shownYear, 1, 1), new DateOnly(shownYear, 12, 31)), cancellationToken);
        return (shownYear, years, meetings);
    }

    // The same set-based read as OParl's meetings, for one meeting.
    public async Task<MeetingRecord?> GetMeetingAsync(int id, CancellationToken cancellationToken) =>
        (await Portal.MeetingReader.ReadAsync(sessions, [id], forOParl: false, cancellationToken)) is [var meeting] ? meeting.Record : null;

    public async Task<OrganizationRecord?> GetOrganizationAsync(string slug, DateOnly today, CancellationToken cancellationToken)
    {
        var q = Q;
        var organization = await q.Council(db, slug, today);
        if (organization is null)
        {
            return null;
        }

        var term = organization.Term;
        var seats = await ListAsync(q.Seats(db, organization.Id, today), cancellationToken);
        var members = seats.Where(s => s.OrganizationId == organization.Id)
            .OrderBy(s => s.Role).ThenBy(s => s.Person.PublicName, Danish)
            .Select(s => new SeatRecord(s.Person, s.Role, s.OnBehalfOf, s.Start, s.End)).ToList();
        var representation = seats.Where(s => s.OrganizationId != organization.Id)
            .OrderBy(s => s.OrganizationName, Danish)
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
                    .OrderBy(p => p.PublicName, Danish).ToList();
            }
        }

        return new OrganizationRecord(organization.Id, organization.Slug, organization.Name, organization.BodyName, organization.Purpose,
            organization.Website, term, members, representation, plan.Meetings, plan.Year, recent, recentMeeting);
    }

    public async Task<PersonRecord?> GetPersonAsync(int id, int? year, CancellationToken cancellationToken)
    {
        var q = Q;
        var person = await q.Person(db, id);
        if (person is null)
        {
            return null;
        }

        var seats = await ListAsync(q.PersonSeats(db, id), cancellationToken);
        var counts = await ListAsync(q.AttendanceCounts(db, id), cancellationToken);
        var years = counts.Select(c => c.Year).Distinct().OrderDescending().ToList();
        var totals = new AttendanceTotals(
            counts.Where(c => c.Status == AttendanceStatus.Present).Sum(c => c.Count),
            counts.Where(c => c.Status != AttendanceStatus.Guest).Sum(c => c.Count),
            counts.Where(c => c.Status == AttendanceStatus.Guest).Sum(c => c.Count));

        // One year of meetings at a time (the newest without a year), so the page stays the same size
        // however long the archive; a year the person attended no meeting in has no page.
        var shownYear = year ?? (years.Count > 0 ? years[0] : null);
        if (year is not null && !years.Contains(year.Value))
        {
            return new PersonRecord(new PersonRef(person.Id, person.Name, person.Publication, person.PublicRole),
                person.Aliases, seats, [], year, years, totals, YearFound: false);
        }

        var attendance = shownYear is not { } shown ? [] : await ListAsync(q.Attendance(db, id, new DateOnly(shown, 1, 1), new DateOnly(shown, 12, 31)), cancellationToken);
        return new PersonRecord(new PersonRef(person.Id, person.Name, person.Publication, person.PublicRole),
            person.Aliases, seats, attendance, shownYear, years, totals);
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
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

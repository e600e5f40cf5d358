using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Data.Stores;

internal sealed class EfPortalQueries(IServiceProvider services, Portal.ReadSessions sessions) : IPortalQueries
{
    private ProtokolDbContext? _db;

    /// <summary>
    /// The scope's context, leased only by the reads that use EF Core: the public pages' reads below do not, and leasing and
    /// returning a pooled context was about 2 % of a meeting page's request (issue 17).
    /// </summary>
    private ProtokolDbContext Db => _db ??= services.GetRequiredService<ProtokolDbContext>();

    // The front page, a council's pages and a person's page: plain SQL on kept, prepared connections (issue 17).
    public Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(DateOnly today, CancellationToken cancellationToken) =>
        Portal.PageReader.ListOrganizationsAsync(sessions, today, cancellationToken);

    public Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(CancellationToken cancellationToken) =>
        Portal.PageReader.ListSearchableCouncilsAsync(sessions, cancellationToken);

    public Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(string slug, int? year, DateOnly today, CancellationToken cancellationToken) =>
        Portal.PageReader.GetOrganizationMeetingsAsync(sessions, slug, year, today, cancellationToken);

    // The same set-based read as OParl's meetings, for one meeting.
    public async Task<MeetingRecord?> GetMeetingAsync(int id, CancellationToken cancellationToken) =>
        (await Portal.MeetingReader.ReadAsync(sessions, [id], forOParl: false, cancellationToken)) is [var meeting] ? meeting.Record : null;

    public Task<KeptMeetingPage?> GetKeptMeetingPageAsync(int id, string variant, CancellationToken cancellationToken) =>
        Portal.MeetingPages.ReadAsync(sessions, id, variant, cancellationToken);

    public Task<bool> KeepMeetingPageAsync(KeptMeetingPage page, CancellationToken cancellationToken) =>
        Portal.MeetingPages.KeepAsync(Db, page, cancellationToken);

    public Task<OrganizationRecord?> GetOrganizationAsync(string slug, DateOnly today, CancellationToken cancellationToken) =>
        Portal.PageReader.GetOrganizationAsync(sessions, slug, today, cancellationToken);

    public Task<PersonRecord?> GetPersonAsync(int id, int? year, CancellationToken cancellationToken) =>
        Portal.PageReader.GetPersonAsync(sessions, id, year, cancellationToken);

    public Task<string?> OrganizationNameAsync(string slug, CancellationToken cancellationToken) =>
        Db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => o.Name)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PublicationEvent>> PublicationsAsync(string? organizationSlug, int limit, CancellationToken cancellationToken)
    {
        var meetings = Db.Meetings.AsNoTracking()
            .Where(m => organizationSlug == null || m.Organization.Slug == organizationSlug);
        // Imported minutes were published as minutes only: their agenda was never news of its own (a feed showed both at once).
        var agendas = await meetings.Where(m => m.State >= MeetingState.AgendaPublished && m.AgendaPublishedAt != null
                && (m.ImportedFrom == null || m.State < MeetingState.MinutesPublished))
            .OrderByDescending(m => m.AgendaPublishedAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, m.Name, Kind = PublicationKind.Agenda, At = m.AgendaPublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var minutes = await meetings.Where(m => m.State >= MeetingState.MinutesPublished && m.MinutesPublishedAt != null)
            .OrderByDescending(m => m.MinutesPublishedAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, m.Name, Kind = PublicationKind.Minutes, At = m.MinutesPublishedAt!.Value })
            .ToListAsync(cancellationToken);
        var cancellations = await meetings.Where(m => m.CancelledAt != null)
            .OrderByDescending(m => m.CancelledAt).Take(limit)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Organization.Slug, m.Date, m.StartTime, m.EndTime, m.Name, Kind = PublicationKind.Cancellation, At = m.CancelledAt!.Value })
            .ToListAsync(cancellationToken);
        var events = agendas.Concat(minutes).Concat(cancellations).OrderByDescending(e => e.At).Take(limit).ToList();
        var titles = await ItemTitlesAsync(events.Where(e => e.Kind != PublicationKind.Cancellation).Select(e => e.Id).Distinct().ToList(), cancellationToken);
        return events.Select(e => new PublicationEvent(e.Id, e.Org, e.Slug, e.Date, e.StartTime, e.EndTime, e.Kind, e.At,
            e.Kind == PublicationKind.Cancellation ? [] : titles.GetValueOrDefault(e.Id, []), e.Name)).ToList();
    }

    public async Task<IReadOnlyList<CalendarMeeting>> CalendarAsync(string? organizationSlug, int? meetingId, CancellationToken cancellationToken)
    {
        // Planned meetings too (tentative until the agenda is out), and cancelled ones, so that
        // subscribed calendars drop them.
        var meetings = await Db.Meetings.AsNoTracking()
            .Where(m => (organizationSlug == null || m.Organization.Slug == organizationSlug)
                && (meetingId == null || m.Id == meetingId))
            .OrderBy(m => m.Date)
            .Select(m => new { m.Id, Org = m.Organization.Name, m.Date, m.StartTime, m.EndTime, m.Location, m.Modified, m.State, Cancelled = m.CancelledAt != null, m.ScheduleVersion, m.Name })
            .ToListAsync(cancellationToken);
        var titles = await ItemTitlesAsync(meetings.Where(m => m.State >= MeetingState.AgendaPublished).Select(m => m.Id).ToList(), cancellationToken);
        return meetings.Select(m => new CalendarMeeting(m.Id, m.Org, m.Date, m.StartTime, m.EndTime, m.Location?.Description, m.Modified,
            titles.GetValueOrDefault(m.Id, []), m.State >= MeetingState.AgendaPublished, m.Cancelled, m.ScheduleVersion, m.Name)).ToList();
    }

    /// <summary>
    /// Item titles per meeting in agenda order, each sub-item indented under its item ("3. Boliger", "   3a. Ældreboliger"); closed
    /// items show their title too, as on the page, and an item withdrawn from the meeting says so ("5. Lokaleplan (punktet udgik)"), as the
    /// page's tag does: a feed reader or a calendar would otherwise announce a case the council did not take up.
    /// </summary>
    private async Task<Dictionary<int, IReadOnlyList<string>>> ItemTitlesAsync(List<int> meetingIds, CancellationToken cancellationToken)
    {
        var withheld = new WithheldNames(await WithheldAsync(null, cancellationToken));
        var items = await Db.AgendaItems.AsNoTracking()
            .Where(i => meetingIds.Contains(i.MeetingId))
            .OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.MeetingId, i.ParentId, i.Number, i.Title, i.Withdrawn })
            .ToListAsync(cancellationToken);
        var children = items.Where(i => i.ParentId is not null).ToLookup(i => i.ParentId!.Value);
        string Line(string number, string title, bool withdrawn) => $"{number}. {withheld.Apply(title)}{(withdrawn ? " (punktet udgik)" : string.Empty)}";
        return items.Where(i => i.ParentId is null)
            .GroupBy(i => i.MeetingId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g
                .SelectMany(i => children[i.Id].Select(c => "   " + Line(c.Number, c.Title, c.Withdrawn)).Prepend(Line(i.Number, i.Title, i.Withdrawn)))
                .ToList());
    }

    public async Task<IReadOnlyList<WithheldName>> WithheldAsync(int? bodyId, CancellationToken cancellationToken)
    {
        var people = await Db.People.AsNoTracking()
            .Where(p => p.Publication == PublicationLevel.RoleOnly && (bodyId == null || p.BodyId == bodyId))
            .Select(p => new { p.Name, p.PublicRole, Aliases = p.Aliases.Select(a => a.Name).ToList() })
            .ToListAsync(cancellationToken);
        return people.SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => new WithheldName(n, p.PublicRole!))).ToList();
    }

    public async Task<FileContent?> GetAttachmentFileAsync(int attachmentId, CancellationToken cancellationToken)
    {
        var attachment = await Db.Attachments.AsNoTracking()
            .Where(a => a.Id == attachmentId)
            .Select(a => new { a.FileName, a.MediaType, a.Sha256 })
            .FirstOrDefaultAsync(cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        var content = await Db.StoredFiles.AsNoTracking().Where(f => f.Sha256 == attachment.Sha256).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : new FileContent(attachment.FileName, attachment.MediaType, content);
    }

    public async Task<IReadOnlyList<int>> PublicMeetingsImportedFromAsync(string sha256, CancellationToken cancellationToken) =>
        await Db.Meetings.AsNoTracking()
            .Where(m => m.ImportedSha256 == sha256 && m.State >= MeetingState.AgendaPublished)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(20)
            .ToListAsync(cancellationToken);

    public async Task<FileContent?> GetPublicImportedFileAsync(string sha256, CancellationToken cancellationToken)
    {
        var source = await Db.Meetings.AsNoTracking()
            .Where(m => m.ImportedSha256 == sha256 && m.State >= MeetingState.AgendaPublished)
            .Select(m => m.ImportedFrom)
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }

        var file = await Db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256, cancellationToken);
        return file is null ? null : new FileContent(source, file.MediaType, file.Content);
    }
}

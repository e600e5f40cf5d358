using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Core.Reports;
using Protokol.Core.Text;

namespace Protokol.Data.Reports;

/// <summary>An attendance record for the spreadsheet export: one row per person per meeting.</summary>
public sealed record AttendanceRow(DateOnly Date, string Meeting, string Name, string? Role, string? Represents, AttendanceStatus Status, string? SubstituteFor);

/// <summary>A follow-up for the spreadsheet export.</summary>
public sealed record FollowUpRow(string Text, string? Owner, DateOnly? Due, FollowUpStatus Status, bool OnNextAgenda, DateOnly? FromMeeting, string? FromItem, DateOnly? Completed);

/// <summary>The reports of a council: the annual report and the secretary's spreadsheet exports.</summary>
public sealed class ReportQueries(ProtokolDbContext db, IProtokolStore store, IPortalQueries portal)
{
    public async Task<Organization> CouncilAsync(string slug, CancellationToken ct) =>
        await db.Organizations.Include(o => o.Body).FirstOrDefaultAsync(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation, ct)
        ?? throw new DomainRuleException($"Der findes intet råd eller udvalg med adressen '{slug}'.");

    public async Task<AnnualReport> AnnualAsync(string slug, int year, CancellationToken ct)
    {
        if (!DanishInput.IsSupportedYear(year))
        {
            throw new DomainRuleException($"{year} er ikke et årstal for en årsrapport (skriv fx 2026).");
        }

        var council = await CouncilAsync(slug, ct);
        var withheld = new WithheldNames(await portal.WithheldAsync(council.BodyId, ct));
        var text = await db.AnnualReportTexts.AsNoTracking().FirstOrDefaultAsync(t => t.OrganizationId == council.Id && t.Year == year, ct);
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Host).Include(m => m.Location)
            .Where(m => m.OrganizationId == council.Id && m.Date.Year == year && m.State >= MeetingState.Held)
            .OrderBy(m => m.Date).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var attendance = (await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).Select(a => new { a.MeetingId, a.PersonId, a.Status }).ToListAsync(ct))
            .Select(a => (a.MeetingId, a.PersonId, a.Status)).ToList();
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var seats = (await db.Memberships.AsNoTracking().Include(m => m.Person).Include(m => m.OnBehalfOf)
                .Where(m => m.OrganizationId == council.Id && (m.Start == null || m.Start <= last) && (m.End == null || m.End >= first))
                .ToListAsync(ct))
            .Select(m => new AnnualAttendance.Seat(m.PersonId, m.Person.PublicName, m.Role,
                m.Person.Publication == PublicationLevel.Named ? m.OnBehalfOf?.Name : null, m.Start, m.End))
            .ToList();

        var reportMeetings = meetings.Select(m =>
        {
            var (present, apologies, absent, members, substitutes) = AnnualAttendance.ForMeeting(m.Id, m.Date, seats, attendance);
            return new ReportMeeting(m.Id, m.Date, m.StartTime, m.EndTime, m.Host?.Name, m.Location?.Name, present, apologies, absent, members, substitutes);
        }).ToList();

        // Items and decisions as the public sees them: published minutes only, closed items by title, withheld names replaced.
        var published = meetings.Where(m => PrivacyGate.MinutesArePublic(m.State)).Select(m => m.Id).ToList();
        var standing = await db.Organizations.Where(o => o.Id == council.Id).SelectMany(o => o.StandingItems.Select(s => s.Title)).ToListAsync(ct);
        var items = await db.AgendaItems.AsNoTracking().Where(i => published.Contains(i.MeetingId)).OrderBy(i => i.Meeting.Date).ThenBy(i => i.Position)
            .Select(i => new { i.MeetingId, i.Meeting.Date, i.Number, i.Title, i.Kind, i.IsPublic, i.Decision, i.Withdrawn }).ToListAsync(ct);
        var topics = items.Where(i => !i.Withdrawn && !standing.Contains(i.Title))
            .GroupBy(i => i.Kind).OrderBy(g => g.Key)
            .Select(g => new TopicGroup(g.Key, g.Select(i => new ReportItem(i.MeetingId, i.Date, i.Number, withheld.Apply(i.Title)!)).ToList()))
            .ToList();
        var decisions = items.Where(i => i.IsPublic && !string.IsNullOrWhiteSpace(i.Decision) && !standing.Contains(i.Title))
            .Select(i => new ReportDecision(i.MeetingId, i.Date, i.Number, withheld.Apply(i.Title)!, withheld.Apply(i.Decision)!)).ToList();

        var hearings = (await db.Hearings.AsNoTracking().Where(h => h.OrganizationId == council.Id
                && (h.Deadline.Year == year || (h.RespondedOn != null && h.RespondedOn.Value.Year == year))).OrderBy(h => h.Deadline).ToListAsync(ct))
            .Select(h => new ReportHearing(withheld.Apply(h.Subject)!, h.Sender, h.Deadline, h.Status, h.RespondedOn, withheld.Apply(h.Response)))
            .ToList();

        var followUps = await db.FollowUps.AsNoTracking().Include(f => f.Owner).Include(f => f.OriginMeeting).Where(f => f.OrganizationId == council.Id).ToListAsync(ct);
        DateOnly Opened(FollowUp f) => f.OriginMeeting?.Date ?? DateOnly.FromDateTime(f.Created);
        var open = followUps.Where(f => Opened(f) <= last && (f.Status == FollowUpStatus.Open || f.Completed > last))
            .OrderBy(f => f.Due ?? DateOnly.MaxValue)
            .Select(f => new ReportFollowUp(withheld.Apply(f.Text)!, f.Owner?.PublicName, f.Due)).ToList();
        var summary = new FollowUpSummary(followUps.Count(f => Opened(f).Year == year), followUps.Count(f => f.Completed?.Year == year), open);

        return new AnnualReport(council.Name, council.Slug, council.Body.Name, year, text?.Foreword, text?.Recommendations,
            reportMeetings, AnnualAttendance.PerMember(meetings.Select(m => (m.Id, m.Date)).ToList(), seats, attendance),
            topics, decisions, hearings, summary, meetings.Count - published.Count);
    }

    /// <summary>The secretary's foreword and recommendations for a year, created or replaced.</summary>
    public async Task SaveTextAsync(Organization council, int year, string? foreword, string? recommendations, CancellationToken ct)
    {
        var text = await db.AnnualReportTexts.FirstOrDefaultAsync(t => t.OrganizationId == council.Id && t.Year == year, ct);
        if (text is null)
        {
            text = new AnnualReportText(council, year);
            store.Add(text);
        }

        text.Write(foreword, recommendations);
        await store.SaveChangesAsync(ct);
    }

    /// <summary>Every attendance record of a council's meetings in a year (or all years), by date and name.</summary>
    public async Task<IReadOnlyList<AttendanceRow>> AttendanceAsync(int councilId, int? year, CancellationToken ct)
    {
        var rows = await db.Attendance.AsNoTracking()
            .Where(a => a.Meeting.OrganizationId == councilId && (year == null || a.Meeting.Date.Year == year))
            .Select(a => new
            {
                a.Meeting.Date, a.Meeting.Name, a.MeetingId, Person = a.Person.Name, a.PersonId, a.Status,
                SubstituteFor = a.SubstituteFor == null ? null : a.SubstituteFor.Name, a.Affiliation,
            })
            .ToListAsync(ct);
        var seats = await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == councilId)
            .Select(m => new { m.PersonId, m.Role, m.Start, m.End, OnBehalfOf = m.OnBehalfOf == null ? null : m.OnBehalfOf.Name }).ToListAsync(ct);
        return rows.Select(r =>
            {
                var seat = seats.Where(s => s.PersonId == r.PersonId && (s.Start == null || s.Start <= r.Date) && (s.End == null || s.End >= r.Date)).OrderBy(s => s.Role).FirstOrDefault();
                return new AttendanceRow(r.Date, r.Name ?? string.Empty, r.Person, seat is null ? null : Danish.Role(seat.Role), seat?.OnBehalfOf ?? r.Affiliation, r.Status, r.SubstituteFor);
            })
            .OrderBy(r => r.Date).ThenBy(r => r.Name, StringComparer.Create(Core.Text.DanishDates.Culture, true))
            .ToList();
    }

    /// <summary>A council's follow-ups, open ones first by due date.</summary>
    public async Task<IReadOnlyList<FollowUpRow>> FollowUpsAsync(int councilId, CancellationToken ct) =>
        (await db.FollowUps.AsNoTracking().Where(f => f.OrganizationId == councilId)
            .Select(f => new FollowUpRow(f.Text, f.Owner == null ? null : f.Owner.Name, f.Due, f.Status, f.CarryToNextMeeting,
                f.OriginMeeting == null ? null : f.OriginMeeting.Date, f.OriginItem == null ? null : f.OriginItem.Number + ". " + f.OriginItem.Title, f.Completed))
            .ToListAsync(ct))
        .OrderBy(f => f.Status != FollowUpStatus.Open).ThenBy(f => f.Due ?? DateOnly.MaxValue).ThenBy(f => f.Text, StringComparer.Ordinal)
        .ToList();
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.BackOffice;
using Protokol.Web.Localization;

namespace Protokol.Web.Pages.Admin;

/// <summary>A council in the back office: its meetings in every state, and the year plan (all of a year's meetings at once, hosts in turn).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CouncilModel(ProtokolDbContext db, IProtokolStore store, TimeProvider clock, Data.Reports.ReportQueries reports) : PageModel
{
    public Organization? Council { get; private set; }

    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public IReadOnlyList<HostAndVenue> Rotation { get; private set; } = [];

    public int NextTurn { get; private set; }

    public bool CanEdit { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    [BindProperty]
    public PlanForm Plan { get; set; } = new();

    public sealed class PlanForm
    {
        public int Year { get; set; }

        public string? Dates { get; set; }

        public string Start { get; set; } = "15:00";

        public string End { get; set; } = "17:00";

        public bool RotateHosts { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        Plan.Year = Meetings.Count == 0 ? Today().Year : Math.Max(Today().Year, Meetings.Max(m => m.Date.Year) + (Meetings.Any(m => m.Date.Year > Today().Year) ? 1 : 0));
        Done = TempData["Done"] as string;
        return Page();
    }

    /// <summary>Attendance as a spreadsheet (semicolons, UTF-8 with BOM): one row per person per meeting, a year or all.</summary>
    public async Task<IActionResult> OnGetAttendanceCsvAsync(string slug, [FromQuery(Name = "aar")] int? year, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken, withPlan: false) is { } refused)
        {
            return refused;
        }

        var rows = await reports.AttendanceAsync(Council!.Id, year, cancellationToken);
        var csv = Reports.SpreadsheetCsv.Write(["Dato", "Møde", "Navn", "Rolle", "Repræsenterer", "Fremmøde", "Suppleant for"],
            rows.Select(r => (IReadOnlyList<string?>)[Reports.SpreadsheetCsv.Date(r.Date), r.Meeting, r.Name, r.Role, r.Represents, Danish.Attendance(r.Status), r.SubstituteFor]));
        return File(csv, "text/csv; charset=utf-8", $"fremmoede-{Council.Slug}{(year is { } y ? "-" + y.ToString(CultureInfo.InvariantCulture) : string.Empty)}.csv");
    }

    /// <summary>The council's follow-ups as a spreadsheet, open ones first.</summary>
    public async Task<IActionResult> OnGetFollowUpsCsvAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken, withPlan: false) is { } refused)
        {
            return refused;
        }

        var rows = await reports.FollowUpsAsync(Council!.Id, cancellationToken);
        var csv = Reports.SpreadsheetCsv.Write(["Opfølgning", "Ansvarlig", "Frist", "Status", "På næste dagsorden", "Fra mødet", "Fra punkt", "Afsluttet"],
            rows.Select(r => (IReadOnlyList<string?>)[r.Text, r.Owner, Reports.SpreadsheetCsv.Date(r.Due), Danish.FollowUp(r.Status), r.OnNextAgenda ? "ja" : "nej",
                Reports.SpreadsheetCsv.Date(r.FromMeeting), r.FromItem, Reports.SpreadsheetCsv.Date(r.Completed)]));
        return File(csv, "text/csv; charset=utf-8", $"opfoelgninger-{Council.Slug}.csv");
    }

    public async Task<IActionResult> OnPostPlanAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            var dates = ParseDates(Plan.Dates, Plan.Year);
            var meetings = YearPlan.Create(Council!, dates, ParseTime(Plan.Start, "Starttidspunktet"), ParseTime(Plan.End, "Sluttidspunktet"),
                Plan.RotateHosts ? Rotation : [], NextTurn, Meetings.Select(m => m.Date).ToHashSet());
            foreach (var meeting in meetings)
            {
                store.Add(meeting);
            }

            await store.SaveChangesAsync(cancellationToken);
            TempData["Done"] = $"{meetings.Count} møder er planlagt i {Plan.Year}.";
            return RedirectToPage(new { slug });
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>The council's description and its template of standing items, one a line: "Titel; beslutning; sidst".</summary>
    public async Task<IActionResult> OnPostDescribeAsync(string slug, long version, string? shortName, string? purpose, string? website, string? standingItems, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            Council!.EnsureVersion(version);
            Council.Describe(shortName, purpose, website);
            await db.Entry(Council).Collection(o => o.StandingItems).LoadAsync(cancellationToken);
            Council.SetStandingItems(ParseStandingItems(standingItems));
            await store.SaveChangesAsync(cancellationToken);
            TempData["Done"] = "Rådets oplysninger og faste punkter er gemt.";
            return RedirectToPage(new { slug });
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(slug, cancellationToken);
            Problem = e is ConcurrencyConflictException ? "Nogen har ændret rådet, siden du åbnede siden. Din ændring er ikke gemt." : e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public static string StandingItemsText(Organization council) => string.Join("\n", council.StandingItems.OrderBy(s => s.Position)
        .Select(s => s.Title + (s.Kind == AgendaItemKind.Decision ? "; beslutning" : string.Empty) + (s.PlaceLast ? "; sidst" : string.Empty)));

    private static List<(string, AgendaItemKind, bool)> ParseStandingItems(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((line, index) =>
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            var flags = parts.Skip(1).Select(f => f.ToLowerInvariant()).ToList();
            var unknown = flags.FirstOrDefault(f => f is not ("beslutning" or "sidst" or "orientering" or "drøftelse" or ""));
            if (unknown is not null)
            {
                throw new DomainRuleException($"Faste punkter, linje {index + 1}: \"{unknown}\" forstås ikke (brug \"beslutning\", \"drøftelse\" eller \"sidst\").");
            }

            var kind = flags.Contains("beslutning") ? AgendaItemKind.Decision : flags.Contains("drøftelse") ? AgendaItemKind.Discussion : AgendaItemKind.Information;
            return (parts[0], kind, flags.Contains("sidst"));
        }).ToList();

    /// <summary>The plan as iCalendar for the secretary's own calendar: planned meetings included, unlike the public calendar.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var events = Meetings.Select(m => new CalendarMeeting(m.Id, Council!.Name, m.Date, m.StartTime, m.EndTime,
            m.Location?.Description, m.Modified, m.Host is null ? [] : [$"Vært: {m.Host.Name}"])).ToList();
        var text = Feeds.CalendarText(Council!.Name, events, new Uri($"{Request.Scheme}://{Request.Host}/"), Request.Host.Host);
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"{slug}-aarsplan.ics");
    }

    /// <summary>The council and the reader's rights; with the plan, also its meetings and the hosts' turn (the page and its forms need them, the spreadsheets do not).</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken, bool withPlan = true)
    {
        Council = await db.Organizations.Include(o => o.Body).Include(o => o.StandingItems).FirstOrDefaultAsync(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation, cancellationToken);
        if (Council is null)
        {
            return NotFound();
        }

        if (!User.CanRead(Council.Id))
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(Council.Id);
        if (!withPlan)
        {
            return null;
        }

        Meetings = await db.Meetings.Include(m => m.Host).Include(m => m.Location)
            .Where(m => m.OrganizationId == Council.Id).OrderBy(m => m.Date).ToListAsync(cancellationToken);

        // Hosts in turn: the organisations the members represent, each at the venue it last received a meeting at.
        var today = Today();
        var hosts = await db.Memberships.Where(m => m.OrganizationId == Council.Id && m.OnBehalfOf != null && (m.End == null || m.End >= today))
            .Select(m => m.OnBehalfOf!).Distinct().ToListAsync(cancellationToken);
        var venues = await db.Meetings.Where(m => m.HostId != null && m.LocationId != null)
            .GroupBy(m => m.HostId).Select(g => new { HostId = g.Key, LocationId = g.OrderByDescending(m => m.Date).Select(m => m.LocationId).First() })
            .ToDictionaryAsync(v => v.HostId!.Value, v => v.LocationId, cancellationToken);
        var locations = await db.Locations.Where(l => l.BodyId == Council.BodyId).ToDictionaryAsync(l => l.Id, cancellationToken);
        Rotation = hosts.OrderBy(h => h.Name, StringComparer.Create(PortalCultures.DanishCulture, true))
            .Select(h => new HostAndVenue(h, venues.TryGetValue(h.Id, out var l) && l is { } id ? locations.GetValueOrDefault(id) : null)).ToList();
        NextTurn = YearPlan.NextTurn(Rotation, Meetings.LastOrDefault(m => m.HostId != null)?.HostId);
        return null;
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PortalService.Copenhagen).DateTime);

    /// <summary>One date a line: "2027-02-09", "9.2.2027", "9/2" or "9. februar" (the plan's year when it has none).</summary>
    internal static List<DateOnly> ParseDates(string? text, int year)
    {
        var dates = new List<DateOnly>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd(',', ';', '.');
            dates.Add(ParseDate(line, year) ?? throw new DomainRuleException($"Linje {i + 1}: \"{line}\" er ikke en dato (skriv fx 2027-02-09, 9.2.2027 eller 9. februar)."));
        }

        return dates;
    }

    private static DateOnly? ParseDate(string text, int year)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d.M.yyyy", "d/M/yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var parts = text.Replace(". ", ".", StringComparison.Ordinal).Split(['.', '/', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 2 or 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            var month = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                : Array.FindIndex(PortalCultures.DanishCulture.DateTimeFormat.MonthNames, n => n.Length > 0 && n.StartsWith(parts[1].ToLowerInvariant(), StringComparison.Ordinal) && parts[1].Length >= 3) + 1;
            var y = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var given) ? given : year;
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month))
            {
                return new DateOnly(y, month, day);
            }
        }

        return null;
    }

    private static TimeOnly? ParseTime(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeOnly.TryParseExact(text.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new DomainRuleException($"{what} \"{text}\" er ikke et klokkeslæt (skriv fx 15.00).");
    }
}

using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data.Reports;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>A council in the back office: its meetings in every state, its description and standing items, and the year plan (all of a year's meetings at once, hosts in turn).</summary>
[StaffRule(StaffRule.ReadCouncil)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CouncilModel(IRegistryQueries registry, TimeProvider clock) : BackOfficePage
{
    public CouncilView View { get; private set; } = null!;

    public Organization Council => View.Council;

    public bool CanEdit => Rights.CanRun(Council.Id);

    [BindProperty]
    public PlanForm Plan { get; set; } = new();

    public sealed class PlanForm
    {
        public int? Year { get; set; }

        public string? Dates { get; set; }

        public string? Start { get; set; } = "15.00";

        public string? End { get; set; } = "17.00";

        public bool RotateHosts { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        var (year, meetings) = (Copenhagen.Today(clock).Year, View.Meetings);
        // In December the plan made is next year's.
        var first = Copenhagen.Today(clock).Month == 12 ? year + 1 : year;
        Plan.Year = meetings.Count == 0 ? first : Math.Max(first, meetings.Max(m => m.Date.Year) + (meetings.Any(m => m.Date.Year > year) ? 1 : 0));
        ShowDone();
        return Page();
    }

    /// <summary>Attendance as a spreadsheet (semicolons, UTF-8 with BOM): one row per person per meeting, a year or all.</summary>
    public async Task<IActionResult> OnGetAttendanceCsvAsync([FromServices] ReportQueries reports, string slug, [FromQuery(Name = "aar")] int? year, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        var (bytes, name) = CouncilDownloads.Attendance(Council, await reports.AttendanceAsync(Council.Id, year, ct), year);
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    /// <summary>The council's follow-ups as a spreadsheet, open ones first.</summary>
    public async Task<IActionResult> OnGetFollowUpsCsvAsync([FromServices] ReportQueries reports, string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        var (bytes, name) = CouncilDownloads.FollowUps(Council, await reports.FollowUpsAsync(Council.Id, ct));
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    /// <summary>The plan as iCalendar for the secretary's own calendar: planned meetings included, unlike the public calendar.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        // The public address, as the public calendar uses: the same UIDs in both, and no internal host behind a proxy.
        var site = new Uri(PublicAddress.Origin(HttpContext) + "/");
        return File(CouncilDownloads.Calendar(View, site, site.Host), "text/calendar; charset=utf-8", $"{slug}-aarsplan.ics");
    }

    [StaffRule(StaffRule.RunCouncil)]
    public async Task<IActionResult> OnPostPlanAsync([FromServices] PlanMeetingYear plan, string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        return await SaveAsync(async () =>
        {
            var meetings = await plan.ExecuteAsync(Rights, Council.Id, new YearPlanForm(Plan.Year, Plan.Dates, Plan.Start, Plan.End, Plan.RotateHosts), ct);
            var years = meetings.Select(m => m.Date.Year).Distinct().Order().ToList();
            var span = years.Count == 1 ? $"{years[0]}" : $"{years[0]}–{years[^1]}";
            var past = meetings.Count(m => m.Date < Copenhagen.Today(clock));
            var warning = past == 0 ? string.Empty
                : past == meetings.Count ? " Bemærk: alle datoerne ligger før i dag; ret året, hvis det var en fejl."
                : $" Bemærk: {past} af datoerne ligger før i dag.";
            return $"{(meetings.Count == 1 ? "1 møde er" : $"{meetings.Count} møder er")} planlagt i {span}. De står i listen herover.{warning}";
        }, $"/admin/raad/{slug}", () => LoadAsync(slug, ct));
    }

    /// <summary>The council's description and its template of standing items, one a line: "Titel; beslutning; sidst".</summary>
    [StaffRule(StaffRule.RunCouncil)]
    public async Task<IActionResult> OnPostDescribeAsync([FromServices] DescribeCouncil describe, string slug, long version, string? shortName, string? purpose, string? website, string? standingItems, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        return await SaveAsync(async () =>
        {
            await describe.ExecuteAsync(Rights, Council.Id, version, shortName, purpose, website, standingItems, ct);
            return "Rådets oplysninger og faste punkter er gemt.";
        }, $"/admin/raad/{slug}", () => LoadAsync(slug, ct), "Nogen har ændret rådet, siden du åbnede siden. Din ændring er ikke gemt.");
    }

    /// <summary>A meeting place of the council's municipality, to choose on its meetings.</summary>
    [StaffRule(StaffRule.RunCouncil)]
    public async Task<IActionResult> OnPostLocationAsync([FromServices] ManageBodies bodies, string slug, string? name, string? street, string? postalCode, string? locality, string? room, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        return await SaveAsync(async () =>
        {
            var location = await bodies.AddLocationAsync(Rights, Council.Id, name, street, postalCode, locality, room, ct);
            return $"Mødestedet {location.Name} er tilføjet. Vælg det under \"Mødets oplysninger\" på et møde.";
        }, $"/admin/raad/{slug}#moedesteder", () => LoadAsync(slug, ct));
    }

    /// <summary>The rule has found the council already; only a council deleted since could be missing.</summary>
    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        View = await registry.CouncilAsync(slug, Copenhagen.Today(clock), ct) ?? throw new DomainRuleException("Rådet findes ikke.");
        return true;
    }
}

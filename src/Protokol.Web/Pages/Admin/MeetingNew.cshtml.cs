using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>One meeting outside the year plan (an extra or a theme meeting), for a council the user runs.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.AnySecretary)]
public sealed class MeetingNewModel(IBackOfficeQueries queries, PlanExtraMeeting plan, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "raad")]
    public string? Council { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? End { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The chosen meeting place ("Mødested"), one of <see cref="Locations"/>.</summary>
    [BindProperty]
    public int? Location { get; set; }

    /// <summary>The meeting places of the municipalities of the councils she runs.</summary>
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The fields the refusal named, by their labels ("Dato"), shown at each field as well as in the summary.</summary>
    public IReadOnlyList<FieldProblem> Fields { get; private set; } = [];

    /// <summary>The problem with the field labelled <paramref name="field"/>, if the refusal named it.</summary>
    public string? ErrorAt(string field) => Fields.Where(f => f.Field == field).Select(f => f.Message).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Councils.Count == 0 ? Forbid() : Page();
    }

    [StaffRule(StaffRule.AnySecretary)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var council = Councils.FirstOrDefault(c => c.Slug == Council);
        if (council is null)
        {
            return Councils.Count == 0 ? Forbid() : Refuse("Råd: vælg det råd, mødet hører til.");
        }

        if (!User.CanEdit(council.Id))
        {
            return Forbid();
        }

        try
        {
            // "3.3" without a year is the next 3 March, as a secretary planning a meeting means it.
            var meeting = await plan.ExecuteAsync(council.Id, DanishInput.Deadline(Date, "Dato", Copenhagen.Today(clock)), DanishInput.OptionalTime(Start, "Starttidspunkt"), DanishInput.OptionalTime(End, "Sluttidspunkt"), Location, Name, ct);
            // A date already past is allowed (a meeting held and recorded afterwards), but said, in case it was a slip of the year.
            TempData["Done"] = meeting.Date < Copenhagen.Today(clock)
                ? $"Mødet {DanishDates.Date(meeting.Date)} er oprettet. Bemærk: datoen ligger før i dag; ret den under \"Mødets oplysninger\", hvis det var en fejl."
                : $"Mødet {DanishDates.Date(meeting.Date)} er oprettet. Byg dagsordenen nedenfor.";
            return Redirect($"/admin/moeder/{meeting.Id}");
        }
        catch (DomainRuleException e)
        {
            Fields = e.Fields;
            return Refuse(e.Message);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Councils = await queries.CouncilsAsync(User.SecretaryOf(), ct);
        Locations = await queries.LocationsAsync(Councils.Select(c => c.BodyId).Distinct().ToList(), ct);
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

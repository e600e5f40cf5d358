using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>One follow-up: edit it, close it with a note (done or dropped), reopen or delete it. Every change is audited.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.ReadFollowUp)]
public sealed class FollowUpModel(IBackOfficeQueries queries, ManageFollowUps followUps, TimeProvider clock) : PageModel
{
    public FollowUp? FollowUp { get; private set; }

    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>The council's members today, offered first as the follow-up's owner.</summary>
    public IReadOnlyList<int> MemberIds { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    [StaffRule(StaffRule.RunFollowUp)]
    public Task<IActionResult> OnPostEditAsync(int id, long version, string? text, int? owner, string? due, bool carry, CancellationToken ct) =>
        RunAsync(id, async () => { await followUps.EditAsync(id, version, text, owner, DanishInput.OptionalDeadline(due, "Frist", Copenhagen.Today(clock)), carry, ct); return "Opfølgningen er gemt."; }, ct);

    [StaffRule(StaffRule.RunFollowUp)]
    public Task<IActionResult> OnPostCloseAsync(int id, long version, string? note, bool dropped, CancellationToken ct) =>
        RunAsync(id, async () => { await followUps.CloseAsync(id, version, note, dropped, ct); return dropped ? "Opfølgningen er opgivet." : "Opfølgningen er afsluttet."; }, ct);

    [StaffRule(StaffRule.RunFollowUp)]
    public Task<IActionResult> OnPostReopenAsync(int id, long version, CancellationToken ct) =>
        RunAsync(id, async () => { await followUps.ReopenAsync(id, version, ct); return "Opfølgningen er åbnet igen."; }, ct);

    [StaffRule(StaffRule.RunFollowUp)]
    public Task<IActionResult> OnPostDeleteAsync(int id, long version, CancellationToken ct) =>
        RunAsync(id, async () => { await followUps.DeleteAsync(id, version, ct); return "Opfølgningen er slettet (ændringen står i logbogen)."; }, ct, "/admin");

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        FollowUp = await queries.FollowUpAsync(id, ct);
        if (FollowUp is null)
        {
            return NotFound();
        }

        if (!User.CanRead(FollowUp.OrganizationId))
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(FollowUp.OrganizationId);
        People = await queries.PeopleOfOrganizationAsync(FollowUp.OrganizationId, ct);
        MemberIds = (await queries.MembersOnAsync(FollowUp.OrganizationId, Copenhagen.Today(clock), ct)).Select(m => m.PersonId).ToList();
        Done ??= TempData["Done"] as string;
        return Page();
    }

    private async Task<IActionResult> RunAsync(int id, Func<Task<string>> change, CancellationToken ct, string? redirect = null)
    {
        var current = await queries.FollowUpAsync(id, ct);
        if (current is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(current.OrganizationId))
        {
            return Forbid();
        }

        try
        {
            TempData["Done"] = await change();
            return Redirect(redirect ?? $"/admin/opfoelgninger/{id}");
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            Problem = e is DomainRuleException ? e.Message : "Nogen har ændret opfølgningen, siden du åbnede siden. Din ændring er ikke gemt; se den gemte udgave nedenfor.";
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id, ct) is NotFoundResult ? NotFound() : Page();
    }
}

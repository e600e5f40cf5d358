using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Hearings;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// The hearings register: incoming hearings with their deadlines, where each is treated (the last
/// meeting before the deadline), overdue ones marked; registering a new one; declining to answer.
/// The response itself is written on the item, in the meeting's minutes workspace.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.SignedIn)]
public sealed class HearingsModel(IBackOfficeQueries queries, RegisterHearing register, TimeProvider clock) : PageModel
{
    public IReadOnlyList<HearingRow> Hearings { get; private set; } = [];

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public DateOnly Today => Copenhagen.Today(clock);

    public string? Done { get; private set; }

    /// <summary>The hearing just declined, offered to be opened again from the message (a misclick is undone where it was made).</summary>
    public HearingRow? Declined { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The refused form, for the page shown again: what was typed, and the problem at its field.</summary>
    public PostedForm Posted { get; private set; } = PostedForm.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The register is the secretariat's: a member sees the hearings on the agendas.
        if (User.SecretaryOf() is { Count: 0 })
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    [StaffRule(StaffRule.AnySecretary)]
    public async Task<IActionResult> OnPostAsync(string? raad, string? subject, string? sender, string? received, string? deadline, string? link, string? draftedBy, CancellationToken ct)
    {
        var council = (await queries.CouncilsAsync(User.SecretaryOf(), ct)).FirstOrDefault(c => c.Slug == raad);
        if (council is not null && !User.CanEdit(council.Id))
        {
            return Forbid();
        }

        return await RunAsync(async () =>
        {
            var (hearing, item, meeting) = await register.ExecuteAsync(council?.Id, subject, sender, received, deadline, link, draftedBy, ct);
            return (item, meeting) switch
            {
                ({ } carried, _) => $"Høringen \"{hearing.Subject}\" er registreret og sat på dagsordenen som punkt {carried.Number}.",
                (null, { State: Core.Meetings.MeetingState.AgendaPublished } next) =>
                    $"Høringen \"{hearing.Subject}\" er registreret. Den skal behandles på mødet {DanishDates.Date(next.Date)}, det sidste før fristen, men dagsordenen er allerede udsendt: \"Sæt på dagsordenen som tillæg\" på mødets side sætter den på.",
                (null, { } next) => $"Høringen \"{hearing.Subject}\" er registreret. Den kommer på dagsordenen for mødet {DanishDates.Date(next.Date)}, det sidste før fristen, når dagsordenen udfyldes.",
                _ => $"Høringen \"{hearing.Subject}\" er registreret. Bemærk: {council!.Name} har intet møde før fristen {DanishDates.Date(hearing.Deadline)}, så den kommer ikke på en dagsorden; skriv svaret på høringens side (\"Svar uden for et møde\"), eller planlæg et møde før fristen.",
            };
        }, ct);
    }

    [StaffRule(StaffRule.AnySecretary)]
    public async Task<IActionResult> OnPostDeclineAsync(int hearing, CancellationToken ct)
    {
        var row = (await queries.HearingsAsync(User.SecretaryOf(), Today, ct)).FirstOrDefault(h => h.Hearing.Id == hearing);
        if (row is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(row.Hearing.OrganizationId))
        {
            return Forbid();
        }

        return await RunAsync(async () =>
        {
            var declined = await register.DeclineAsync(hearing, ct);
            TempData["Declined"] = declined.Id;
            return $"Rådet afgiver ikke svar på \"{declined.Subject}\".";
        }, ct);
    }

    private async Task<IActionResult> RunAsync(Func<Task<string>> change, CancellationToken ct)
    {
        try
        {
            TempData["Done"] = await change();
            return Redirect("/admin/hoeringer");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Posted = PostedForm.Refused(Request, e.Fields);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Hearings = await queries.HearingsAsync(User.ReadableOrganizations(), Today, ct);
        Councils = await queries.CouncilsAsync(User.SecretaryOf(), ct);
        Done = TempData["Done"] as string;
        Declined = TempData["Declined"] is int declined ? Hearings.FirstOrDefault(h => h.Hearing.Id == declined && h.Hearing.Status == HearingStatus.Declined) : null;
    }
}

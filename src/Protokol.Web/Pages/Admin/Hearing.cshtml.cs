using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Hearings;
using Protokol.Core.Text;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// One hearing of the register: what was registered and where it is treated; the council's secretary corrects an open one
/// (subject, sender, dates, material, who drafts) or deletes one registered by mistake. Every change is in the audit log.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[StaffRule(StaffRule.SignedIn)]
public sealed class HearingModel(IBackOfficeQueries queries, RegisterHearing register, TimeProvider clock) : PageModel
{
    public HearingRow? Row { get; private set; }

    public bool CanEdit { get; private set; }

    public DateOnly Today => Copenhagen.Today(clock);

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The refused form, for the page shown again: what was typed, and the problem at its field.</summary>
    public PostedForm Posted { get; private set; } = PostedForm.None;

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    [StaffRule(StaffRule.RunHearing)]
    public Task<IActionResult> OnPostAsync(int id, long version, string? subject, string? sender, string? received, string? deadline, string? link, string? draftedBy, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var (hearing, item) = await register.CorrectAsync(id, version, subject, sender, received, deadline, link, draftedBy, ct);
            return item is { Meeting.State: > Core.Meetings.MeetingState.Planned }
                ? $"Høringen er rettet. Den står stadig som punkt {item.Number} på dagsordenen for mødet {DanishDates.Date(item.Meeting.Date)}, som den blev udsendt."
                : item is not null && item.Meeting.Date > hearing.Deadline
                    ? $"Høringen er rettet. Bemærk: den står på dagsordenen for mødet {DanishDates.Date(item.Meeting.Date)}, efter den nye frist; tag punktet af dagsordenen, så den kan komme på et møde før fristen."
                    : "Høringen er rettet.";
        }, ct, null);

    /// <summary>The council's response sent between meetings (the council answered by e-mail, or no meeting came before the deadline).</summary>
    [StaffRule(StaffRule.RunHearing)]
    public Task<IActionResult> OnPostRespondAsync(int id, long version, string? response, string? submitted, CancellationToken ct) =>
        RunAsync(id, async () =>
        {
            var row = await queries.HearingAsync(id, Today, ct);
            await register.RespondAsync(row!.Hearing.OrganizationId, id, response, DanishInput.Date(submitted, "Indsendt dato"), ct, version);
            return "Høringssvaret er gemt.";
        }, ct, null);

    /// <summary>Undoes "Afgiv ikke svar": the hearing is open again, to be answered at a meeting or here.</summary>
    [StaffRule(StaffRule.RunHearing)]
    public Task<IActionResult> OnPostReopenAsync(int id, long version, CancellationToken ct) =>
        RunAsync(id, async () => $"Høringen \"{(await register.ReopenAsync(id, version, ct)).Subject}\" er åben igen.", ct, null);

    [StaffRule(StaffRule.RunHearing)]
    public Task<IActionResult> OnPostDeleteAsync(int id, long version, CancellationToken ct) =>
        RunAsync(id, async () => $"Høringen \"{(await register.DeleteAsync(id, version, ct)).Subject}\" er slettet (ændringen står i logbogen).", ct, "/admin/hoeringer");

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        Row = await queries.HearingAsync(id, Today, ct);
        if (Row is null)
        {
            return NotFound();
        }

        if (!User.CanRead(Row.Hearing.OrganizationId) || User.SecretaryOf() is { Count: 0 })
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(Row.Hearing.OrganizationId);
        Done ??= TempData["Done"] as string;
        return Page();
    }

    private async Task<IActionResult> RunAsync(int id, Func<Task<string>> change, CancellationToken ct, string? redirect)
    {
        var current = await queries.HearingAsync(id, Today, ct);
        if (current is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(current.Hearing.OrganizationId))
        {
            return Forbid();
        }

        try
        {
            TempData["Done"] = await change();
            return Redirect(redirect ?? $"/admin/hoeringer/{id}");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Posted = PostedForm.Refused(Request, e.Fields);
        }
        catch (ConcurrencyConflictException)
        {
            // What she typed stays in the form, beside the stored values above it, to compare and save again.
            Problem = "Nogen har ændret høringen, siden du åbnede siden. Din ændring er ikke gemt: den gemte udgave står øverst, det, du skrev, står i formularen.";
            Posted = PostedForm.Refused(Request, []);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id, ct) is NotFoundResult ? NotFound() : Page();
    }
}

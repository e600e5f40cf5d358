using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Web.BackOffice;

/// <summary>
/// A back-office page: after a save it redirects back and says what was saved ("Done", shown once);
/// a broken rule or a conflicting edit shows the page again with the reason ("Problem", 400; 403 when the use case refused the user).
/// </summary>
public abstract class BackOfficePage : PageModel
{
    private const string DoneKey = "Done";

    /// <summary>What the last save did, shown once after the redirect.</summary>
    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The refused form, for the page shown again: what was typed, and the problem at its field.</summary>
    public PostedForm Posted { get; private set; } = PostedForm.None;

    protected StaffRights Rights => User.Rights();

    /// <summary>Takes the confirmation of the save that redirected here.</summary>
    protected void ShowDone() => Done = TempData[DoneKey] as string;

    /// <summary>
    /// Runs a use case: on success redirects to <paramref name="back"/> (or the address it returns) with
    /// its confirmation; otherwise reloads the page with the reason.
    /// </summary>
    /// <param name="change">The use case; returns the confirmation and where to go (null: <paramref name="back"/>).</param>
    /// <param name="back">The page to show after the save.</param>
    /// <param name="reload">Reads the page again for the answer with the problem; false when the record is gone.</param>
    /// <param name="conflict">The message for an edit that crossed someone else's.</param>
    protected async Task<IActionResult> SaveAsync(Func<Task<(string Done, string? Location)>> change, string back, Func<Task<bool>> reload, string conflict)
    {
        try
        {
            var (done, location) = await change();
            TempData[DoneKey] = done;
            return Redirect(location ?? back);
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException or AccessDeniedException)
        {
            // Refused by the use case on a record named in the form (the other person of a merge, the council of a new
            // seat): the page says why, with 403; a refusal by the handler's own rule never gets this far.
            if (!await reload())
            {
                return NotFound();
            }

            Problem = e is ConcurrencyConflictException ? conflict : e.Message;
            if (e is DomainRuleException rule)
            {
                Posted = PostedForm.Refused(Request, rule.Fields);
            }

            Response.StatusCode = e is AccessDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    protected Task<IActionResult> SaveAsync(Func<Task<string>> change, string back, Func<Task<bool>> reload, string conflict = "Nogen har ændret det samme, siden du åbnede siden. Din ændring er ikke gemt; her er den gemte udgave.") =>
        SaveAsync(async () => (await change(), (string?)null), back, reload, conflict);
}

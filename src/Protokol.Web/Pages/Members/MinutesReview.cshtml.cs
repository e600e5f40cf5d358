using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Members;

/// <summary>
/// The members' reading of draft minutes (issue 16): a member or the secretary of the council, signed
/// in, reads the draft item by item, closed items included, once it was sent for reading, and comments
/// per item until the deadline; she may change or delete her own comments until then. Nothing of this
/// page is public: it needs sign-in and a right to the council, and is never cached.
/// </summary>
[StaffRule(StaffRule.ReadMeeting)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MinutesReviewModel(CommentOnMinutes comments, IProtokolStore store, IStringLocalizer<SharedResource> text) : PageModel
{
    public MinutesReview? Review { get; private set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The text a refused comment had, per item (or comment), shown again so nothing is lost.</summary>
    public IReadOnlyDictionary<string, string?> Sent { get; private set; } = new Dictionary<string, string?>();

    public int? AccountId => User.AccountId();

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    [StaffRule(StaffRule.CommentOnMinutes)]
    public Task<IActionResult> OnPostAddAsync(int id, int item, string? comment, CancellationToken ct) =>
        RunAsync(id, $"punkt-{item}", comment, async author =>
        {
            await comments.AddAsync(id, item, comment, User.Rights(), author, ct);
            return (text["Din kommentar er gemt."], $"#punkt-{item}");
        }, ct);

    [StaffRule(StaffRule.CommentOnMinutes)]
    public Task<IActionResult> OnPostEditAsync(int id, int commentId, string? comment, CancellationToken ct) =>
        RunAsync(id, $"kommentar-{commentId}", comment, async author =>
        {
            var changed = await comments.EditAsync(id, commentId, comment, User.Rights(), author, ct);
            return (text["Din kommentar er ændret."], $"#punkt-{changed.AgendaItemId}");
        }, ct);

    [StaffRule(StaffRule.CommentOnMinutes)]
    public Task<IActionResult> OnPostDeleteAsync(int id, int commentId, CancellationToken ct) =>
        RunAsync(id, null, null, async author =>
        {
            await comments.DeleteAsync(id, commentId, User.Rights(), author, ct);
            return (text["Din kommentar er slettet."], string.Empty);
        }, ct);

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        try
        {
            Review = await comments.ReviewAsync(id, User.Rights(), ct);
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }

        if (Review is null)
        {
            return NotFound();
        }

        Done ??= TempData["Done"] as string;
        return Page();
    }

    private async Task<IActionResult> RunAsync(int id, string? field, string? sent, Func<CommentAuthor, Task<(string Done, string Anchor)>> change, CancellationToken ct)
    {
        if (User.AccountId() is not { } account)
        {
            return Forbid();
        }

        var author = new CommentAuthor(account, User.LinkedPersonId(), User.FindFirstValue(ClaimTypes.Name) ?? User.FindFirstValue(ClaimTypes.Email) ?? "?");
        try
        {
            var (done, anchor) = await change(author);
            TempData["Done"] = done;
            return Redirect($"/medlem/moeder/{id}/referat{anchor}");
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
        }
        catch (ConcurrencyConflictException)
        {
            Problem = text["Kommentaren er ændret et andet sted, siden du åbnede siden. Indlæs siden igen."];
        }

        if (field is not null)
        {
            Sent = new Dictionary<string, string?> { [field] = sent };
        }

        store.DiscardChanges();
        var shown = await ShowAsync(id, ct);
        if (shown is PageResult)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return shown;
    }
}

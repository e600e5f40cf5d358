using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Web.BackOffice;

/// <summary>
/// What the meeting's two back-office pages (the agenda builder and the minutes workspace) share:
/// loading the meeting and what surrounds it, the access check before a change, and one way to run
/// a use case: done, it redirects with a message (post, redirect, get); refused, it shows the stored
/// state again with the problem, and with both versions when someone else saved first.
/// </summary>
public abstract class MeetingPageBase(IProtokolStore store, IBackOfficeQueries queries, TimeProvider clock) : PageModel
{
    protected IProtokolStore Store { get; } = store;

    protected IBackOfficeQueries Queries { get; } = queries;

    protected TimeProvider Clock { get; } = clock;

    public Meeting? Meeting { get; private set; }

    public MeetingSurroundings Surroundings { get; private set; } = new([], [], [], [], [], [], null);

    public bool CanEdit { get; private set; }

    public string? Done { get; private set; }

    /// <summary>
    /// The section the last change redirected to (the anchor of its address), when the page shows its confirmation there:
    /// the browser lands on the section, so a message at the top of the page would be out of view.
    /// </summary>
    public string? DoneIn { get; private set; }

    /// <summary>The sections (anchors) of this page that show the confirmation of a change redirected to them.</summary>
    protected virtual IReadOnlySet<string> SectionsWithConfirmation { get; } = new HashSet<string>();

    /// <summary>Whether the page shows a change's confirmation in the section (anchor) it redirected to.</summary>
    protected virtual bool ConfirmsIn(string section) => SectionsWithConfirmation.Contains(section);

    /// <summary>The confirmation to show in the section <paramref name="anchor"/>, or null (then it shows at the top).</summary>
    public string? DoneAt(string anchor) => DoneIn == anchor ? Done : null;

    public string? Problem { get; protected set; }

    /// <summary>The refused form, for the page shown again: what was typed, and the problem at its field.</summary>
    public PostedForm Posted { get; private set; } = PostedForm.None;

    /// <summary>Texts saved by someone else since the page was made: the user's and the stored version.</summary>
    public IReadOnlyList<TextConflict> Conflicts { get; private set; } = [];

    public DateOnly Today => Copenhagen.Today(Clock);

    /// <summary>Whether the page shows the privacy check of the minutes (the cycle's third step) rather than their writing.</summary>
    public virtual bool ShowsPrivacyCheck => false;

    /// <summary>The page's address for a meeting, where a change redirects to.</summary>
    protected abstract string PathOf(int meetingId);

    protected async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Meeting = await Store.FindMeetingAsync(id, cancellationToken);
        if (Meeting is null)
        {
            return NotFound();
        }

        if (!User.CanRead(Meeting.OrganizationId))
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(Meeting.OrganizationId);
        Surroundings = await Queries.SurroundingsAsync(Meeting, cancellationToken);
        await LoadPageAsync(Meeting, cancellationToken);
        Done ??= TempData["Done"] as string;
        var section = TempData["DoneIn"] as string;
        DoneIn = Done is not null && section is not null && ConfirmsIn(section) ? section : null;
        return null;
    }

    /// <summary>What one page shows beyond the meeting and its surroundings, read after them.</summary>
    protected virtual Task LoadPageAsync(Meeting meeting, CancellationToken cancellationToken) => Task.CompletedTask;

    protected async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    /// <summary>Checks the right to change the meeting, runs the use case and redirects to <paramref name="redirect"/> (or the page).</summary>
    protected async Task<IActionResult> RunAsync(int id, Func<Task<string>> change, CancellationToken cancellationToken, string? redirect = null)
    {
        var organization = await Queries.MeetingOrganizationAsync(id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(organization.Value))
        {
            return Forbid();
        }

        var conflicted = false;
        try
        {
            TempData["Done"] = await change();
            var to = redirect ?? PathOf(id);
            if (to.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0)
            {
                TempData["DoneIn"] = to[(hash + 1)..];
            }

            return Redirect(to);
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Posted = PostedForm.Refused(Request, e.Fields);
        }
        catch (EditConflictException e)
        {
            // Her form opens again with what she typed, on the stored version: saving it again keeps hers.
            Problem = e.Message;
            Conflicts = e.Conflicts;
            Posted = PostedForm.Refused(Request, []);
        }
        catch (ConcurrencyConflictException)
        {
            // No two versions to show: the page below is the stored one, to make the change on again.
            Problem = "Nogen har ændret det samme, siden du åbnede siden. Din ændring er ikke gemt. Siden viser nu den gemte udgave; gentag ændringen.";
            conflicted = true;
        }

        // Nothing of the refused change was saved: show what is stored, with the problem.
        Store.DiscardChanges();
        await LoadAsync(id, cancellationToken);
        Response.StatusCode = conflicted || Conflicts.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}

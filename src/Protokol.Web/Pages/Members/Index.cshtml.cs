using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Members;

/// <summary>
/// A member's own page: their councils' coming meetings with the state of the agenda and their own
/// answer, and the follow-ups they own (overdue marked), each with a form to mark it done. A member
/// who signs in lands here.
/// </summary>
[StaffRule(StaffRule.SignedIn)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(IMemberQueries queries, TimeProvider clock) : PageModel
{
    public MemberHome Home { get; private set; } = new([], [], [], []);

    public DateOnly Today { get; private set; }

    /// <summary>The account is linked to no person in the registry: no answers or follow-ups to show.</summary>
    public bool Unlinked { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Copenhagen.Today(clock);
        Done = TempData["Done"] as string;
        var person = User.LinkedPersonId();
        Unlinked = person is null;
        Home = await queries.HomeAsync(User.ReadableOrganizations(), person, Today, cancellationToken);
    }
}

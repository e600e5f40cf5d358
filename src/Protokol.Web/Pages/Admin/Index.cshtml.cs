using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// The secretary's overview: each council's next meeting and what it still lacks, open follow-ups
/// (overdue first) and open hearings by deadline. A member sees the next meetings and only the
/// follow-ups they own.
/// </summary>
[StaffRule(StaffRule.SignedIn)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class DashboardModel(IBackOfficeQueries queries, TimeProvider clock) : PageModel
{
    public Dashboard? Dashboard { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>What a change that led here did (a meeting or follow-up deleted).</summary>
    public string? Done { get; private set; }

    /// <summary>Neither administrator nor secretary anywhere: sees only their own follow-ups.</summary>
    public bool IsMemberOnly { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Copenhagen.Today(clock);
        Done = TempData["Done"] as string;
        IsMemberOnly = !User.IsAdministrator() && User.SecretaryOf()!.Count == 0;
        var owner = IsMemberOnly ? User.LinkedPersonId() ?? -1 : (int?)null;
        Dashboard = await queries.DashboardAsync(User.ReadableOrganizations(), owner, Today, cancellationToken);
    }
}

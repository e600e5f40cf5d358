using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Mail;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;
using Protokol.Web.Localization;
using Protokol.Web.Mail;

namespace Protokol.Web.Pages.Admin;

/// <summary>The mail outbox: each message's status; a failed one can be sent again. Administrators see all, a secretary her councils'.</summary>
[StaffRule(StaffRule.AnySecretary)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MailModel(IMailStore store, IOptions<MailOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<MailSummary> Messages { get; private set; } = [];

    public bool MailConfigured => options.Value.IsConfigured;

    public string? Done { get; private set; }

    /// <summary>"3. marts 2026 kl. 15.02", in Danish time.</summary>
    public static string Time(DateTime utc)
    {
        var local = Copenhagen.ToLocal(utc);
        return Words.Date(DateOnly.FromDateTime(local)) + " " + Words.TimeRange(TimeOnly.FromDateTime(local), null);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Visible() is not { } councils)
        {
            return Forbid();
        }

        Done = TempData["Done"] as string;
        Messages = await store.RecentAsync(councils.Count == 0 && User.IsAdministrator() ? null : councils, 200, cancellationToken);
        return Page();
    }

    [StaffRule(StaffRule.AnySecretary)]
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        if (Visible() is null)
        {
            return Forbid();
        }

        var mail = await store.FindMailAsync(id, cancellationToken);
        if (mail is null || !MayRead(User, mail))
        {
            return NotFound();
        }

        try
        {
            mail.Retry(clock.GetUtcNow().UtcDateTime);
            await store.SaveChangesAsync(cancellationToken);
            TempData["Done"] = text["E-mailen til {0} sendes igen.", mail.ToAddress].Value;
        }
        catch (DomainRuleException e)
        {
            TempData["Done"] = e.Message;
        }

        return RedirectToPage();
    }

    /// <summary>Whether <paramref name="user"/> sees <paramref name="mail"/>: an administrator every message, a secretary her councils'.</summary>
    internal static bool MayRead(System.Security.Claims.ClaimsPrincipal user, OutgoingMail mail) =>
        user.IsAdministrator() || (mail.OrganizationId is { } org && user.SecretaryOf() is { } runs && runs.Contains(org));

    /// <summary>The councils whose mail the user sees: empty for an administrator (all), null for a member (none).</summary>
    private IReadOnlySet<int>? Visible() =>
        User.IsAdministrator() ? new HashSet<int>() : User.SecretaryOf() is { Count: > 0 } runs ? runs : null;
}

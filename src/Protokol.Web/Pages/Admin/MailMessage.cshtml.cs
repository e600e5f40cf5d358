using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;
using Protokol.Web.Mail;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// One message of the outbox as it was sent: recipient, subject, status, its text (personal keys in links cut away) and
/// the files it carried. Administrators see every message, a secretary her councils' (as the outbox lists them).
/// </summary>
[StaffRule(StaffRule.AnySecretary)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MailMessageModel(IMailStore store) : PageModel
{
    public OutgoingMail? Mail { get; private set; }

    public IReadOnlyList<MailPartSummary> Parts { get; private set; } = [];

    /// <summary>The text as the back office shows it (<see cref="PersonalLinks.Hide"/>).</summary>
    public string Text { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator() && User.SecretaryOf() is not { Count: > 0 })
        {
            return Forbid();
        }

        var mail = await store.FindMailAsync(id, cancellationToken);
        if (mail is null || !MailModel.MayRead(User, mail))
        {
            return NotFound();
        }

        Mail = mail;
        Text = PersonalLinks.Hide(mail.TextBody);
        Parts = await store.PartsAsync(id, cancellationToken);
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;

namespace Protokol.Web.Pages.Alerts;

/// <summary>
/// Unsubscribe: the page's button, and the one-click POST that mail programs send from the
/// List-Unsubscribe header (RFC 8058: "List-Unsubscribe=One-Click", no cookie, no token but the link's
/// own secret, so the anti-forgery check does not apply).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(IMailStore store, Subscriptions subscriptions) : PageModel
{
    public bool Done { get; private set; }

    public bool Unknown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Unknown = await store.FindSubscriptionAsync(token, cancellationToken) is null;
        if (Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Done = await subscriptions.UnsubscribeAsync(token, cancellationToken);
        Unknown = !Done;
        if (Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}

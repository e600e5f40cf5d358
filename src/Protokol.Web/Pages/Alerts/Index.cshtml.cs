using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Protokol.Core.Common;
using Protokol.Core.Mail;
using Protokol.Core.Portal;
using Protokol.Web.Search;

namespace Protokol.Web.Pages.Alerts;

/// <summary>Subscribe by e-mail to a council (<c>?raad=slug</c>) or to a search (<c>?soeg=</c> the search page's query string).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SubscribeModel(PortalService portal, Subscriptions subscriptions, MailFormLimiter limiter, IStringLocalizer<SharedResource> text) : PageModel
{
    public string? Council { get; private set; }

    public string? Search { get; private set; }

    /// <summary>What is followed, in words; null when the address names neither a council nor a search.</summary>
    public string? What { get; private set; }

    /// <summary>The words searched for, when a search is followed (its new hits are mailed, not a council's agendas and minutes).</summary>
    public string? SearchQuery { get; private set; }

    public string? Email { get; private set; }

    public string? Problem { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "raad")] string? council, [FromQuery(Name = "soeg")] string? search, CancellationToken cancellationToken)
    {
        await DescribeAsync(council, search, cancellationToken);
        return What is null && council is not null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? email, [FromForm(Name = "raad")] string? council, [FromForm(Name = "soeg")] string? search, CancellationToken cancellationToken)
    {
        var organizationId = await DescribeAsync(council, search, cancellationToken);
        Email = email?.Trim();
        if (What is null)
        {
            return NotFound();
        }

        if (!limiter.TryPost(HttpContext))
        {
            Problem = text["Der er bedt om mange abonnementer fra din forbindelse inden for den sidste time. Prøv igen senere."];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        try
        {
            await subscriptions.SubscribeAsync(Email ?? string.Empty, organizationId, Search, What, new Uri(PublicAddress.Origin(HttpContext) + "/"), cancellationToken);
            Sent = true;
            return Page();
        }
        catch (DomainRuleException e)
        {
            Problem = string.IsNullOrWhiteSpace(Email) ? text["Skriv din e-mailadresse."] : e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<int?> DescribeAsync(string? council, string? search, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(council))
        {
            var organization = (await portal.ListOrganizationsAsync(cancellationToken)).FirstOrDefault(o => o.Slug == council.Trim());
            if (organization is not null)
            {
                Council = organization.Slug;
                What = organization.Name;
                return organization.Id;
            }

            return null;
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var request = SearchParameters.From(new QueryCollection(QueryHelpers.ParseQuery(search))).Request;
            if (!string.IsNullOrWhiteSpace(request.Query))
            {
                Search = SearchParameters.Url(string.Empty, request with { Page = 1 }).TrimStart('/').TrimStart('?');
                What = text["søgningen «{0}»", request.Query];
                SearchQuery = request.Query;
            }
        }

        return null;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.Accounts;

namespace Protokol.Web.Pages.Admin;

/// <summary>Every council and committee, and (for administrators) a new one with the usual standing items.</summary>
[Authorize(Policy = StaffClaims.AdministratorPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CouncilsModel(ProtokolDbContext db, IProtokolStore store) : PageModel
{
    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Body> Bodies { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(int body, string name, string slug, OrganizationKind kind, string? purpose, CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            var owner = await db.Bodies.Include(b => b.Organizations).FirstOrDefaultAsync(b => b.Id == body, ct) ?? throw new DomainRuleException("Vælg kommunen.");
            if (kind == OrganizationKind.ExternalOrganisation)
            {
                throw new DomainRuleException("Vælg råd eller udvalg; de organisationer, medlemmerne repræsenterer, oprettes, når et medlemskab tilføjes.");
            }

            var council = owner.AddOrganization(slug, name, kind, purpose);
            council.UseDefaultStandingItems();
            await store.SaveChangesAsync(ct);
            return Redirect($"/admin/raad/{council.Slug}");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Bodies = await db.Bodies.OrderBy(b => b.Name).ToListAsync(ct);
        Councils = await db.Organizations.Include(o => o.Body).Where(o => o.Kind != OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(ct);
    }
}

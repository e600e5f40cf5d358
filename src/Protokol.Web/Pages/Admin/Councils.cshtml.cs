using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>Every council and committee, and (for administrators) a new one with the usual standing items.</summary>
[StaffRule(StaffRule.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CouncilsModel(IRegistryQueries registry) : BackOfficePage
{
    public CouncilsView View { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => View = await registry.CouncilsAsync(ct);

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostAsync([FromServices] CreateCouncil create, int body, string? name, string? slug, OrganizationKind kind, string? purpose, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var council = await create.ExecuteAsync(Rights, body, name ?? string.Empty, slug ?? string.Empty, kind, purpose, ct);
            return ($"{council.Name} er oprettet med de faste punkter. Planlæg rådets første år herunder.", $"/admin/raad/{council.Slug}");
        }, "/admin/raad", async () =>
        {
            View = await registry.CouncilsAsync(ct);
            return true;
        }, string.Empty);
}

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

    /// <summary>The municipality the new council's form starts on: the one just created.</summary>
    public int? ChosenBody { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "kommune")] int? body, CancellationToken ct)
    {
        View = await registry.CouncilsAsync(ct);
        ChosenBody = body;
        ShowDone();
    }

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostAsync([FromServices] CreateCouncil create, int body, string? name, string? slug, OrganizationKind kind, string? purpose, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            // Left empty, the address is made from the name ("Ældrerådet" → aeldreraadet), as the hint says.
            var council = await create.ExecuteAsync(Rights, body, name ?? string.Empty, string.IsNullOrWhiteSpace(slug) ? name ?? string.Empty : slug, kind, purpose, ct);
            return ($"{council.Name} er oprettet med de faste punkter. Planlæg rådets første år herunder.", $"/admin/raad/{council.Slug}");
        }, "/admin/raad", async () =>
        {
            View = await registry.CouncilsAsync(ct);
            return true;
        }, string.Empty);

    /// <summary>A new municipality, to create its councils in.</summary>
    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostBodyAsync([FromServices] ManageBodies bodies, string? name, string? website, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var created = await bodies.CreateAsync(Rights, name, website, ct);
            return ($"{created.Name} er oprettet. Opret kommunens råd og udvalg herunder.", $"/admin/raad?kommune={created.Id}#nyt-raad");
        }, "/admin/raad", async () =>
        {
            View = await registry.CouncilsAsync(ct);
            return true;
        }, string.Empty);
}

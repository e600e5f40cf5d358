using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>The people registry of the municipalities the user works in: find, add, and the import's "maybe the same person" pairs.</summary>
[StaffRule(StaffRule.Registry)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PeopleModel(IRegistryQueries registry) : BackOfficePage
{
    public PeopleView View { get; private set; } = new([], [], []);

    public string? Query { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "q")] string? query, CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        View = await registry.PeopleAsync(Rights, Query, ct);
    }

    [StaffRule(StaffRule.Registry)]
    public Task<IActionResult> OnPostAsync([FromServices] CreatePerson create, int body, string name, string? email, PublicationLevel publication, string? publicRole, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var (person, namesake) = await create.CreateAsync(Rights, body, name, email, publication, publicRole, ct);
            var shown = person.Publication == PublicationLevel.RoleOnly ? $"vises offentligt kun som \"{person.PublicRole}\"" : "vises offentligt med navn";
            var twice = namesake is null ? string.Empty
                : $" Bemærk: registret havde allerede {namesake.Name}. Er det den samme person, så læg de to poster sammen nederst på siden.";
            return ($"{person.Name} er tilføjet til registret og {shown}. Giv personen et medlemskab herunder.{twice}", $"/admin/personer/{person.Id}");
        }, "/admin/personer", async () =>
        {
            View = await registry.PeopleAsync(Rights, null, ct);
            return true;
        }, string.Empty);
}

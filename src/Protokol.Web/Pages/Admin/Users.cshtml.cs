using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Data.Accounts;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>Accounts, for administrators: who may sign in, and as what in which council.</summary>
[Authorize(Policy = StaffClaims.AdministratorPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UsersModel(ProtokolDbContext db, AccountService accounts, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public DateTime Now { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string email, string name, string password, bool isAdministrator, int? person, Dictionary<int, string>? access, CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            var rights = AccessForm.Parse(access, Councils);
            var account = await accounts.CreateAsync(email ?? string.Empty, name ?? string.Empty, password ?? string.Empty, isAdministrator,
                rights.Select(r => (r.Key, r.Value)).ToList(), ct);
            if (person is { } p && People.Any(x => x.Id == p))
            {
                account.LinkPerson(p);
                await db.SaveChangesAsync(ct);
            }

            TempData["Done"] = $"Kontoen for {account.Email} er oprettet. Giv personen adgangskoden ad en sikker vej; de kan selv skifte den under \"Min konto\".";
            return Redirect($"/admin/brugere/{account.Id}");
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Accounts = (await db.UserAccounts.AsNoTracking().Include(u => u.Access).ToListAsync(ct))
            .OrderBy(u => u.Disabled).ThenBy(u => u.DisplayName, PeopleLists.DanishNames).ToList();
        Councils = await AccessForm.CouncilsAsync(db, ct);
        People = await db.People.AsNoTracking().ByNameAsync(ct);
    }
}

/// <summary>The access grid of the account forms: one choice per council, "access[id]" = "" | Member | Secretary.</summary>
internal static class AccessForm
{
    public static async Task<IReadOnlyList<Organization>> CouncilsAsync(ProtokolDbContext db, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(ct);

    public static Dictionary<int, AccessLevel> Parse(Dictionary<int, string>? form, IReadOnlyList<Organization> councils)
    {
        var result = new Dictionary<int, AccessLevel>();
        foreach (var (id, value) in form ?? [])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (councils.All(c => c.Id != id) || !Enum.TryParse<AccessLevel>(value, out var level) || !Enum.IsDefined(level))
            {
                throw new DomainRuleException($"Ukendt adgang \"{value}\" til råd nr. {id}.");
            }

            result[id] = level;
        }

        return result;
    }
}

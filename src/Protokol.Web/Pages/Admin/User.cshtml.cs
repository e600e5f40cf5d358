using Microsoft.AspNetCore.Authentication;
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

/// <summary>One account, for administrators: name, rights, linked person, a new password, unlocking and closing.</summary>
[Authorize(Policy = StaffClaims.AdministratorPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UserModel(ProtokolDbContext db, AccountService accounts, TimeProvider clock) : PageModel
{
    public UserAccount? Account { get; private set; }

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public bool IsSelf { get; private set; }

    public bool IsLockedOut { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Done = TempData["Done"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostDetailsAsync(int id, string name, bool isAdministrator, int? person, Dictionary<int, string>? access, CancellationToken ct) =>
        ChangeAsync(id, ct, account =>
        {
            if (IsSelf && !isAdministrator)
            {
                throw new DomainRuleException("Du kan ikke fjerne din egen administratorrolle; bed en anden administrator om det.");
            }

            account.Rename(name ?? string.Empty);
            account.SetAdministrator(isAdministrator);
            account.SetAccess(AccessForm.Parse(access, Councils));
            account.LinkPerson(person is { } p && People.Any(x => x.Id == p) ? p : null);
            return Task.FromResult("Brugeren er gemt.");
        });

    public Task<IActionResult> OnPostPasswordAsync(int id, string password, CancellationToken ct) =>
        ChangeAsync(id, ct, async account =>
        {
            await accounts.ResetPasswordAsync(account.Id, password ?? string.Empty, ct);
            return "Adgangskoden er skiftet, og brugerens sessioner er afsluttet.";
        });

    public Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, ct, account =>
        {
            account.Unlock();
            return Task.FromResult("Spærringen er ophævet.");
        });

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, ct, account =>
        {
            if (IsSelf)
            {
                throw new DomainRuleException("Du kan ikke lukke din egen konto.");
            }

            account.Disable();
            return Task.FromResult("Kontoen er lukket; brugeren er logget ud og kan ikke logge ind igen.");
        });

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, ct, account =>
        {
            account.Enable();
            return Task.FromResult("Kontoen er åbnet igen.");
        });

    private async Task<IActionResult> ChangeAsync(int id, CancellationToken ct, Func<UserAccount, Task<string>> change)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            var done = await change(Account!);
            await db.SaveChangesAsync(ct);
            if (IsSelf)
            {
                // The account's security stamp may have changed: sign in again with it, or this session would end.
                await HttpContext.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(Account!));
            }

            TempData["Done"] = done;
            return Redirect($"/admin/brugere/{id}");
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Account = await db.UserAccounts.Include(u => u.Access).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (Account is null)
        {
            return false;
        }

        IsSelf = User.AccountId() == id;
        IsLockedOut = Account.IsLockedOut(clock.GetUtcNow().UtcDateTime);
        Councils = await AccessForm.CouncilsAsync(db, ct);
        People = await db.People.AsNoTracking().ByNameAsync(ct);
        return true;
    }
}

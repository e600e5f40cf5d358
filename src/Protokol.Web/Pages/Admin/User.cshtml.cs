using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Registry;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>One account, for administrators: name, rights, linked person, a new password and closing.</summary>
[StaffRule(StaffRule.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UserModel(IAccountQueries accounts) : BackOfficePage
{
    public UserAccount? Account { get; private set; }

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ShowDone();
        return Page();
    }

    [StaffRule(StaffRule.Administrator)]
    public async Task<IActionResult> OnPostDetailsAsync([FromServices] SetUserRights set, int id, string? name, bool isAdministrator, int? person, Dictionary<int, string>? access, CancellationToken ct)
    {
        // Changed rights or another linked person end the account's sessions: the administrator is told, as the user will see it.
        var stamp = (await accounts.AccountAsync(id, ct))?.SecurityStamp;
        return await ChangeAsync(id, () => set.ExecuteAsync(Rights, id, name ?? string.Empty, isAdministrator, AccessForm.Parse(access), person, ct),
            account => account.SecurityStamp == stamp || User.AccountId() == id
                ? "Brugeren er gemt."
                : "Brugeren er gemt. Ændringen af rettigheder eller person har logget brugeren ud; den gælder, når brugeren logger ind igen.", ct);
    }

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostPasswordAsync([FromServices] ResetPassword reset, int id, string? password, CancellationToken ct) =>
        ChangeAsync(id, () => reset.ExecuteAsync(Rights, id, password ?? string.Empty, ct), "Adgangskoden er skiftet, og brugerens sessioner er afsluttet.", ct);

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostCloseAsync([FromServices] ChangeAccountStatus status, int id, CancellationToken ct) =>
        ChangeAsync(id, () => status.ExecuteAsync(Rights, id, AccountStatusChange.Close, ct), "Kontoen er lukket; brugeren er logget ud og kan ikke logge ind igen.", ct);

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostReopenAsync([FromServices] ChangeAccountStatus status, int id, CancellationToken ct) =>
        ChangeAsync(id, () => status.ExecuteAsync(Rights, id, AccountStatusChange.Reopen, ct), "Kontoen er åbnet igen.", ct);

    private Task<IActionResult> ChangeAsync(int id, Func<Task<UserAccount>> change, string done, CancellationToken ct) =>
        ChangeAsync(id, change, _ => done, ct);

    private Task<IActionResult> ChangeAsync(int id, Func<Task<UserAccount>> change, Func<UserAccount, string> done, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var account = await change();
            if (User.AccountId() == id)
            {
                // The account's security stamp may have changed: sign in again with it, or this session would end.
                await HttpContext.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(account));
            }

            return done(account);
        }, $"/admin/brugere/{id}", () => LoadAsync(id, ct));

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Account = await accounts.AccountAsync(id, ct);
        if (Account is null)
        {
            return false;
        }

        IsSelf = User.AccountId() == id;
        Councils = await accounts.CouncilsAsync(ct);
        People = await accounts.PeopleAsync(ct);
        return true;
    }
}

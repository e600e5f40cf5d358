using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>Accounts, for administrators: who may sign in, and as what in which council.</summary>
[StaffRule(StaffRule.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UsersModel(IAccountQueries accounts) : BackOfficePage
{
    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];

    public IReadOnlyList<Organization> Councils { get; private set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [StaffRule(StaffRule.Administrator)]
    public Task<IActionResult> OnPostAsync([FromServices] CreateUser create, string? email, string? name, string? password, bool isAdministrator, int? person, Dictionary<int, string>? access, CancellationToken ct) =>
        SaveAsync(async () =>
        {
            var account = await create.ExecuteAsync(Rights, new NewUser(email ?? string.Empty, name ?? string.Empty, password ?? string.Empty, isAdministrator, AccessForm.Parse(access), person), ct);
            return ($"Kontoen for {account.Email} er oprettet. Giv personen adgangskoden ad en sikker vej; de kan selv skifte den under \"Min konto\".", $"/admin/brugere/{account.Id}");
        }, "/admin/brugere", async () => await LoadAsync(ct), string.Empty);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.AccountsAsync(ct);
        Councils = await accounts.CouncilsAsync(ct);
        People = await accounts.PeopleAsync(ct);
        return true;
    }
}

/// <summary>The access grid of the account forms: one choice per council, "access[id]" = "" | Member | Secretary.</summary>
internal static class AccessForm
{
    public static Dictionary<int, AccessLevel> Parse(Dictionary<int, string>? form)
    {
        var result = new Dictionary<int, AccessLevel>();
        foreach (var (id, value) in form ?? [])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            result[id] = Enum.TryParse<AccessLevel>(value, out var level) && Enum.IsDefined(level) ? level
                : throw new DomainRuleException($"Ukendt adgang \"{value}\" til råd nr. {id}.");
        }

        return result;
    }
}

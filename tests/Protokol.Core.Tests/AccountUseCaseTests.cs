using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

/// <summary>The accounts' use cases: only administrators manage accounts, and nobody locks themselves out.</summary>
public sealed class AccountUseCaseTests
{
    private readonly UseCaseFakes _store = new();
    private readonly Organization _council;

    public AccountUseCaseTests()
    {
        var body = UseCaseFakes.WithId(new Body("testby", "Testby Kommune"), 1);
        _council = UseCaseFakes.WithId(body.AddOrganization("raadet", "Rådet", OrganizationKind.Council), 10);
        _store.Bodies.Add(body);
    }

    private static StaffRights Admin(int accountId) => StaffRights.Administrator with { AccountId = accountId };

    private async Task<UserAccount> CreateAsync(string email, bool admin = false)
    {
        var account = await new CreateUser(_store, _store, _store).ExecuteAsync(StaffRights.Administrator,
            new NewUser(email, "Test", "korrekt-hest-batteri", admin, new Dictionary<int, AccessLevel> { [_council.Id] = AccessLevel.Secretary }), CancellationToken.None);
        return UseCaseFakes.WithId(account, _store.Accounts.Count);
    }

    [Fact]
    public async Task Only_an_administrator_creates_accounts_with_a_long_password_a_free_email_and_known_councils()
    {
        var create = new CreateUser(_store, _store, _store);
        var secretary = new StaffRights(false, new HashSet<int> { _council.Id }, new HashSet<int>());
        NewUser User(string email, string password = "korrekt-hest-batteri", int council = 10) =>
            new(email, "Test", password, false, new Dictionary<int, AccessLevel> { [council] = AccessLevel.Member });

        await Assert.ThrowsAsync<AccessDeniedException>(() => create.ExecuteAsync(secretary, User("a@testby.dk"), CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => create.ExecuteAsync(StaffRights.Administrator, User("a@testby.dk", "kort"), CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => create.ExecuteAsync(StaffRights.Administrator, User("a@testby.dk", council: 99), CancellationToken.None));
        var account = await create.ExecuteAsync(StaffRights.Administrator, User("A@Testby.dk"), CancellationToken.None);
        Assert.Equal(("a@testby.dk", AccessLevel.Member), (account.Email, account.Access.Single().Level));
        await Assert.ThrowsAsync<DomainRuleException>(() => create.ExecuteAsync(StaffRights.Administrator, User("a@testby.dk"), CancellationToken.None));
    }

    [Fact]
    public async Task An_administrator_neither_removes_her_own_role_nor_closes_her_own_account()
    {
        var me = await CreateAsync("me@testby.dk", admin: true);
        var other = await CreateAsync("other@testby.dk");
        var rights = new SetUserRights(_store, _store);
        await Assert.ThrowsAsync<DomainRuleException>(() => rights.ExecuteAsync(Admin(me.Id), me.Id, "Mig", false, new Dictionary<int, AccessLevel>(), null, CancellationToken.None));
        var status = new ChangeAccountStatus(_store, _store);
        await Assert.ThrowsAsync<DomainRuleException>(() => status.ExecuteAsync(Admin(me.Id), me.Id, AccountStatusChange.Close, CancellationToken.None));

        var stamp = other.SecurityStamp;
        await rights.ExecuteAsync(Admin(me.Id), other.Id, "Anden", true, new Dictionary<int, AccessLevel>(), null, CancellationToken.None);
        Assert.NotEqual(stamp, other.SecurityStamp); // changed rights end the sessions signed in before
        await status.ExecuteAsync(Admin(me.Id), other.Id, AccountStatusChange.Close, CancellationToken.None);
        Assert.True(other.Disabled);
        await Assert.ThrowsAsync<AccessDeniedException>(() => status.ExecuteAsync(new StaffRights(false, new HashSet<int> { 10 }, new HashSet<int>(), other.Id), me.Id, AccountStatusChange.Reopen, CancellationToken.None));
    }

    [Fact]
    public async Task A_user_changes_her_password_only_knowing_the_current_one()
    {
        var me = await CreateAsync("me@testby.dk");
        var change = new ChangeOwnPassword(_store, _store, _store);
        await Assert.ThrowsAsync<DomainRuleException>(() => change.ExecuteAsync(me.Id, "korrekt-hest-batteri", "ny-lang-adgangskode", "ny-lang-adgangskod", CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => change.ExecuteAsync(me.Id, "forkert", "ny-lang-adgangskode", "ny-lang-adgangskode", CancellationToken.None));
        await change.ExecuteAsync(me.Id, "korrekt-hest-batteri", "ny-lang-adgangskode", "ny-lang-adgangskode", CancellationToken.None);
        Assert.Equal("hash:ny-lang-adgangskode", me.PasswordHash);

        await new ResetPassword(_store, _store, _store).ExecuteAsync(StaffRights.Administrator, me.Id, "endnu-en-adgangskode", CancellationToken.None);
        Assert.Equal("hash:endnu-en-adgangskode", me.PasswordHash);
    }
}

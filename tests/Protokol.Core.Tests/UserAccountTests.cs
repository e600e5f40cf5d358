using Protokol.Core.Accounts;
using Protokol.Core.Common;

namespace Protokol.Core.Tests;

public sealed class UserAccountTests
{
    [Theory]
    [InlineData(" Sofie@Havnby.DK ", "sofie@havnby.dk")]
    [InlineData("a.b@c.dk", "a.b@c.dk")]
    public void Emails_are_kept_in_lower_case(string given, string stored) =>
        Assert.Equal(stored, new UserAccount(given, "Sofie", false).Email);

    [Theory]
    [InlineData("")]
    [InlineData("sofie")]
    [InlineData("sofie@havnby")]
    [InlineData("Sofie <sofie@havnby.dk>")]
    public void Anything_but_an_email_address_is_refused(string given) =>
        Assert.Throws<DomainRuleException>(() => new UserAccount(given, "Sofie", false));

    [Fact]
    public void Changing_the_password_or_the_rights_ends_earlier_sessions()
    {
        var account = new UserAccount("sofie@havnby.dk", "Sofie", false);
        var stamp = account.SecurityStamp;
        account.SetPasswordHash("hash");
        Assert.NotEqual(stamp, account.SecurityStamp);
        stamp = account.SecurityStamp;
        account.Grant(3, AccessLevel.Member);
        account.Grant(3, AccessLevel.Secretary);
        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.Equal(AccessLevel.Secretary, Assert.Single(account.Access).Level);
    }

    [Fact]
    public void Setting_the_access_exactly_removes_what_is_not_listed_and_keeps_the_stamp_when_nothing_changes()
    {
        var account = new UserAccount("nina@havnby.dk", "Nina", false);
        account.Grant(1, AccessLevel.Secretary);
        account.Grant(2, AccessLevel.Member);
        var stamp = account.SecurityStamp;

        account.SetAccess(new Dictionary<int, AccessLevel> { [1] = AccessLevel.Secretary, [2] = AccessLevel.Member });
        Assert.Equal(stamp, account.SecurityStamp);

        account.SetAccess(new Dictionary<int, AccessLevel> { [2] = AccessLevel.Secretary, [4] = AccessLevel.Member });
        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.Equal([(2, AccessLevel.Secretary), (4, AccessLevel.Member)], account.Access.Select(a => (a.OrganizationId, a.Level)).Order());

        stamp = account.SecurityStamp;
        account.SetAdministrator(true);
        Assert.NotEqual(stamp, account.SecurityStamp);
        account.Disable();
        account.Enable();
        Assert.False(account.Disabled);
    }
}

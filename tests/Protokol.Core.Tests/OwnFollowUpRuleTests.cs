using Protokol.Core.Accounts;
using Protokol.Core.FollowUps;

namespace Protokol.Core.Tests;

/// <summary>Issue 16: who may mark a follow-up done from the members' page.</summary>
public sealed class OwnFollowUpRuleTests
{
    private const int Council = 1;
    private const int Owner = 42;

    public static TheoryData<string, StaffRights, bool> Cases() => new()
    {
        { "the owner, a member of the council", new StaffRights(false, new HashSet<int>(), new HashSet<int> { Council }, 7, Owner), true },
        { "the owner, seated in another council only", new StaffRights(false, new HashSet<int>(), new HashSet<int> { 2 }, 7, Owner), true },
        { "the council's secretary", new StaffRights(false, new HashSet<int> { Council }, new HashSet<int> { Council }, 8), true },
        { "an administrator", StaffRights.Administrator, true },
        { "another member of the council", new StaffRights(false, new HashSet<int>(), new HashSet<int> { Council }, 9, 43), false },
        { "a member of the council with no linked person", new StaffRights(false, new HashSet<int>(), new HashSet<int> { Council }, 10), false },
        { "another council's secretary", new StaffRights(false, new HashSet<int> { 2 }, new HashSet<int> { 2 }, 11, 44), false },
        { "the owner's person without any right (not signed in to the back office)", new StaffRights(false, new HashSet<int>(), new HashSet<int>(), null, Owner), false },
        { "nobody", StaffRights.None, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_owner_or_the_councils_secretary_may_mark_it_done(string who, StaffRights rights, bool allowed) =>
        Assert.True(ManageFollowUps.MayComplete(rights, Council, Owner) == allowed, who);

    [Fact]
    public void A_follow_up_without_owner_is_closed_by_the_secretary_only() =>
        Assert.False(ManageFollowUps.MayComplete(new StaffRights(false, new HashSet<int>(), new HashSet<int> { Council }, 7, Owner), Council, null));
}

using Protokol.Core.Accounts;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

/// <summary>Who may change what (issue 14, item 7): rights per council, and the person rule.</summary>
public sealed class StaffRightsTests
{
    private const int Council = 1, Forum = 2, OtherCouncilOfBody = 3, ElsewhereCouncil = 9;

    private static StaffRights Secretary(params int[] councils) => new(false, councils.ToHashSet(), councils.ToHashSet());

    private static readonly StaffRights Member = new(false, new HashSet<int>(), new HashSet<int> { Council });

    private static PersonScope Seated(params int[] seats) => new(7, seats, [Council, Forum, OtherCouncilOfBody]);

    [Fact]
    public void A_secretary_runs_only_her_councils_and_a_member_runs_none()
    {
        Assert.True(Secretary(Council).CanRun(Council));
        Assert.False(Secretary(Council).CanRun(Forum));
        Assert.True(Member.CanRead(Council));
        Assert.False(Member.CanRun(Council));
        Assert.False(Member.IsSecretary);
        Assert.True(StaffRights.Administrator.CanRun(Forum));
        Assert.False(StaffRights.None.IsStaff);
        Assert.Throws<AccessDeniedException>(() => Secretary(Council).EnsureCanRun(Forum));
        Assert.Throws<AccessDeniedException>(() => Secretary(Council).EnsureAdministrator());
    }

    [Fact]
    public void A_person_seated_only_in_another_council_is_not_hers_to_change()
    {
        var onlyInForum = Seated(Forum);
        Assert.False(onlyInForum.MayBeChangedBy(Secretary(Council)));
        Assert.True(onlyInForum.MayBeChangedBy(Secretary(Forum)));
        Assert.True(onlyInForum.MayBeChangedBy(StaffRights.Administrator));
        Assert.False(onlyInForum.MayBeChangedBy(Member));
        Assert.Throws<AccessDeniedException>(() => onlyInForum.EnsureChangeableBy(Secretary(Council)));
    }

    [Fact]
    public void A_seat_in_one_of_her_councils_now_or_before_makes_the_person_hers()
    {
        // The scope lists every membership, ended ones too: a former member's name stands in her council's minutes.
        Assert.True(Seated(Council, Forum).MayBeChangedBy(Secretary(Council)));
        Assert.True(Seated(Council, Forum).MayBeChangedBy(Secretary(Forum)));
    }

    [Fact]
    public void Someone_seated_nowhere_is_changed_by_any_secretary_of_the_municipality_only()
    {
        var unseated = Seated();
        Assert.True(unseated.MayBeChangedBy(Secretary(OtherCouncilOfBody)));
        Assert.False(unseated.MayBeChangedBy(Secretary(ElsewhereCouncil)));
        Assert.False(unseated.MayBeChangedBy(Member));
    }
}

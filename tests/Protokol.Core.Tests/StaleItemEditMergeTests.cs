using Protokol.Core.Meetings;

namespace Protokol.Core.Tests;

/// <summary>A stale edit of an agenda item, merged field by field with what another session saved since.</summary>
public sealed class StaleItemEditMergeTests
{
    private static readonly AgendaItemFields Shown = new("Trafik", AgendaItemKind.Discussion, true, "Tekst.");

    [Fact]
    public void A_field_only_one_session_changed_takes_that_change_and_nothing_conflicts()
    {
        var mine = Shown with { IsPublic = false };
        var stored = Shown with { Title = "Trafik og parkering" };

        var (merged, conflicts) = BuildAgenda.Merge("3", mine, Shown, stored);

        Assert.Empty(conflicts);
        Assert.Equal(new AgendaItemFields("Trafik og parkering", AgendaItemKind.Discussion, false, "Tekst."), merged);
    }

    [Fact]
    public void A_field_both_changed_differently_is_the_only_conflict()
    {
        var mine = Shown with { Text = "Hendes tekst.", Kind = AgendaItemKind.Decision };
        var stored = Shown with { Title = "Parkering", Text = "Deres tekst." };

        var (_, conflicts) = BuildAgenda.Merge("3", mine, Shown, stored);

        var conflict = Assert.Single(conflicts);
        Assert.Equal("punkt 3, punktets tekst", conflict.What);
        Assert.Equal(("Hendes tekst.", "Deres tekst."), (conflict.Yours, conflict.Stored));
    }

    [Fact]
    public void Both_making_the_same_change_is_no_conflict_and_line_endings_do_not_count()
    {
        var mine = Shown with { Title = "Parkering", Text = "Linje et\r\nLinje to" };
        var stored = Shown with { Title = "Parkering", Text = "Linje et\nLinje to" };

        var (merged, conflicts) = BuildAgenda.Merge("3", mine, Shown, stored);

        Assert.Empty(conflicts);
        Assert.True(merged.SameAs(stored));
    }

    [Fact]
    public void Without_what_her_page_showed_every_differing_field_conflicts()
    {
        var mine = Shown with { IsPublic = false };
        var stored = Shown with { Title = "Parkering" };

        var (_, conflicts) = BuildAgenda.Merge("3", mine, null, stored);

        Assert.Equal(["punkt 3, titel", "punkt 3, åbent eller lukket"], conflicts.Select(c => c.What));
    }
}

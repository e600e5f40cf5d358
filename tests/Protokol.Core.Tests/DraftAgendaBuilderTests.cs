using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;

namespace Protokol.Core.Tests;

public sealed class DraftAgendaBuilderTests
{
    private readonly Sample _s = new();
    private static readonly DateOnly Earlier = new(2026, 2, 3);
    private static readonly DateOnly Next = new(2026, 3, 3);
    private static readonly DateOnly Following = new(2026, 4, 7);

    [Fact]
    public void Standing_items_open_and_Eventuelt_closes_the_draft()
    {
        var meeting = new Meeting(_s.Council, Next);
        DraftAgendaBuilder.Fill(meeting, [], [], Following);

        Assert.Equal(
            ["Godkendelse af referat", "Godkendelse af dagsorden", "Nyt fra formanden", "Nyt fra forvaltningen", "Eventuelt"],
            meeting.ItemsInOrder.Select(i => i.Title));
        Assert.Equal(["1", "2", "3", "4", "5"], meeting.ItemsInOrder.Select(i => i.Number));
    }

    [Fact]
    public void A_councils_first_meeting_has_no_minutes_to_approve()
    {
        var meeting = new Meeting(_s.Council, Next);
        DraftAgendaBuilder.Fill(meeting, [], [], Following, earlierMeetings: false);

        Assert.Equal(["Godkendelse af dagsorden", "Nyt fra formanden", "Nyt fra forvaltningen", "Eventuelt"], meeting.ItemsInOrder.Select(i => i.Title));
        Assert.Equal(["1", "2", "3", "4"], meeting.ItemsInOrder.Select(i => i.Number));
    }

    [Fact]
    public void A_follow_up_marked_for_the_next_meeting_appears_on_its_draft_agenda_once()
    {
        var earlier = _s.Meeting(Earlier, "Vinterberedskab");
        var carried = new FollowUp(_s.Council, "Undersøge pladser til hunde", _s.Anna, Next.AddDays(-3), carryToNextMeeting: true, earlier, earlier.Items.Single());
        var notCarried = new FollowUp(_s.Council, "Sende brev", _s.Bo, null, carryToNextMeeting: false, earlier);
        var meeting = new Meeting(_s.Council, Next);

        DraftAgendaBuilder.Fill(meeting, [carried, notCarried], [], Following);

        var item = meeting.ItemsInOrder.Single(i => i.Title.StartsWith(DraftAgendaBuilder.FollowUpTitlePrefix, StringComparison.Ordinal));
        Assert.Contains("Undersøge pladser til hunde", item.Title, StringComparison.Ordinal);
        Assert.Contains("Anna Testesen", item.Title, StringComparison.Ordinal);
        Assert.Same(item, carried.CarriedToItem);
        Assert.Equal("Eventuelt", meeting.ItemsInOrder.Last().Title);
        Assert.DoesNotContain(meeting.Items, i => i.Title.Contains("Sende brev", StringComparison.Ordinal));

        // Carried once: the meeting after does not get it again.
        var later = new Meeting(_s.Council, Following);
        DraftAgendaBuilder.Fill(later, [carried], [], null);
        Assert.DoesNotContain(later.Items, i => i.Title.StartsWith(DraftAgendaBuilder.FollowUpTitlePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Done_follow_ups_and_those_from_later_meetings_stay_off()
    {
        var done = new FollowUp(_s.Council, "Færdig", _s.Anna, null, true, _s.Meeting(Earlier, "x"));
        done.Complete(Earlier.AddDays(2));
        var fromLater = new FollowUp(_s.Council, "Fra senere møde", _s.Anna, null, true, _s.Meeting(Following, "x"));
        var meeting = new Meeting(_s.Council, Next);

        DraftAgendaBuilder.Fill(meeting, [done, fromLater], [], Following);

        Assert.Equal(5, meeting.Items.Count);
    }

    [Fact]
    public void A_hearing_due_before_the_following_meeting_is_put_on_the_agenda()
    {
        var dueSoon = new Hearing(_s.Council, "Rusmiddelpolitik", "Socialforvaltningen", Earlier, Next.AddDays(14));
        var dueLater = new Hearing(_s.Council, "Budget", null, Earlier, Following.AddDays(10));
        var meeting = new Meeting(_s.Council, Next);

        DraftAgendaBuilder.Fill(meeting, [], [dueSoon, dueLater], Following);

        var item = meeting.Items.Single(i => i.Kind == AgendaItemKind.Hearing);
        Assert.Equal("Høring: Rusmiddelpolitik", item.Title);
        Assert.Same(item, dueSoon.AgendaItem);
        Assert.Null(dueLater.AgendaItem);
    }

    [Theory]
    [InlineData("Rusmiddelpolitik", "Høring: Rusmiddelpolitik")]
    [InlineData("Høring om ny stiplan", "Høring om ny stiplan")]
    [InlineData("høringssvar til budgettet", "høringssvar til budgettet")]
    [InlineData("Hørsholm-aftalen", "Høring: Hørsholm-aftalen")]
    public void A_hearing_item_says_Hoering_once(string subject, string title) =>
        Assert.Equal(title, DraftAgendaBuilder.HearingTitle(subject));

    [Fact]
    public void A_begun_agenda_gets_the_carried_follow_ups_and_hearings_before_Eventuelt_once()
    {
        // Defect 3 of issue 13: "Udfyld dagsordenen" worked only on an empty agenda.
        var earlier = _s.Meeting(Earlier, "Vinterberedskab");
        var carried = new FollowUp(_s.Council, "Svar fra forvaltningen", _s.Anna, null, carryToNextMeeting: true, earlier);
        var hearing = new Hearing(_s.Council, "Sundhedspolitik", null, Earlier, Next.AddDays(7));
        var meeting = new Meeting(_s.Council, Next);
        DraftAgendaBuilder.Fill(meeting, [], [], Following);
        meeting.AddMainItem("Eget punkt");

        Assert.Equal(2, DraftAgendaBuilder.Fill(meeting, [carried], [hearing], Following));
        Assert.Equal(0, DraftAgendaBuilder.Fill(meeting, [carried], [hearing], Following));

        var titles = meeting.ItemsInOrder.Select(i => i.Title).ToList();
        Assert.Equal("Eventuelt", titles[^1]);
        Assert.Equal("Høring: Sundhedspolitik", titles[^2]);
        Assert.StartsWith("Opfølgning: Svar fra forvaltningen", titles[^3], StringComparison.Ordinal);
        Assert.Equal("Eget punkt", titles[^4]);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], meeting.ItemsInOrder.Select(i => i.Number));
    }

    [Fact]
    public void A_begun_agenda_without_standing_items_gets_them_once_around_its_own_items()
    {
        var meeting = new Meeting(_s.Council, Next);
        meeting.AddMainItem("Eget punkt");

        DraftAgendaBuilder.Fill(meeting, [], [], Following);
        DraftAgendaBuilder.Fill(meeting, [], [], Following);

        Assert.Equal(
            ["Godkendelse af referat", "Godkendelse af dagsorden", "Nyt fra formanden", "Nyt fra forvaltningen", "Eget punkt", "Eventuelt"],
            meeting.ItemsInOrder.Select(i => i.Title));
    }

    [Fact]
    public void A_hearing_whose_deadline_passed_before_the_meeting_is_not_carried()
    {
        // Defect 4 of issue 13: an overdue hearing landed on an agenda months after its deadline.
        var overdue = new Hearing(_s.Council, "Gammel høring", null, Earlier.AddDays(-90), Earlier.AddDays(-60));
        var meeting = new Meeting(_s.Council, Next);

        DraftAgendaBuilder.Fill(meeting, [], [overdue], Following);

        Assert.DoesNotContain(meeting.Items, i => i.Kind == AgendaItemKind.Hearing);
        Assert.True(overdue.IsOverdue(Next));
    }

    [Fact]
    public void A_follow_up_already_carried_is_known_by_its_stored_item_id_too()
    {
        // Defect 4 of issue 13: loaded without its item, a carried follow-up looked uncarried.
        var earlier = _s.Meeting(Earlier, "x");
        var followUp = new FollowUp(_s.Council, "Allerede taget op", _s.Anna, null, true, earlier);
        typeof(FollowUp).GetProperty(nameof(FollowUp.CarriedToItemId))!.SetValue(followUp, 42);
        Assert.False(followUp.BelongsOnAgendaOf(new Meeting(_s.Council, Next)));
    }

    [Fact]
    public void A_published_agenda_gets_only_what_is_waiting_last_and_marked_as_added_after_publication()
    {
        var earlier = _s.Meeting(Earlier, "x");
        var meeting = _s.Meeting(Next, "Allerede her");
        meeting.PublishAgenda(Sample.Now);
        var carried = new FollowUp(_s.Council, "Svar fra forvaltningen", _s.Anna, Next, true, earlier);
        var hearing = new Hearing(_s.Council, "Ny boligplan", null, null, Next.AddDays(3));

        Assert.Equal(2, DraftAgendaBuilder.Fill(meeting, [carried], [hearing], Following));

        var items = meeting.ItemsInOrder.ToList();
        Assert.Equal(["1", "2", "3"], items.Select(i => i.Number));
        Assert.Equal("Allerede her", items[0].Title);
        Assert.False(items[0].AddedAfterPublication);
        Assert.All(items.Skip(1), i => Assert.True(i.AddedAfterPublication));
        Assert.Equal(AgendaItemKind.Hearing, items[2].Kind);
        Assert.DoesNotContain(items, i => i.Title == "Eventuelt");
        Assert.Equal(0, DraftAgendaBuilder.Fill(meeting, [carried], [hearing], Following));
    }

    [Fact]
    public void A_held_meeting_is_not_filled()
    {
        var meeting = _s.Meeting(Next, "Allerede her");
        meeting.PublishAgenda(Sample.Now);
        meeting.MarkHeld(Next);
        Assert.Throws<DomainRuleException>(() => DraftAgendaBuilder.Fill(meeting, [], [], null));
    }

    /// <summary>
    /// Two agendas: a follow-up for the next meeting (A, 3 March, agenda already sent) was also listed, and carried, on the
    /// later draft (B, 7 April). It waits for A, as A's supplement, and goes on B's draft only once A is held, cancelled or
    /// its day has passed without it. A hearing due between A and B is A's alone, as before.
    /// </summary>
    [Fact]
    public void A_follow_up_for_a_sent_agenda_is_offered_there_and_not_on_a_later_draft_until_that_meeting_is_past()
    {
        var origin = _s.Meeting(Earlier, "Vinterberedskab");
        var followUp = new FollowUp(_s.Council, "Tal på overnatninger", _s.Anna, Next.AddDays(-3), carryToNextMeeting: true, origin);
        var hearing = new Hearing(_s.Council, "Ny boligplan", null, Earlier, Next.AddDays(3));
        var a = _s.Meeting(Next, "Allerede her");
        a.PublishAgenda(Sample.Now);
        var fromA = new FollowUp(_s.Council, "Fra møde A", _s.Bo, null, carryToNextMeeting: true, a);
        var b = new Meeting(_s.Council, Following);
        var today = Next.AddDays(-7);
        Assert.True(DraftAgendaBuilder.StillToBeHeld(a, today));

        // A offers both as its supplement; B, with A still to be held, lists neither.
        var (forA, hearingsForA) = DraftAgendaBuilder.Waiting(a, [followUp], [hearing], Following);
        Assert.Equal([followUp], forA);
        Assert.Equal([hearing], hearingsForA);
        var (forB, hearingsForB) = DraftAgendaBuilder.Waiting(b, [followUp, fromA], [hearing], null, pending: a);
        Assert.Equal([fromA], forB);
        Assert.Empty(hearingsForB);

        // Filling B's draft now does not carry it; A's supplement does.
        DraftAgendaBuilder.Fill(b, [followUp], [hearing], null, pending: a);
        Assert.Null(followUp.CarriedToItem);
        Assert.DoesNotContain(b.Items, i => i.Title.Contains("Tal på overnatninger", StringComparison.Ordinal));
        Assert.Equal(2, DraftAgendaBuilder.Fill(a, [followUp], [hearing], Following));
        Assert.Same(a, followUp.CarriedToItem!.Meeting);

        // A follow-up A was held without goes on B: A is no longer pending (its day passed, or it was marked held or cancelled).
        var missed = new FollowUp(_s.Council, "Glemt på mødet", _s.Anna, Next.AddDays(-1), carryToNextMeeting: true, origin);
        Assert.False(DraftAgendaBuilder.StillToBeHeld(a, Next.AddDays(1)));
        var pending = DraftAgendaBuilder.StillToBeHeld(a, Next.AddDays(1)) ? a : null;
        Assert.Equal([missed], DraftAgendaBuilder.Waiting(b, [missed], [], null, pending).FollowUps);
        a.MarkHeld(Next);
        Assert.False(DraftAgendaBuilder.StillToBeHeld(a, today));
        Assert.Equal(1, DraftAgendaBuilder.Fill(b, [missed], [], null, pending: DraftAgendaBuilder.StillToBeHeld(a, today) ? a : null));
        Assert.Same(b, missed.CarriedToItem!.Meeting);

        var cancelled = new Meeting(_s.Council, Next.AddDays(7));
        cancelled.Cancel("Ingen sager", Sample.Now);
        Assert.False(DraftAgendaBuilder.StillToBeHeld(cancelled, today));
    }
}

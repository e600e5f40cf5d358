using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Tests;

public sealed class MeetingRulesTests
{
    private readonly Sample _s = new();
    private static readonly DateOnly Day = new(2026, 3, 3);

    [Fact]
    public void Minutes_cannot_be_published_before_the_meeting_is_held()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        meeting.PublishAgenda(Sample.Now);

        var e = Assert.Throws<DomainRuleException>(() => meeting.PublishMinutes(Sample.Now));
        Assert.Contains("holdt", e.Message, StringComparison.Ordinal);
        Assert.Equal(MeetingState.AgendaPublished, meeting.State);
    }

    [Fact]
    public void A_meeting_cannot_be_marked_held_before_its_date()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        meeting.PublishAgenda(Sample.Now);

        Assert.Throws<DomainRuleException>(() => meeting.MarkHeld(Day.AddDays(-1)));
        meeting.MarkHeld(Day);
        Assert.Equal(MeetingState.Held, meeting.State);
    }

    [Fact]
    public void Minutes_need_a_held_meeting_and_move_it_to_drafted()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        var item = meeting.Items.Single();
        meeting.PublishAgenda(Sample.Now);
        Assert.Throws<DomainRuleException>(() => meeting.RecordMinutes(item, "Tekst", "Godkendt"));

        meeting.MarkHeld(Day);
        meeting.RecordMinutes(item, "Rådet drøftede sagen.", "Godkendt");

        Assert.Equal(MeetingState.MinutesDrafted, meeting.State);
        Assert.Equal("Godkendt", item.Decision);
    }

    [Fact]
    public void Approving_minutes_records_the_later_meeting_that_approved_them()
    {
        var first = _s.PublishedMeeting(Day);
        var next = _s.Meeting(Day.AddDays(35), "Godkendelse af referat");
        next.PublishAgenda(Sample.Now);
        next.MarkHeld(Day.AddDays(35));

        first.ApproveMinutes(next);

        Assert.Equal(MeetingState.MinutesApproved, first.State);
        Assert.Same(next, first.MinutesApprovedBy);
    }

    [Fact]
    public void Minutes_are_not_approved_by_an_earlier_meeting_the_same_meeting_or_another_council()
    {
        var meeting = _s.PublishedMeeting(Day);
        var earlier = _s.PublishedMeeting(Day.AddDays(-30));
        var other = _s.Body.AddOrganization("andet", "Andet råd", Registry.OrganizationKind.Council);
        var foreign = new Meeting(other, Day.AddDays(30));
        foreign.AppendItem("Punkt");
        foreign.PublishAgenda(Sample.Now);
        foreign.MarkHeld(Day.AddDays(30));

        Assert.Throws<DomainRuleException>(() => meeting.ApproveMinutes(earlier));
        Assert.Throws<DomainRuleException>(() => meeting.ApproveMinutes(meeting));
        Assert.Throws<DomainRuleException>(() => meeting.ApproveMinutes(foreign));
        Assert.Equal(MeetingState.MinutesPublished, meeting.State);
    }

    [Fact]
    public void Of_two_meetings_on_one_day_the_later_one_approves_the_earlier_ones_minutes_and_not_the_other_way()
    {
        // Two meetings a day come from a re-imported file whose date changed; the afternoon approves the morning.
        var morning = new Meeting(_s.Council, Day, new TimeOnly(9, 0), new TimeOnly(11, 0));
        morning.AppendItem("Orientering");
        morning.PublishAgenda(Sample.Now);
        morning.MarkHeld(Day);
        morning.PublishMinutes(Sample.Now);
        var afternoon = _s.PublishedMeeting(Day);

        Assert.True(afternoon.ComesAfter(morning));
        Assert.False(morning.ComesAfter(afternoon));
        Assert.Throws<DomainRuleException>(() => afternoon.ApproveMinutes(morning));
        morning.ApproveMinutes(afternoon);
        Assert.Same(afternoon, morning.MinutesApprovedBy);
    }

    [Fact]
    public void Unpublished_minutes_cannot_be_approved_and_approved_minutes_cannot_be_edited()
    {
        var draft = _s.Meeting(Day, "Punkt");
        draft.PublishAgenda(Sample.Now);
        draft.MarkHeld(Day);
        var next = _s.Meeting(Day.AddDays(30), "Punkt");
        next.PublishAgenda(Sample.Now);
        next.MarkHeld(Day.AddDays(30));

        Assert.Throws<DomainRuleException>(() => draft.ApproveMinutes(next));

        draft.PublishMinutes(Sample.Now);
        draft.ApproveMinutes(next);
        var e = Assert.Throws<DomainRuleException>(() => draft.RecordMinutes(draft.Items.Single(), "Ændring", null));
        Assert.Contains("godkendt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawn_item_is_reinstated_until_the_minutes_are_published()
    {
        var meeting = _s.Meeting(Day, "Et", "To");
        meeting.PublishAgenda(Sample.Now);
        meeting.MarkHeld(Day);
        var two = meeting.Items.Single(i => i.Number == "2");
        meeting.WithdrawItem(two, "Oplægsholderen meldte afbud");

        meeting.ReinstateItem(two);
        Assert.False(two.Withdrawn);
        Assert.Null(two.WithdrawnReason);
        meeting.RecordMinutes(two, "Behandlet alligevel.", null);

        meeting.WithdrawItem(meeting.Items.Single(i => i.Number == "1"), null);
        meeting.PublishMinutes(Sample.Now);
        Assert.Throws<DomainRuleException>(() => meeting.ReinstateItem(meeting.Items.Single(i => i.Number == "1")));
    }

    [Fact]
    public void A_withdrawn_item_keeps_its_number_and_its_number_stays_taken()
    {
        var meeting = _s.Meeting(Day, "Et", "To", "Tre", "Fire");
        meeting.PublishAgenda(Sample.Now);
        var three = meeting.Items.Single(i => i.Number == "3");

        meeting.WithdrawItem(three, "Oplægsholderen meldte afbud");

        Assert.True(three.Withdrawn);
        Assert.Equal(["1", "2", "3", "4"], meeting.ItemsInOrder.Select(i => i.Number));
        Assert.Throws<DomainRuleException>(() => meeting.AddItem("3", "Nyt punkt"));
        Assert.Throws<DomainRuleException>(() => meeting.RecordMinutes(three, "x", null));
    }

    [Fact]
    public void A_published_agenda_keeps_its_numbers_and_its_items()
    {
        var meeting = _s.Meeting(Day, "Et", "To");
        meeting.PublishAgenda(Sample.Now);

        Assert.Throws<DomainRuleException>(() => meeting.RenumberItems(meeting.ItemsInOrder.Reverse().ToList()));
        Assert.Throws<DomainRuleException>(() => meeting.RemoveItem(meeting.Items.First()));
    }

    [Fact]
    public void Item_numbers_are_unique_within_a_meeting()
    {
        var meeting = _s.Meeting(Day, "Et");
        var e = Assert.Throws<DomainRuleException>(() => meeting.AddItem("1", "Igen"));
        Assert.Contains("findes allerede", e.Message, StringComparison.Ordinal);

        // The same number in another meeting is fine.
        var other = _s.Meeting(Day.AddDays(7), "Et");
        Assert.Equal("1", other.Items.Single().Number);
    }

    [Fact]
    public void Sub_items_need_their_main_item_and_sort_after_it()
    {
        var meeting = _s.Meeting(Day, "Et", "To", "Tre", "Fire");
        Assert.Throws<DomainRuleException>(() => meeting.AddItem("7a", "Forældreløst"));

        var three = meeting.Items.Single(i => i.Number == "3");
        var a = meeting.AppendSubItem(three, "Første ansøgning");
        var b = meeting.AppendSubItem(three, "Anden ansøgning");
        meeting.AddItem("10", "Eventuelt");

        Assert.Equal("3a", a.Number);
        Assert.Equal("3b", b.Number);
        Assert.Same(three, b.Parent);
        Assert.Equal(["1", "2", "3", "3a", "3b", "4", "10"], meeting.ItemsInOrder.Select(i => i.Number));
        Assert.Throws<DomainRuleException>(() => meeting.AppendSubItem(a, "Under-under"));
    }

    [Fact]
    public void Reordering_a_draft_renumbers_main_items_and_their_sub_items_follow()
    {
        var meeting = _s.Meeting(Day, "Et", "To", "Tre");
        var two = meeting.Items.Single(i => i.Number == "2");
        var sub = meeting.AppendSubItem(two, "Under to");
        var order = meeting.ItemsInOrder.Where(i => i.Parent is null).ToList();

        meeting.RenumberItems([order[1], order[0], order[2]]);

        Assert.Equal("1", two.Number);
        Assert.Equal("1a", sub.Number);
        Assert.Equal(["To", "Under to", "Et", "Tre"], meeting.ItemsInOrder.Select(i => i.Title));
    }

    [Fact]
    public void Removing_a_draft_item_closes_the_gap()
    {
        var meeting = _s.Meeting(Day, "Et", "To", "Tre");
        meeting.RemoveItem(meeting.Items.Single(i => i.Number == "2"));
        Assert.Equal(["1", "2"], meeting.ItemsInOrder.Select(i => i.Number));
        Assert.Equal("Tre", meeting.ItemsInOrder.Last().Title);
    }

    [Fact]
    public void An_empty_agenda_cannot_be_published_and_times_must_make_sense()
    {
        var meeting = new Meeting(_s.Council, Day);
        Assert.Throws<DomainRuleException>(() => meeting.PublishAgenda(Sample.Now));
        Assert.Throws<DomainRuleException>(() => new Meeting(_s.Council, Day, new TimeOnly(18, 0), new TimeOnly(15, 0)));
        Assert.Throws<DomainRuleException>(() => new Meeting(_s.Council, Day, null, new TimeOnly(15, 0)));
    }

    [Fact]
    public void Attendance_records_one_status_per_person_and_substitutes_must_be_present()
    {
        var meeting = _s.Meeting(Day, "Et");
        meeting.RecordAttendance(_s.Anna, AttendanceStatus.Apologies);
        meeting.RecordAttendance(_s.Bo, AttendanceStatus.Present, _s.Anna);
        meeting.RecordAttendance(_s.Anna, AttendanceStatus.Present);

        Assert.Equal(2, meeting.Attendance.Count);
        Assert.Equal(AttendanceStatus.Present, meeting.Attendance.Single(a => a.Person == _s.Anna).Status);
        Assert.Same(_s.Anna, meeting.Attendance.Single(a => a.Person == _s.Bo).SubstituteFor);
        Assert.Throws<DomainRuleException>(() => meeting.RecordAttendance(_s.Bo, AttendanceStatus.Apologies, _s.Anna));
        Assert.Throws<DomainRuleException>(() => meeting.RecordAttendance(_s.Bo, AttendanceStatus.Present, _s.Bo));
    }

    [Fact]
    public void A_members_stand_in_is_withdrawn_except_the_one_kept()
    {
        var meeting = _s.Meeting(Day, "Et");
        var carl = new Protokol.Core.Registry.Person(_s.Body, "Carl Tredjesen");
        meeting.RecordAttendance(_s.Anna, AttendanceStatus.Apologies);
        meeting.RecordAttendance(_s.Bo, AttendanceStatus.Present, _s.Anna);

        Assert.Empty(meeting.WithdrawStandIns(_s.Anna, _s.Bo));
        Assert.Equal(2, meeting.Attendance.Count);

        meeting.RecordAttendance(carl, AttendanceStatus.Present, _s.Bo);
        var withdrawn = meeting.WithdrawStandIns(_s.Anna);
        Assert.Same(_s.Bo, Assert.Single(withdrawn).Person);
        Assert.DoesNotContain(meeting.Attendance, a => a.Person == _s.Bo);
        Assert.Contains(meeting.Attendance, a => a.Person == carl);
        Assert.Equal(AttendanceStatus.Apologies, meeting.Attendance.Single(a => a.Person == _s.Anna).Status);
    }

    [Fact]
    public void A_guest_attends_given_items_of_the_same_meeting_only()
    {
        var meeting = _s.Meeting(Day, "Et", "To");
        var guest = new Registry.Person(_s.Body, "Gitte Gæst");
        var two = meeting.Items.Single(i => i.Number == "2");

        var attendance = meeting.AddGuest(guest, [two], "Boligselskabet");

        Assert.Equal(AttendanceStatus.Guest, attendance.Status);
        Assert.Equal([two], attendance.GuestItems);
        var foreignItem = _s.Meeting(Day.AddDays(1), "Andet").Items.Single();
        Assert.Throws<DomainRuleException>(() => meeting.AddGuest(guest, [foreignItem]));
    }

    [Fact]
    public void A_guest_is_removed_and_a_member_is_not_taken_for_one()
    {
        var meeting = _s.Meeting(Day, "Et", "To");
        meeting.RecordAttendance(_s.Anna, AttendanceStatus.Present);
        var guest = new Registry.Person(_s.Body, "Gitte Gæst");
        meeting.AddGuest(guest, [meeting.Items.Single(i => i.Number == "2")]);

        // Unsaved rows all have id 0: the member's row is no guest, so only the guest goes.
        Assert.Same(guest, meeting.RemoveGuest(0).Person);
        Assert.Equal([_s.Anna], meeting.Attendance.Select(a => a.Person));
        Assert.Throws<DomainRuleException>(() => meeting.RemoveGuest(0));
    }

    [Fact]
    public void A_stale_version_is_a_conflict()
    {
        var meeting = _s.Meeting(Day, "Et");
        var item = meeting.Items.Single();
        item.StampCreated(Sample.Now);
        item.StampModified(Sample.Now);

        var e = Assert.Throws<ConcurrencyConflictException>(() => item.EnsureVersion(1));
        Assert.Equal(1, e.ExpectedVersion);
        Assert.Equal(2, e.StoredVersion);
        item.EnsureVersion(2);
    }
}

public sealed class MeetingScheduleTests
{
    private readonly Sample _s = new();
    private static readonly DateOnly Day = new(2026, 3, 3);

    [Fact]
    public void Moving_a_stored_meeting_counts_a_schedule_change_and_an_unchanged_save_does_not()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        meeting.StampCreated(Sample.Now);

        meeting.Reschedule(Day, meeting.StartTime, meeting.EndTime);
        Assert.Equal(0, meeting.ScheduleVersion);

        meeting.Reschedule(Day.AddDays(7), new TimeOnly(15, 0), new TimeOnly(17, 0));
        Assert.Equal(1, meeting.ScheduleVersion);
        Assert.Equal(Day.AddDays(7), meeting.Date);
    }

    [Fact]
    public void A_time_the_clocks_skip_when_summer_time_begins_is_refused_and_the_hour_around_it_is_not()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        var summerTime = new DateOnly(2026, 3, 29);

        var start = Assert.Throws<DomainRuleException>(() => meeting.Reschedule(summerTime, new TimeOnly(2, 30), new TimeOnly(4, 0)));
        Assert.Contains("02.30 findes ikke søndag d. 29. marts 2026", start.Message, StringComparison.Ordinal);
        var end = Assert.Throws<DomainRuleException>(() => meeting.Reschedule(summerTime, new TimeOnly(1, 0), new TimeOnly(2, 0)));
        Assert.Contains("02.00 findes ikke", end.Message, StringComparison.Ordinal);
        Assert.Equal(Day, meeting.Date);

        meeting.Reschedule(summerTime, new TimeOnly(1, 0), new TimeOnly(3, 0));
        meeting.Reschedule(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), new TimeOnly(3, 30));
        Assert.Equal(new TimeOnly(2, 30), meeting.StartTime);
    }

    [Fact]
    public void A_date_outside_the_years_the_portal_shows_is_refused()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        Assert.Throws<DomainRuleException>(() => meeting.Reschedule(new DateOnly(9999, 1, 1), null, null));
        Assert.Throws<DomainRuleException>(() => meeting.Reschedule(new DateOnly(1899, 12, 31), null, null));
        Assert.Equal(Day, meeting.Date);
    }

    [Fact]
    public void A_cancelled_meeting_cannot_be_published_moved_or_held_until_reinstated()
    {
        var meeting = _s.Meeting(Day, "Orientering");
        meeting.StampCreated(Sample.Now);

        meeting.Cancel("For få tilmeldte", Sample.Now);

        Assert.True(meeting.IsCancelled);
        Assert.Equal(1, meeting.ScheduleVersion);
        Assert.Throws<DomainRuleException>(() => meeting.PublishAgenda(Sample.Now));
        Assert.Throws<DomainRuleException>(() => meeting.Reschedule(Day.AddDays(1), null, null));
        Assert.Throws<DomainRuleException>(() => meeting.Cancel(null, Sample.Now));

        meeting.Reinstate();
        Assert.False(meeting.IsCancelled);
        Assert.Equal(2, meeting.ScheduleVersion);
        meeting.PublishAgenda(Sample.Now);
        Assert.Equal(MeetingState.AgendaPublished, meeting.State);
    }

    [Fact]
    public void A_held_meeting_cannot_be_cancelled()
    {
        var meeting = _s.PublishedMeeting(Day);

        Assert.Throws<DomainRuleException>(() => meeting.Cancel(null, Sample.Now));
        Assert.False(meeting.IsCancelled);
    }
}

public sealed class AgendaOrderTests
{
    private readonly Sample _s = new();

    [Fact]
    public void A_new_main_item_goes_before_Eventuelt_and_a_sub_item_moves_among_its_siblings()
    {
        var meeting = _s.Meeting(new DateOnly(2026, 3, 3), "Godkendelse af referat", "Boliger", "Eventuelt");
        var added = meeting.AddMainItem("Nyt punkt");
        Assert.Equal(["Godkendelse af referat", "Boliger", "Nyt punkt", "Eventuelt"], meeting.ItemsInOrder.Select(i => i.Title));
        Assert.Equal("3", added.Number);

        var boliger = meeting.Items.Single(i => i.Title == "Boliger");
        var a = meeting.AppendSubItem(boliger, "Første");
        var b = meeting.AppendSubItem(boliger, "Anden");
        Assert.True(meeting.MoveItem(b, -1));
        Assert.Equal(("2a", "2b"), (b.Number, a.Number));
        Assert.False(meeting.MoveItem(b, -1));

        // A main item takes its sub-items along.
        Assert.True(meeting.MoveItem(boliger, -1));
        Assert.Equal(["1", "1a", "1b", "2", "3", "4"], meeting.ItemsInOrder.Select(i => i.Number));
        Assert.Equal(["Boliger", "Anden", "Første", "Godkendelse af referat", "Nyt punkt", "Eventuelt"], meeting.ItemsInOrder.Select(i => i.Title));
    }

    [Fact]
    public void Only_an_item_added_after_the_agenda_is_published_is_marked_as_added_after_publication()
    {
        var meeting = _s.Meeting(new DateOnly(2026, 3, 3), "Orientering");
        var draft = meeting.AppendItem("Budget");
        meeting.PublishAgenda(Sample.Now);
        var late = meeting.AppendItem("Vinterberedskab");
        var lateSub = meeting.AppendSubItem(late, "Natvarme");

        Assert.All(meeting.Items.Where(i => i != late && i != lateSub), i => Assert.False(i.AddedAfterPublication));
        Assert.False(draft.AddedAfterPublication);
        Assert.True(late.AddedAfterPublication);
        Assert.True(lateSub.AddedAfterPublication);
    }

    [Fact]
    public void An_item_is_placed_under_another_as_its_last_sub_item_and_back_as_a_main_item_after_its_parent()
    {
        var meeting = _s.Meeting(new DateOnly(2026, 3, 3), "Godkendelse", "Boliger", "Lokaler", "Tilskud", "Eventuelt");
        var boliger = meeting.Items.Single(i => i.Title == "Boliger");
        var first = meeting.AppendSubItem(boliger, "Første");
        var tilskud = meeting.Items.Single(i => i.Title == "Tilskud");
        var lokaler = meeting.Items.Single(i => i.Title == "Lokaler");

        // An item before its new parent, and one after it, each go last under it; the main items close up.
        Assert.True(meeting.PlaceItem(tilskud, boliger));
        var godkendelse = meeting.Items.Single(i => i.Title == "Godkendelse");
        Assert.True(meeting.PlaceItem(godkendelse, boliger));
        Assert.Equal(["1. Boliger", "1a. Første", "1b. Tilskud", "1c. Godkendelse", "2. Lokaler", "3. Eventuelt"], meeting.ItemsInOrder.Select(i => $"{i.Number}. {i.Title}"));
        Assert.Same(boliger, godkendelse.Parent);
        Assert.False(meeting.PlaceItem(godkendelse, boliger));

        // A sub-item becomes a main item right after its parent; its former siblings close up.
        Assert.True(meeting.PlaceItem(first, null));
        Assert.Null(first.Parent);
        Assert.Equal(["1. Boliger", "1a. Tilskud", "1b. Godkendelse", "2. Første", "3. Lokaler", "4. Eventuelt"], meeting.ItemsInOrder.Select(i => $"{i.Number}. {i.Title}"));

        // Sub-items stay one level deep; an item is no sub-item of itself.
        Assert.Throws<DomainRuleException>(() => meeting.PlaceItem(boliger, lokaler));
        Assert.Throws<DomainRuleException>(() => meeting.PlaceItem(lokaler, tilskud));
        Assert.Throws<DomainRuleException>(() => meeting.PlaceItem(lokaler, lokaler));
        Assert.Equal(["1", "1a", "1b", "2", "3", "4"], meeting.ItemsInOrder.Select(i => i.Number));

        meeting.PublishAgenda(Sample.Now);
        Assert.Throws<DomainRuleException>(() => meeting.PlaceItem(lokaler, boliger));
    }

    [Fact]
    public void Items_of_a_published_agenda_do_not_move()
    {
        var meeting = _s.Meeting(new DateOnly(2026, 3, 3), "A", "B");
        meeting.PublishAgenda(Sample.Now);
        Assert.Throws<DomainRuleException>(() => meeting.MoveItem(meeting.Items.First(), 1));
        Assert.Equal("3", meeting.AddMainItem("Sent punkt").Number);
    }

    [Fact]
    public void A_follow_up_is_closed_with_a_note_and_reopened()
    {
        var followUp = new Core.FollowUps.FollowUp(_s.Council, "Skrive til borgmesteren", _s.Anna, null, false);
        followUp.Complete(new DateOnly(2026, 3, 4), "Brevet er sendt.");
        Assert.Equal("Brevet er sendt.", followUp.CompletionNote);
        Assert.Throws<DomainRuleException>(() => followUp.Complete(new DateOnly(2026, 3, 5)));
        followUp.Reopen();
        Assert.Null(followUp.CompletionNote);
        Assert.Throws<DomainRuleException>(() => followUp.Reopen());
    }

    [Fact]
    public void A_named_meeting_is_captioned_with_its_council_first()
    {
        var meeting = new Meeting(_s.Council, new DateOnly(2026, 3, 3));
        Assert.Equal(_s.Council.Name, meeting.Caption);
        meeting.Rename("Temamøde om boliger");
        Assert.Equal($"{_s.Council.Name} (Temamøde om boliger)", meeting.Caption);
    }
}

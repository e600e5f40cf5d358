using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

public sealed class RegistryTests
{
    private readonly Sample _s = new();

    [Fact]
    public void A_membership_has_a_role_a_represented_organisation_and_a_period()
    {
        var ngo = _s.Body.AddOrganization("foreningen", "Foreningen", OrganizationKind.ExternalOrganisation);
        var membership = new Membership(_s.Anna, _s.Council, MembershipRole.ViceChair, new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31), ngo);

        Assert.True(membership.IsActiveOn(new DateOnly(2024, 6, 1)));
        Assert.False(membership.IsActiveOn(new DateOnly(2026, 1, 1)));
        Assert.Same(ngo, membership.OnBehalfOf);
        Assert.Throws<DomainRuleException>(() => new Membership(_s.Anna, _s.Council, MembershipRole.Member, new DateOnly(2025, 1, 1), new DateOnly(2024, 1, 1)));
        Assert.Throws<DomainRuleException>(() => new Membership(_s.Anna, _s.Council, MembershipRole.Member, null, null, _s.Council));
        Assert.Throws<DomainRuleException>(() => new Membership(_s.Bo, _s.Council, MembershipRole.Member, null, null, substituteFor: _s.Anna));
    }

    [Fact]
    public void A_role_only_person_is_shown_by_role()
    {
        var person = new Person(_s.Body, "Hemmelig Hansen", PublicationLevel.RoleOnly, "Brugerrepræsentant");
        Assert.Equal("Brugerrepræsentant", person.PublicName);
        Assert.Throws<DomainRuleException>(() => new Person(_s.Body, "Uden Rolle", PublicationLevel.RoleOnly));
    }

    [Fact]
    public void Aliases_are_recognised_and_not_duplicated()
    {
        _s.Bo.AddAlias("Bo Prøvesen Jensen");
        _s.Bo.AddAlias("bo prøvesen jensen");
        _s.Bo.AddAlias("Bo Prøvesen");

        Assert.Single(_s.Bo.Aliases);
        Assert.True(_s.Bo.IsKnownAs("BO PRØVESEN JENSEN"));
        Assert.False(_s.Bo.IsKnownAs("Bo Andersen"));
    }

    [Theory]
    [InlineData("Rådet for Socialt Udsatte", "raadet-for-socialt-udsatte")]
    [InlineData("  Ældre- og Sundhedsudvalget ", "aeldre-og-sundhedsudvalget")]
    [InlineData("Børn & Unge", "boern-unge")]
    public void Slugs_are_url_safe(string text, string expected) => Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void Organization_slugs_are_unique_within_a_body() =>
        Assert.Throws<DomainRuleException>(() => _s.Body.AddOrganization("Testrådet", "Et andet navn", OrganizationKind.Council));

    [Fact]
    public void Follow_ups_are_overdue_only_while_open()
    {
        var f = new FollowUp(_s.Council, "Ring til boligselskabet", _s.Anna, new DateOnly(2026, 1, 10), true);
        Assert.True(f.IsOverdue(new DateOnly(2026, 1, 11)));
        Assert.False(f.IsOverdue(new DateOnly(2026, 1, 10)));
        f.Complete(new DateOnly(2026, 1, 12));
        Assert.False(f.IsOverdue(new DateOnly(2026, 2, 1)));
        Assert.Throws<DomainRuleException>(() => f.Cancel(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void A_hearing_is_answered_once_and_not_before_it_arrived()
    {
        var h = new Hearing(_s.Council, "Handleplan", "Sundhedsforvaltningen", new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 1));
        Assert.Throws<DomainRuleException>(() => h.Respond("Svar", new DateOnly(2026, 1, 1)));
        h.Respond("Rådet støtter planen.", new DateOnly(2026, 1, 20));
        Assert.Equal(HearingStatus.Responded, h.Status);
        Assert.Throws<DomainRuleException>(h.Decline);
        Assert.Throws<DomainRuleException>(() => new Hearing(_s.Council, "Bagvendt", null, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void An_open_hearing_is_corrected_field_by_field_and_an_answered_or_declined_one_stays_as_it_was()
    {
        var h = new Hearing(_s.Council, "Handleplam", null, new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 1));
        h.Correct("Handleplan", "Sundhedsforvaltningen", new DateOnly(2026, 1, 6), new DateOnly(2026, 2, 8), "kommune.example.dk/plan", "Formanden");
        Assert.Equal(("Handleplan", "Sundhedsforvaltningen", new DateOnly(2026, 1, 6), new DateOnly(2026, 2, 8), "https://kommune.example.dk/plan", "Formanden"),
            (h.Subject, h.Sender, h.Received, h.Deadline, h.Link, h.DraftedBy));
        var backwards = Assert.Throws<DomainRuleException>(() => h.Correct("Handleplan", null, new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 8), null, null));
        Assert.Equal("Frist", Assert.Single(backwards.Fields).Field);
        Assert.Equal(new DateOnly(2026, 1, 6), h.Received);

        h.Respond("Rådet støtter planen.", new DateOnly(2026, 1, 20));
        Assert.Throws<DomainRuleException>(() => h.Correct("Andet emne", null, null, new DateOnly(2026, 2, 8), null, null));
        var declined = new Hearing(_s.Council, "Trafikplan", null, null, new DateOnly(2026, 2, 1));
        declined.Decline();
        Assert.Throws<DomainRuleException>(() => declined.Correct("Andet emne", null, null, new DateOnly(2026, 2, 8), null, null));
        Assert.Equal("Handleplan", h.Subject);
    }

    [Fact]
    public void Merging_moves_seats_attendance_and_follow_ups_and_drops_a_double_attendance()
    {
        var twin = new Person(_s.Body, "Anna Testesen-Holm", PublicationLevel.RoleOnly, "Brugerrepræsentant");
        twin.AddAlias("A. Testesen");
        twin.SetEmail("anna@example.org");
        var seat = new Membership(twin, _s.Council, MembershipRole.Member, new DateOnly(2025, 1, 1), null);
        var substitute = new Membership(_s.Bo, _s.Council, MembershipRole.Substitute, new DateOnly(2025, 1, 1), null, substituteFor: twin);
        var both = _s.Meeting(new DateOnly(2026, 2, 1), "Punkt");
        var onlyTwin = _s.Meeting(new DateOnly(2026, 3, 1), "Punkt");
        var kept = both.RecordAttendance(_s.Anna, Meetings.AttendanceStatus.Present);
        var doubled = both.RecordAttendance(twin, Meetings.AttendanceStatus.Present);
        var moved = onlyTwin.RecordAttendance(twin, Meetings.AttendanceStatus.Apologies);
        var task = new FollowUp(_s.Council, "Ring til boligselskabet", twin, null, false);

        var duplicates = PersonMerge.Merge(_s.Anna, twin, [seat, substitute], [kept, doubled, moved], [task]);

        Assert.Equal([doubled], duplicates);
        Assert.Same(_s.Anna, moved.Person);
        Assert.Same(_s.Anna, seat.Person);
        Assert.Same(_s.Anna, substitute.SubstituteFor);
        Assert.Same(_s.Anna, task.Owner);
        Assert.Equal(["A. Testesen", "Anna Testesen-Holm"], _s.Anna.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal("anna@example.org", _s.Anna.Email);
        Assert.Equal(PublicationLevel.RoleOnly, _s.Anna.Publication); // the stricter level wins
        Assert.Throws<DomainRuleException>(() => PersonMerge.Merge(_s.Anna, _s.Anna, [], [], []));
        Assert.Throws<DomainRuleException>(() => PersonMerge.Merge(_s.Anna, new Person(new Body("andenby", "Andenby"), "Anna Testesen"), [], [], []));
    }

    [Fact]
    public void Names_and_titles_pasted_with_line_breaks_are_kept_on_one_line_and_a_file_keeps_only_its_own_name()
    {
        var person = new Person(_s.Body, "Anna\r\nTestesen");
        Assert.Equal("Anna Testesen", person.Name);
        person.Rename("  Anna\t\tB.\nTestesen  ");
        Assert.Equal("Anna B. Testesen", person.Name);
        Assert.Throws<DomainRuleException>(() => person.Rename("\r\n\t"));

        var meeting = _s.Meeting(new DateOnly(2026, 3, 3), "Budget\r\nEND:VEVENT");
        Assert.Equal("Budget END:VEVENT", meeting.Items.Single().Title);
        meeting.Rename("Temamøde\nom boliger");
        Assert.Equal("Temamøde om boliger", meeting.Name);

        var sha = new string('a', 64);
        Assert.Equal("plan.pdf", meeting.Attach(null, "Plan", "..\\..\\tmp\\plan.pdf", "application/pdf", 10, sha).FileName);
        Assert.Equal("plan.pdf", meeting.Attach(null, "Plan", "C:\\Users\\anna/Dokumenter/plan.pdf", "application/pdf", 10, sha).FileName);
        Assert.Throws<DomainRuleException>(() => meeting.Attach(null, "Plan", "mappe/", "application/pdf", 10, sha));
    }
}

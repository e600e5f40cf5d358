using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Core.Tests;

/// <summary>The registry's use cases: who may change whom, and the rules of each change.</summary>
public sealed class RegistryUseCaseTests
{
    private readonly UseCaseFakes _store = new();
    private readonly Body _body;
    private readonly Organization _council;
    private readonly Organization _forum;
    private readonly Person _onlyInForum;
    private readonly Person _unseated;

    public RegistryUseCaseTests()
    {
        _body = UseCaseFakes.WithId(new Body("testby", "Testby Kommune"), 1);
        _council = UseCaseFakes.WithId(_body.AddOrganization("raadet", "Rådet", OrganizationKind.Council), 10);
        _forum = UseCaseFakes.WithId(_body.AddOrganization("forum", "Forummet", OrganizationKind.Committee), 11);
        UseCaseFakes.WithId(_body.AddOrganization("foreningen", "Foreningen", OrganizationKind.ExternalOrganisation), 12);
        _store.Bodies.Add(_body);
        _onlyInForum = UseCaseFakes.WithId(new Person(_body, "Hemmelig Hansen", PublicationLevel.RoleOnly, "Brugerrepræsentant"), 100);
        _unseated = UseCaseFakes.WithId(new Person(_body, "Gæst Gæstesen"), 101);
        _store.People.AddRange([_onlyInForum, _unseated]);
        _store.Memberships.Add(UseCaseFakes.WithId(new Membership(_onlyInForum, _forum, MembershipRole.Member, null, null), 1000));
    }

    private static StaffRights SecretaryOf(params Organization[] councils) => new(false, councils.Select(c => c.Id).ToHashSet(), new HashSet<int>());

    private PersonDetails Named(Person p) => new(p.Id, p.Version, p.Name, null, PublicationLevel.Named, null, null);

    [Fact]
    public async Task A_secretary_of_another_council_cannot_make_a_role_only_member_named()
    {
        var update = new UpdatePersonDetails(_store, _store, _store);
        await Assert.ThrowsAsync<AccessDeniedException>(() => update.ExecuteAsync(SecretaryOf(_council), Named(_onlyInForum), CancellationToken.None));
        Assert.Equal(PublicationLevel.RoleOnly, _onlyInForum.Publication);
        Assert.Equal(0, _store.Saves);

        await update.ExecuteAsync(SecretaryOf(_forum), Named(_onlyInForum) with { Alias = "H. Hansen" }, CancellationToken.None);
        Assert.Equal(PublicationLevel.Named, _onlyInForum.Publication);
        Assert.True(_onlyInForum.IsKnownAs("H. Hansen"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => update.ExecuteAsync(SecretaryOf(_forum), Named(_onlyInForum) with { Version = 7 }, CancellationToken.None));
    }

    [Fact]
    public async Task A_seat_is_given_only_in_a_council_she_runs_and_a_typed_organisation_is_found_again()
    {
        var add = new AddMembership(_store, _store, _store);
        var seat = new NewMembership(_council.Id, MembershipRole.Member, null, "foreningen ", null, null, null);
        await Assert.ThrowsAsync<AccessDeniedException>(() => add.ExecuteAsync(SecretaryOf(_forum), _unseated.Id, seat, CancellationToken.None));

        var membership = await add.ExecuteAsync(SecretaryOf(_council), _unseated.Id, seat, CancellationToken.None);
        Assert.Equal(12, membership.OnBehalfOf!.Id);
        Assert.Single(_body.Organizations, o => o.Kind == OrganizationKind.ExternalOrganisation);
        var typed = await add.ExecuteAsync(SecretaryOf(_council), _unseated.Id, seat with { NewOrganisation = "Gadeholdet" }, CancellationToken.None);
        Assert.Equal(OrganizationKind.ExternalOrganisation, typed.OnBehalfOf!.Kind);

        // Now seated in her council, the person is hers; one seated only in the forum is not, even for a seat in her council.
        await Assert.ThrowsAsync<AccessDeniedException>(() => add.ExecuteAsync(SecretaryOf(_council), _onlyInForum.Id, seat, CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => add.ExecuteAsync(SecretaryOf(_council), _unseated.Id, seat with { OrganizationId = 12 }, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_seats_council_ends_it_and_only_for_that_person()
    {
        var end = new EndMembership(_store, _store);
        await Assert.ThrowsAsync<AccessDeniedException>(() => end.ExecuteAsync(SecretaryOf(_council), _onlyInForum.Id, 1000, new DateOnly(2026, 12, 31), CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => end.ExecuteAsync(SecretaryOf(_forum), _unseated.Id, 1000, new DateOnly(2026, 12, 31), CancellationToken.None));
        var ended = await end.ExecuteAsync(SecretaryOf(_forum), _onlyInForum.Id, 1000, new DateOnly(2026, 12, 31), CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 12, 31), ended.End);
    }

    [Fact]
    public async Task Merging_needs_the_right_to_change_both_records()
    {
        var merge = new MergePeople(_store, _store, _store);
        await Assert.ThrowsAsync<AccessDeniedException>(() => merge.ExecuteAsync(SecretaryOf(_council), _unseated.Id, _onlyInForum.Id, CancellationToken.None));
        Assert.Equal("Hemmelig Hansen", await merge.ExecuteAsync(SecretaryOf(_forum), _unseated.Id, _onlyInForum.Id, CancellationToken.None));
        Assert.Same(_unseated, _store.Memberships.Single().Person);
        Assert.Equal(PublicationLevel.RoleOnly, _unseated.Publication); // the stricter publication wins
    }

    [Fact]
    public async Task A_person_is_added_only_to_the_registry_of_a_municipality_where_she_runs_a_council()
    {
        var create = new CreatePerson(_store, _store, _store);
        var elsewhere = new StaffRights(false, new HashSet<int> { 99 }, new HashSet<int>());
        await Assert.ThrowsAsync<AccessDeniedException>(() => create.ExecuteAsync(elsewhere, _body.Id, "Ny Person", null, PublicationLevel.Named, null, CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => create.ExecuteAsync(SecretaryOf(_council), 2, "Ny Person", null, PublicationLevel.Named, null, CancellationToken.None));
        await Assert.ThrowsAsync<DomainRuleException>(() => create.ExecuteAsync(SecretaryOf(_council), _body.Id, "Ny Person", null, PublicationLevel.RoleOnly, null, CancellationToken.None));
        var person = await create.ExecuteAsync(SecretaryOf(_council), _body.Id, "Ny Person", "ny@testby.dk", PublicationLevel.Named, null, CancellationToken.None);
        Assert.Contains(person, _store.People);
    }

    [Fact]
    public async Task Standing_items_are_described_by_the_councils_secretary_and_read_back_as_written()
    {
        var describe = new DescribeCouncil(_store, _store);
        const string Lines = "Godkendelse af referat; beslutning\nDrøftelse af året; drøftelse\nEventuelt; sidst";
        await Assert.ThrowsAsync<AccessDeniedException>(() => describe.ExecuteAsync(SecretaryOf(_forum), _council.Id, 0, null, null, null, Lines, CancellationToken.None));
        await describe.ExecuteAsync(SecretaryOf(_council), _council.Id, 0, "R", "Formål", null, Lines, CancellationToken.None);
        Assert.Equal(Lines, StandingItemLines.Format(_council));
        var error = await Assert.ThrowsAsync<DomainRuleException>(() => describe.ExecuteAsync(SecretaryOf(_council), _council.Id, 0, null, null, null, "A\nB; hurtigt", CancellationToken.None));
        Assert.Equal("Faste punkter, linje 2: \"hurtigt\" forstås ikke (brug \"beslutning\", \"drøftelse\" eller \"sidst\").", error.Message);
    }

    [Theory]
    [InlineData("2027-02-09", 2027, 2, 9)]
    [InlineData("9.2.2027", 2027, 2, 9)]
    [InlineData("9/2", 2027, 2, 9)]
    [InlineData("9. februar", 2027, 2, 9)]
    [InlineData(" 29. feb 2028 ", 2028, 2, 29)]
    public void Danish_dates_are_read_as_typed(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), DanishInput.Date(text, "Dato", 2027));

    [Theory]
    [InlineData("første december")]
    [InlineData("30. februar")]
    [InlineData("9. fe")]
    [InlineData("9/2")]
    public void A_date_that_is_none_names_the_field_and_the_text(string text)
    {
        var error = Assert.Throws<DomainRuleException>(() => DanishInput.Date(text, "Fra"));
        Assert.Equal($"Fra: \"{text}\" er ikke en dato. Skriv fx 3.3.2027 eller 2027-03-03.", error.Message);
        Assert.Null(DanishInput.OptionalDate(" ", "Fra"));
        Assert.Equal(new TimeOnly(15, 30), DanishInput.OptionalTime("15.30", "Start"));
        Assert.Throws<DomainRuleException>(() => DanishInput.OptionalTime("om eftermiddagen", "Start"));
        Assert.Throws<DomainRuleException>(() => DanishInput.OptionalTime("25.00", "Start"));
    }
}

using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

public sealed class PersonMatcherTests
{
    private readonly Body _body = new("testby", "Testby");

    private Person[] People(params string[] names) => names.Select(n => new Person(_body, n)).ToArray();

    [Theory]
    [InlineData("Alice Holm Rasmussen", "alice holm rasmussen", MatchKind.Exact)]
    [InlineData("Annette Blynél", "Annette Blynel", MatchKind.Exact)]
    [InlineData("Alice Holm Rasmussen", "Alice Rasmussen", MatchKind.MiddleNames)]
    [InlineData("Alice Rasmussen", "Alice Holm Rasmussen", MatchKind.MiddleNames)]
    [InlineData("Bjarne Christiansen", "Bjarne Christensen", MatchKind.Proposed)]
    [InlineData("Bjarne Christiansen", "Bjarne Nielsen", MatchKind.None)]
    [InlineData("Søren Ødegaard", "Soren Odegaard", MatchKind.None)]
    [InlineData("Åse Lund", "Ase Lund", MatchKind.None)]
    public void Matches_names_the_way_a_careful_secretary_would(string known, string met, MatchKind expected)
    {
        var match = PersonMatcher.Match(met, People(known));
        Assert.Equal(expected, match.Kind);
        Assert.Equal(expected is MatchKind.Exact or MatchKind.MiddleNames, match.Person is not null);
    }

    [Fact]
    public void Two_candidates_are_proposed_never_picked()
    {
        var match = PersonMatcher.Match("Lars Jensen", People("Lars Holm Jensen", "Lars Bo Jensen"));
        Assert.Equal(MatchKind.Proposed, match.Kind);
        Assert.Null(match.Person);
        Assert.Equal(2, match.Candidates.Count);
    }

    [Fact]
    public void Aliases_count_as_names()
    {
        var mogens = People("Mogens Aagaard")[0];
        mogens.AddAlias("Mogens Ågaard");
        Assert.Same(mogens, PersonMatcher.Match("Mogens Ågaard", [mogens]).Person);
    }

    [Fact]
    public void A_copy_and_its_original_each_keep_only_the_people_added_to_them()
    {
        var index = new PersonIndex(People("Lars Holm Jensen"));
        var copy = index.Clone();
        var second = index.Clone();
        copy.Add(People("Lars Bo Jensen")[0]);
        index.Add(People("Mette Friis")[0]);

        Assert.Equal(MatchKind.Proposed, copy.Match("Lars Jensen").Kind);
        Assert.Equal(MatchKind.None, copy.Match("Mette Friis").Kind);
        Assert.Equal(MatchKind.MiddleNames, index.Match("Lars Jensen").Kind);
        Assert.Equal(MatchKind.Exact, index.Match("Mette Friis").Kind);
        Assert.Equal(MatchKind.MiddleNames, second.Match("Lars Jensen").Kind);
        Assert.Equal(MatchKind.None, second.Match("Mette Friis").Kind);

        // A copy of a copy, after both have been written to.
        var third = copy.Clone();
        third.Add(People("Mette Friis")[0]);
        Assert.Equal(MatchKind.None, copy.Match("Mette Friis").Kind);
        Assert.Equal(MatchKind.Exact, third.Match("Mette Friis").Kind);
        Assert.Equal(MatchKind.Proposed, third.Match("Lars Jensen").Kind);
    }

    [Fact]
    public void The_candidates_of_a_match_stay_as_they_were_when_the_new_person_is_added()
    {
        // Two registry people of one name: a third of that name is created and proposed as either, never as itself.
        var index = new PersonIndex(People("Lars Jensen", "Lars Jensen")).Clone();
        index.Add(People("Mette Friis")[0]); // The copy has its own dictionaries now, as after a document's first new person.
        var match = index.Match("Lars Jensen");
        Assert.Equal(MatchKind.Proposed, match.Kind);
        var created = People("Lars Jensen")[0];
        index.Add(created);
        Assert.Equal(2, match.Candidates.Count);
        Assert.DoesNotContain(created, match.Candidates);
        Assert.Equal(3, index.Match("Lars Jensen").Candidates.Count);
    }
}

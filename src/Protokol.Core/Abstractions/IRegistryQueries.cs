using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>The registry as the back office reads it: records read without tracking, people in Danish alphabetical order.</summary>
public interface IRegistryQueries
{
    /// <summary>The people registry of the municipalities of the councils <paramref name="who"/> runs, found by name or alias.</summary>
    Task<PeopleView> PeopleAsync(StaffRights who, string? query, CancellationToken cancellationToken);

    /// <summary>One person with memberships and what the forms offer <paramref name="who"/>; null when there is no such person.</summary>
    Task<PersonView?> PersonAsync(StaffRights who, int id, CancellationToken cancellationToken);

    /// <summary>Every council and committee, and the municipalities.</summary>
    Task<CouncilsView> CouncilsAsync(CancellationToken cancellationToken);

    /// <summary>A council with its meetings in every state and the hosts' turn; null when there is no such council.</summary>
    Task<CouncilView?> CouncilAsync(string slug, DateOnly today, CancellationToken cancellationToken);
}

public sealed record PeopleView(IReadOnlyList<Body> Bodies, IReadOnlyList<Person> People, IReadOnlyList<PersonMatchProposal> Proposals);

/// <param name="Person">The person, with aliases.</param>
/// <param name="MayChange">Whether the reader may change the person (<see cref="PersonScope"/>).</param>
/// <param name="Memberships">Newest first, with organization, represented organisation and who the seat substitutes for.</param>
/// <param name="Councils">The councils of the person's municipality the reader runs: where she may add or end a seat.</param>
/// <param name="Represented">The municipality's represented organisations.</param>
/// <param name="Others">Everyone else in the municipality's registry.</param>
public sealed record PersonView(Person Person, bool MayChange, IReadOnlyList<Membership> Memberships, IReadOnlyList<Organization> Councils,
    IReadOnlyList<Organization> Represented, IReadOnlyList<Person> Others);

public sealed record CouncilsView(IReadOnlyList<Organization> Councils, IReadOnlyList<Body> Bodies);

/// <param name="Council">The council with its municipality and standing items.</param>
/// <param name="Meetings">Every meeting, in date order, with host and location.</param>
/// <param name="Rotation">The hosts in turn.</param>
/// <param name="NextTurn">The index in <paramref name="Rotation"/> of the next host.</param>
/// <param name="Locations">The meeting places of the council's municipality, by name.</param>
public sealed record CouncilView(Organization Council, IReadOnlyList<Meeting> Meetings, IReadOnlyList<HostAndVenue> Rotation, int NextTurn, IReadOnlyList<Location> Locations);

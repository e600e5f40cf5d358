using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>
/// The registry's write side beside <see cref="IProtokolStore"/> (which adds and saves): finds the
/// records the registry's use cases change, tracked, and moves what belongs to a merged person.
/// </summary>
public interface IRegistryStore
{
    /// <summary>A person with their aliases.</summary>
    Task<Person?> FindPersonAsync(int id, CancellationToken cancellationToken);

    /// <summary>A membership with its person and organization.</summary>
    Task<Membership?> FindMembershipAsync(int id, CancellationToken cancellationToken);

    /// <summary>A council, committee or represented organisation, with its standing items.</summary>
    Task<Organization?> FindOrganizationAsync(int id, CancellationToken cancellationToken);

    /// <summary>A municipality with its organizations.</summary>
    Task<Body?> FindBodyAsync(int id, CancellationToken cancellationToken);

    /// <summary>The dates of every meeting of an organization, and the hosts in turn with the venue each last received a meeting at.</summary>
    Task<(IReadOnlySet<DateOnly> Dates, IReadOnlyList<HostAndVenue> Rotation, int? LastHostId)> PlanningAsync(int organizationId, DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the memberships, attendance, follow-ups and linked accounts of <paramref name="removed"/>
    /// to <paramref name="kept"/> (the rules in <see cref="PersonMerge"/>) and deletes the removed record; the caller saves.
    /// </summary>
    Task MergeAsync(Person kept, Person removed, CancellationToken cancellationToken);
}

/// <summary>What a back-office rule is about, found from the address: the council a slug or meeting belongs to, the person a record is.</summary>
public interface IStaffResources
{
    /// <summary>The id of the council or committee with this slug; null when there is none.</summary>
    Task<int?> CouncilIdAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The council or committee a meeting belongs to; null when there is no such meeting.</summary>
    Task<int?> CouncilOfMeetingAsync(int meetingId, CancellationToken cancellationToken);

    /// <summary>The council or committee a follow-up belongs to; null when there is no such follow-up.</summary>
    Task<int?> CouncilOfFollowUpAsync(int followUpId, CancellationToken cancellationToken);

    /// <summary>The id of the council whose hearing this is; null when there is none.</summary>
    Task<int?> CouncilOfHearingAsync(int hearingId, CancellationToken cancellationToken);

    /// <summary>The councils and committees of a municipality.</summary>
    Task<IReadOnlyList<int>> CouncilsOfBodyAsync(int bodyId, CancellationToken cancellationToken);

    /// <summary>Where a person sits, for <see cref="PersonScope.MayBeChangedBy"/>; null when there is no such person.</summary>
    Task<PersonScope?> PersonScopeAsync(int personId, CancellationToken cancellationToken);
}

using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

/// <summary>
/// The registry's and accounts' storage in memory, for the use cases' rules: records are found by
/// id, a save counts and checks nothing else. Storage itself is tested on both real engines in
/// Protokol.Data.Tests.
/// </summary>
internal sealed class UseCaseFakes : IProtokolStore, IRegistryStore, IStaffResources, IAccountStore, IPasswordHasher
{
    public List<Body> Bodies { get; } = [];

    public List<Person> People { get; } = [];

    public List<Membership> Memberships { get; } = [];

    public List<UserAccount> Accounts { get; } = [];

    public int Saves { get; private set; }

    public static T WithId<T>(T entity, int id)
        where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }

    public void Add(Entity entity)
    {
        switch (entity)
        {
            case Person p: People.Add(p); break;
            case Membership m: Memberships.Add(m); break;
            case UserAccount a: Accounts.Add(a); break;
        }
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        Saves++;
        return Task.CompletedTask;
    }

    public Task<Person?> FindPersonAsync(int id, CancellationToken cancellationToken)
    {
        StoreKeys();
        return Task.FromResult(People.FirstOrDefault(p => p.Id == id));
    }

    public Task<Membership?> FindMembershipAsync(int id, CancellationToken cancellationToken)
    {
        StoreKeys();
        return Task.FromResult(Memberships.FirstOrDefault(m => m.Id == id));
    }

    /// <summary>What the database does on a save: the foreign keys follow the references.</summary>
    private void StoreKeys()
    {
        foreach (var person in People)
        {
            typeof(Person).GetProperty(nameof(Person.BodyId))!.SetValue(person, person.Body.Id);
        }

        foreach (var membership in Memberships)
        {
            typeof(Membership).GetProperty(nameof(Membership.PersonId))!.SetValue(membership, membership.Person.Id);
            typeof(Membership).GetProperty(nameof(Membership.OrganizationId))!.SetValue(membership, membership.Organization.Id);
        }
    }

    public Task<Organization?> FindOrganizationAsync(int id, CancellationToken cancellationToken) =>
        Task.FromResult(Bodies.SelectMany(b => b.Organizations).FirstOrDefault(o => o.Id == id));

    Task<Organization?> IProtokolStore.FindOrganizationAsync(int bodyId, string slug, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CouncilAddress>> CouncilsAtAsync(string slug, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CouncilAddress>>(Bodies.SelectMany(b => b.Organizations.Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .Select(o => new CouncilAddress(b.Id, b.Key, b.Name, o.Name))).ToList());

    public Task<Body?> FindBodyAsync(int id, CancellationToken cancellationToken) => Task.FromResult(Bodies.FirstOrDefault(b => b.Id == id));

    Task<Body?> IProtokolStore.FindBodyAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<IReadOnlyList<MeetingOnDate>> IProtokolStore.MeetingsOnDateAsync(int organizationId, DateOnly date, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<DateOnly?> IProtokolStore.LatestMeetingDateAsync(int organizationId, int? exceptMeetingId, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<IReadOnlyList<string>> IProtokolStore.FileHashesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<IAsyncDisposable> IProtokolStore.JoinAsync(IWriteBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<IReadOnlyList<(int Id, DateOnly Date, string? ImportedFrom)>> IProtokolStore.MeetingDatesAsync(int organizationId, CancellationToken cancellationToken) => throw new NotSupportedException();

    void IProtokolStore.Remove(Entity entity) => throw new NotSupportedException();

    void IProtokolStore.DiscardChanges() => throw new NotSupportedException();

    Task<T?> IProtokolStore.FindAsync<T>(int id, CancellationToken cancellationToken)
        where T : class => throw new NotSupportedException();

    Task<Meeting?> IProtokolStore.NextMeetingAsync(int organizationId, DateOnly after, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<Meeting?> IProtokolStore.LastMeetingBetweenAsync(int organizationId, DateOnly from, DateOnly through, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<bool> IProtokolStore.HasMeetingOnAsync(int organizationId, DateOnly date, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<Person?> IProtokolStore.FindPersonByNameAsync(int bodyId, string name, CancellationToken cancellationToken) =>
        Task.FromResult(People.FirstOrDefault(p => p.BodyId == bodyId && string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)));

    Task<int?> IStaffResources.CouncilOfFollowUpAsync(int followUpId, CancellationToken cancellationToken) => throw new NotSupportedException();

    Task<int?> IStaffResources.CouncilOfHearingAsync(int hearingId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<(IReadOnlySet<DateOnly> Dates, IReadOnlyList<HostAndVenue> Rotation, int? LastHostId)> PlanningAsync(int organizationId, DateOnly today, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlySet<DateOnly>, IReadOnlyList<HostAndVenue>, int?)>((new HashSet<DateOnly>(), [], null));

    public Task MergeAsync(Person kept, Person removed, CancellationToken cancellationToken)
    {
        PersonMerge.Merge(kept, removed, Memberships, [], []);
        People.Remove(removed);
        return Task.CompletedTask;
    }

    public Task<int?> CouncilIdAsync(string slug, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int?> CouncilOfMeetingAsync(int meetingId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<int>> CouncilsOfBodyAsync(int bodyId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<int>>(Bodies.Where(b => b.Id == bodyId).SelectMany(b => b.Organizations).Where(o => o.Kind != OrganizationKind.ExternalOrganisation).Select(o => o.Id).ToList());

    public async Task<PersonScope?> PersonScopeAsync(int personId, CancellationToken cancellationToken) =>
        People.FirstOrDefault(p => p.Id == personId) is { } person
            ? new PersonScope(personId, Memberships.Where(m => m.Person == person).Select(m => m.Organization.Id).Distinct().ToList(), await CouncilsOfBodyAsync(person.Body.Id, cancellationToken))
            : null;

    public Task<UserAccount?> FindAsync(int id, CancellationToken cancellationToken) => Task.FromResult(Accounts.FirstOrDefault(a => a.Id == id));

    public Task<bool> EmailTakenAsync(string normalizedEmail, CancellationToken cancellationToken) => Task.FromResult(Accounts.Any(a => a.Email == normalizedEmail));

    public Task<IReadOnlySet<int>> CouncilIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<int>>(Bodies.SelectMany(b => b.Organizations).Where(o => o.Kind != OrganizationKind.ExternalOrganisation).Select(o => o.Id).ToHashSet());

    public Task<bool> PersonExistsAsync(int personId, CancellationToken cancellationToken) => Task.FromResult(People.Any(p => p.Id == personId));

    public string Hash(UserAccount account, string password) => "hash:" + password;

    public PasswordCheck Verify(UserAccount account, string hash, string password) => hash == "hash:" + password ? PasswordCheck.Success : PasswordCheck.Failed;

    public Task<bool> HasAnyBodyAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Meeting?> FindMeetingAsync(int id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AgendaItem?> FindAgendaItemAsync(int id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<FollowUp>> OpenFollowUpsAsync(int organizationId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<(FollowUp FollowUp, DateOnly OriginDate)>> OpenImportedFollowUpsAsync(int organizationId, DateOnly before, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Hearing>> OpenHearingsAsync(int organizationId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Person>> PeopleAsync(int bodyId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Person>> SeatedMembersAsync(int organizationId, DateOnly date, CancellationToken cancellationToken) => throw new NotSupportedException();

    public T Attach<T>(T entity)
        where T : Entity => entity;

    public Task<Location?> FindLocationAsync(int bodyId, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Meeting?> FindImportedMeetingAsync(int organizationId, string fileName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Meeting?> FindMeetingToImportAgainAsync(int id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Meeting?> FindMeetingByImportHashAsync(string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> HasStoredFileAsync(string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveImportDerivedAsync(Meeting meeting, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RemoveBodyAsync(Body body, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) => work(cancellationToken);
}

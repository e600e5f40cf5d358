using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Abstractions;

/// <summary>
/// The write side: loads aggregates, tracks what use cases change, and saves it in one transaction.
/// <see cref="SaveChangesAsync"/> throws <see cref="ConcurrencyConflictException"/> when a record
/// was changed by someone else since it was loaded.
/// </summary>
public interface IProtokolStore
{
    Task<bool> HasAnyBodyAsync(CancellationToken cancellationToken);

    Task<Body?> FindBodyAsync(string key, CancellationToken cancellationToken);

    /// <summary>A meeting with its organization, items, attendance and attachments.</summary>
    Task<Meeting?> FindMeetingAsync(int id, CancellationToken cancellationToken);

    Task<AgendaItem?> FindAgendaItemAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<FollowUp>> OpenFollowUpsAsync(int organizationId, CancellationToken cancellationToken);

    /// <summary>
    /// The organization's open follow-ups from imported minutes dated before <paramref name="before"/>, each
    /// with that date (what an import closes as history); read without their organization, owner or meeting.
    /// </summary>
    Task<IReadOnlyList<(FollowUp FollowUp, DateOnly OriginDate)>> OpenImportedFollowUpsAsync(int organizationId, DateOnly before, CancellationToken cancellationToken);

    Task<IReadOnlyList<Hearing>> OpenHearingsAsync(int organizationId, CancellationToken cancellationToken);

    Task<Organization?> FindOrganizationAsync(int bodyId, string slug, CancellationToken cancellationToken);

    /// <summary>
    /// The councils and committees (not the organisations members represent) whose address is <paramref name="slug"/>, in any
    /// municipality: the public address /raad/{slug} names no municipality, so one council holds it.
    /// </summary>
    Task<IReadOnlyList<CouncilAddress>> CouncilsAtAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Everyone registered under a body, with their aliases: the candidates for name matching. Read
    /// only: <see cref="Attach"/> a person before using or changing them.
    /// </summary>
    Task<IReadOnlyList<Person>> PeopleAsync(int bodyId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts tracking a stored record that was read without tracking, so it can be referenced or
    /// changed. Returns the instance to use: the one already tracked for the same record, if any.
    /// </summary>
    T Attach<T>(T entity)
        where T : Entity;

    /// <summary>
    /// The people who held a seat with a vote in the organization on the date (chair, vice-chair, member), by their registered
    /// memberships whose start (or term's start) is known and not after the date; read only, as <see cref="PeopleAsync"/>.
    /// </summary>
    Task<IReadOnlyList<Person>> SeatedMembersAsync(int organizationId, DateOnly date, CancellationToken cancellationToken);

    Task<Location?> FindLocationAsync(int bodyId, string name, CancellationToken cancellationToken);

    /// <summary>The meeting imported from a file of this name into this organization, read as <see cref="FindMeetingToImportAgainAsync"/> reads it.</summary>
    Task<Meeting?> FindImportedMeetingAsync(int organizationId, string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// A meeting as importing it again needs it: with its place, host, items, attendance (a guest's items too) and
    /// attachments, but not its organization (the import has it tracked already) nor its attendees (the import
    /// attaches those it names; the rest stay unloaded, their attendance pointing to them by id).
    /// </summary>
    Task<Meeting?> FindMeetingToImportAgainAsync(int id, CancellationToken cancellationToken);

    /// <summary>The meeting imported from exactly these bytes, whatever the file was called.</summary>
    Task<Meeting?> FindMeetingByImportHashAsync(string sha256, CancellationToken cancellationToken);

    Task<bool> HasStoredFileAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// The organization's meetings on a date by id, with what an import compares them by (the file
    /// they were imported from and their items' titles), not the meetings themselves.
    /// </summary>
    Task<IReadOnlyList<MeetingOnDate>> MeetingsOnDateAsync(int organizationId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>The date of the organization's latest meeting, leaving out one meeting (the one being imported again); null when it has none.</summary>
    Task<DateOnly?> LatestMeetingDateAsync(int organizationId, int? exceptMeetingId, CancellationToken cancellationToken);

    /// <summary>The hashes of every stored file (files are never deleted; an import run keeps them).</summary>
    Task<IReadOnlyList<string>> FileHashesAsync(CancellationToken cancellationToken);

    /// <summary>Every meeting of the organization by id, date and the file it was imported from, if any (what an import run keeps of a council).</summary>
    Task<IReadOnlyList<(int Id, DateOnly Date, string? ImportedFrom)>> MeetingDatesAsync(int organizationId, CancellationToken cancellationToken);

    /// <summary>Deletes what an earlier import of the meeting derived from it: follow-ups, hearings, review notes.</summary>
    Task RemoveImportDerivedAsync(Meeting meeting, CancellationToken cancellationToken);

    void Add(Entity entity);

    /// <summary>Deletes a record when the changes are saved.</summary>
    void Remove(Entity entity);

    /// <summary>Forgets every change not yet saved (after a refused edit), so the page shows what is stored.</summary>
    void DiscardChanges();

    /// <summary>Any record by its id, tracked.</summary>
    Task<T?> FindAsync<T>(int id, CancellationToken cancellationToken)
        where T : Entity;

    /// <summary>The organization's first meeting after <paramref name="after"/> that is not cancelled, with its items; null when none is planned.</summary>
    Task<Meeting?> NextMeetingAsync(int organizationId, DateOnly after, CancellationToken cancellationToken);

    /// <summary>The organization's last meeting (not cancelled) from <paramref name="from"/> through <paramref name="through"/>, with its items.</summary>
    Task<Meeting?> LastMeetingBetweenAsync(int organizationId, DateOnly from, DateOnly through, CancellationToken cancellationToken);

    Task<bool> HasMeetingOnAsync(int organizationId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>A person of the body by full name or a known other spelling, ignoring case; tracked.</summary>
    Task<Person?> FindPersonByNameAsync(int bodyId, string name, CancellationToken cancellationToken);

    /// <summary>Removes a body and everything recorded under it.</summary>
    Task RemoveBodyAsync(Body body, CancellationToken cancellationToken);

    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction: all of it is stored, or none. Joined to a batch
    /// (<see cref="JoinAsync"/>), the work runs behind a savepoint of the batch's transaction instead, and is committed with the batch.
    /// </summary>
    Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken);

    /// <summary>
    /// Reads and writes through <paramref name="batch"/>'s connection and transaction until the returned handle is
    /// disposed (one document of a bulk import: what earlier documents of the batch stored is seen, though not yet committed).
    /// </summary>
    Task<IAsyncDisposable> JoinAsync(IWriteBatch batch, CancellationToken cancellationToken);
}

/// <summary>A meeting of a council on a date as an import compares it with new minutes: the file it came from, if imported, and its items' titles.</summary>
public sealed record MeetingOnDate(int Id, string? ImportedFrom, string? ImportedSha256, IReadOnlyList<string> ItemTitles);

/// <summary>A council or committee at an address: its municipality's id, key and name, and its own name.</summary>
public sealed record CouncilAddress(int BodyId, string BodyKey, string BodyName, string Name);

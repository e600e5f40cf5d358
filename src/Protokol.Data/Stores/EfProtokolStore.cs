using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Search;

namespace Protokol.Data.Stores;

internal sealed class EfProtokolStore(ProtokolDbContext db, ISearchIndexer search) : IProtokolStore
{
    private const string DocumentSavepoint = "protokol_document";

    // Joined to a write batch: the context works on the batch's connection and transaction.
    private bool _joined;

    public async Task<IAsyncDisposable> JoinAsync(IWriteBatch batch, CancellationToken cancellationToken)
    {
        if (batch is not WriteBatch ours)
        {
            throw new ArgumentException("A batch of another store.", nameof(batch));
        }

        if (_joined || db.Database.CurrentTransaction is not null || db.Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
        {
            throw new InvalidOperationException("The store is in a transaction or on an open connection already.");
        }

        var (connection, transaction) = await ours.EnterAsync(cancellationToken);
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        _joined = true;
        return new Joined(this, connection, ours.ConnectionString);
    }

    /// <summary>
    /// Back to a connection of the context's own: a pooled context must not keep the batch's (the next lease would read
    /// and write inside the batch's transaction).
    /// </summary>
    private async ValueTask LeaveAsync(System.Data.Common.DbConnection batch, string? connectionString)
    {
        if (!_joined)
        {
            return;
        }

        _joined = false;
        await db.Database.UseTransactionAsync(null);

        // Using the transaction counted the batch's connection as opened once more; closing counts it back (it stays open:
        // the context did not open it).
        await db.Database.CloseConnectionAsync();
        var own = System.Data.Common.DbProviderFactories.GetFactory(batch)?.CreateConnection()
            ?? throw new InvalidOperationException("The database provider makes no connections.");
        own.ConnectionString = connectionString;
        db.Database.SetDbConnection(own, contextOwnsConnection: true);
    }

    private sealed class Joined(EfProtokolStore store, System.Data.Common.DbConnection batch, string? connectionString) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => store.LeaveAsync(batch, connectionString);
    }

    public Task<bool> HasAnyBodyAsync(CancellationToken cancellationToken) => db.Bodies.AnyAsync(cancellationToken);

    // The reads an import makes for every document, compiled (issue 17): the same SQL, without the query
    // cache's look-up on each run. Each is compiled once per model (CompiledPerModel).
    private static readonly CompiledPerModel<Func<ProtokolDbContext, string, CancellationToken, Task<Body?>>> BodyByKey = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, string key, CancellationToken ct) => db.Bodies.FirstOrDefault(b => b.Key == key)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, CancellationToken, Task<Meeting?>>> MeetingById = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int id, CancellationToken ct) => db.Meetings
            .Include(m => m.Organization)
            .Include(m => m.Location)
            .Include(m => m.Host)
            .Include(m => m.Items)
            .Include(m => m.Attendance).ThenInclude(a => a.GuestItems)
            .Include(m => m.Attendance).ThenInclude(a => a.Person)
            .Include(m => m.Attachments)
            .AsSplitQuery()
            .FirstOrDefault(m => m.Id == id)));

    // A meeting as importing it again reads it (issue 17: the whole graph above was ten statements, with the people and
    // both councils' standing items, which the import does not use): the meeting with its place, then its items, its
    // attendance, the guests' items when it has guests, and its attachments, each tracked and fixed up to the meeting.
    // Each in the order the whole graph's split query gave (the attendance by id, the items as the meeting's index
    // gives them): the order they are tracked in is the order of their entries in the audit log.
    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, CancellationToken, Task<Meeting?>>> MeetingToImportAgain = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int id, CancellationToken ct) => db.Meetings.Include(m => m.Location).FirstOrDefault(m => m.Id == id)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<AgendaItem>>> ItemsOf = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.AgendaItems.Where(i => i.MeetingId == meetingId)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<Attendance>>> AttendanceOf = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.Attendance.Where(a => a.MeetingId == meetingId).OrderBy(a => a.Id).Select(a => a)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<Attendance>>> GuestsOf = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.Attendance.Where(a => a.MeetingId == meetingId && a.Status == AttendanceStatus.Guest).Include(a => a.GuestItems)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<Attachment>>> AttachmentsOf = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.Attachments.Where(a => a.MeetingId == meetingId)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int[], IAsyncEnumerable<Hearing>>> HearingsAt = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int[] itemIds) => db.Hearings.Where(h => h.AgendaItemId != null && itemIds.Contains(h.AgendaItemId.Value))));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, string, CancellationToken, Task<Organization?>>> OrganizationBySlug = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int bodyId, string slug, CancellationToken ct) => db.Organizations.FirstOrDefault(o => o.BodyId == bodyId && o.Slug == slug)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, string, CancellationToken, Task<Location?>>> LocationByName = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int bodyId, string name, CancellationToken ct) => db.Locations.FirstOrDefault(l => l.BodyId == bodyId && l.Name == name)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, string, CancellationToken, Task<int?>>> ImportedMeetingId = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int organizationId, string fileName, CancellationToken ct) =>
            db.Meetings.Where(m => m.OrganizationId == organizationId && m.ImportedFrom == fileName).Select(m => (int?)m.Id).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, DateOnly, IAsyncEnumerable<DayMeetingRow>>> MeetingsOnDay = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int organizationId, DateOnly date) =>
            db.Meetings.Where(m => m.OrganizationId == organizationId && m.Date == date).OrderBy(m => m.Id)
                .Select(m => new DayMeetingRow(m.Id, m.ImportedFrom, m.ImportedSha256, m.Items.Select(i => i.Title).ToList()))));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, int, CancellationToken, Task<DateOnly?>>> LatestDate = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int organizationId, int exceptMeetingId, CancellationToken ct) =>
            db.Meetings.Where(m => m.OrganizationId == organizationId && m.Id != exceptMeetingId).Max(m => (DateOnly?)m.Date)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, DateOnly, IAsyncEnumerable<ImportedFollowUpRow>>> OpenImportedFollowUps = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int organizationId, DateOnly before) =>
            db.FollowUps
                .Where(f => f.OrganizationId == organizationId && f.Status == FollowUpStatus.Open
                    && f.OriginMeeting!.ImportedSha256 != null && f.OriginMeeting.Date < before)
                .Select(f => new ImportedFollowUpRow(f, f.OriginMeeting!.Date))));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<FollowUp>>> FollowUpsFrom = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.FollowUps.Where(f => f.OriginMeetingId == meetingId)));

    private static readonly CompiledPerModel<Func<ProtokolDbContext, int, IAsyncEnumerable<ImportNote>>> NotesOf = new(() =>
        EF.CompileAsyncQuery((ProtokolDbContext db, int meetingId) => db.ImportNotes.Where(n => n.MeetingId == meetingId)));

    private sealed record DayMeetingRow(int Id, string? ImportedFrom, string? ImportedSha256, List<string> Titles);

    private sealed record ImportedFollowUpRow(FollowUp FollowUp, DateOnly OriginDate);

    public Task<Body?> FindBodyAsync(string key, CancellationToken cancellationToken) =>
        BodyByKey.For(db)(db, key, cancellationToken);

    public Task<Meeting?> FindMeetingAsync(int id, CancellationToken cancellationToken) =>
        MeetingById.For(db)(db, id, cancellationToken);

    public async Task<AgendaItem?> FindAgendaItemAsync(int id, CancellationToken cancellationToken)
    {
        var meetingId = await db.AgendaItems.Where(i => i.Id == id).Select(i => (int?)i.MeetingId).FirstOrDefaultAsync(cancellationToken);
        if (meetingId is null)
        {
            return null;
        }

        // The item's rules need its whole meeting (state, sibling numbers).
        var meeting = await FindMeetingAsync(meetingId.Value, cancellationToken);
        return meeting?.Items.FirstOrDefault(i => i.Id == id);
    }

    public async Task<IReadOnlyList<FollowUp>> OpenFollowUpsAsync(int organizationId, CancellationToken cancellationToken) =>
        await db.FollowUps
            .Include(f => f.Organization)
            .Include(f => f.Owner)
            .Include(f => f.OriginMeeting)
            .Where(f => f.OrganizationId == organizationId && f.Status == FollowUpStatus.Open)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(FollowUp FollowUp, DateOnly OriginDate)>> OpenImportedFollowUpsAsync(int organizationId, DateOnly before, CancellationToken cancellationToken)
    {
        var open = new List<(FollowUp, DateOnly)>();
        foreach (var (followUp, stored) in await CompiledQueries.ToListAsync(OpenImportedFollowUps.For(db)(db, organizationId, before), cancellationToken))
        {
            // A meeting this unit of work tracks (fixed up as the follow-up's origin) counts as it is now, not as stored.
            if (followUp.OriginMeeting is not { } tracked)
            {
                open.Add((followUp, stored));
            }
            else if (tracked.ImportedSha256 is not null && tracked.Date < before)
            {
                open.Add((followUp, tracked.Date));
            }
        }

        return open;
    }

    public async Task<IReadOnlyList<Hearing>> OpenHearingsAsync(int organizationId, CancellationToken cancellationToken) =>
        await db.Hearings
            .Include(h => h.Organization)
            .Where(h => h.OrganizationId == organizationId && h.Status == HearingStatus.Open)
            .ToListAsync(cancellationToken);

    public Task<Organization?> FindOrganizationAsync(int bodyId, string slug, CancellationToken cancellationToken) =>
        OrganizationBySlug.For(db)(db, bodyId, slug, cancellationToken);

    public async Task<IReadOnlyList<CouncilAddress>> CouncilsAtAsync(string slug, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Kind != OrganizationKind.ExternalOrganisation)
            .OrderBy(o => o.Id)
            .Select(o => new CouncilAddress(o.BodyId, o.Body.Key, o.Body.Name, o.Name))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Person>> PeopleAsync(int bodyId, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.BodyId == bodyId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Person>> SeatedMembersAsync(int organizationId, DateOnly date, CancellationToken cancellationToken)
    {
        var seated = db.Memberships
            .Where(m => m.OrganizationId == organizationId
                && (m.Role == MembershipRole.Chair || m.Role == MembershipRole.ViceChair || m.Role == MembershipRole.Member)
                && ((m.Start != null && m.Start <= date) || (m.Start == null && m.Term != null && m.Term.Start <= date))
                && (m.End == null || m.End >= date)
                && (m.Term == null || m.Term.End == null || m.Term.End >= date))
            .Select(m => m.PersonId);
        return await db.People.AsNoTracking().Where(p => seated.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Tracks the record and its owned parts (a person's aliases) as stored, not the records it points to.</summary>
    public T Attach<T>(T entity)
        where T : Entity
    {
        // Look in the identity map only: Entries() would otherwise detect changes across everything tracked, on every call.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var tracked = db.ChangeTracker.Entries<T>().FirstOrDefault(e => e.Entity.Id == entity.Id && e.Entity.Id != 0)?.Entity;
            if (tracked is not null)
            {
                return tracked;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        db.ChangeTracker.TrackGraph(entity, node =>
        {
            if (node.SourceEntry is null || node.Entry.Metadata.IsOwned())
            {
                node.Entry.State = EntityState.Unchanged;
            }
        });
        return entity;
    }

    public Task<Location?> FindLocationAsync(int bodyId, string name, CancellationToken cancellationToken) =>
        LocationByName.For(db)(db, bodyId, name, cancellationToken);

    public async Task<Meeting?> FindImportedMeetingAsync(int organizationId, string fileName, CancellationToken cancellationToken)
    {
        var id = await ImportedMeetingId.For(db)(db, organizationId, fileName, cancellationToken);
        return id is null ? null : await FindMeetingToImportAgainAsync(id.Value, cancellationToken);
    }

    public async Task<Meeting?> FindMeetingToImportAgainAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await MeetingToImportAgain.For(db)(db, id, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        // Tracked, each row is fixed up to the meeting (its collections, an item's parent, the attendance's meeting).
        await CompiledQueries.ToListAsync(ItemsOf.For(db)(db, id), cancellationToken);
        var attendance = await CompiledQueries.ToListAsync(AttendanceOf.For(db)(db, id), cancellationToken);
        if (attendance.Exists(a => a.Status == AttendanceStatus.Guest))
        {
            // Only a guest has items of their own (any other status clears them).
            await CompiledQueries.ToListAsync(GuestsOf.For(db)(db, id), cancellationToken);
        }

        await CompiledQueries.ToListAsync(AttachmentsOf.For(db)(db, id), cancellationToken);
        if (meeting.HostId is { } host && meeting.Host is null)
        {
            await db.Organizations.FindAsync([host], cancellationToken);
        }

        return meeting;
    }

    public Task<Meeting?> FindMeetingByImportHashAsync(string sha256, CancellationToken cancellationToken) =>
        db.Meetings.FirstOrDefaultAsync(m => m.ImportedSha256 == sha256, cancellationToken);

    public Task<bool> HasStoredFileAsync(string sha256, CancellationToken cancellationToken) =>
        db.StoredFiles.AnyAsync(f => f.Sha256 == sha256, cancellationToken);

    public async Task<IReadOnlyList<MeetingOnDate>> MeetingsOnDateAsync(int organizationId, DateOnly date, CancellationToken cancellationToken) =>
        (await CompiledQueries.ToListAsync(MeetingsOnDay.For(db)(db, organizationId, date), cancellationToken))
        .Select(m => new MeetingOnDate(m.Id, m.ImportedFrom, m.ImportedSha256, m.Titles)).ToList();

    public Task<DateOnly?> LatestMeetingDateAsync(int organizationId, int? exceptMeetingId, CancellationToken cancellationToken) =>
        LatestDate.For(db)(db, organizationId, exceptMeetingId ?? 0, cancellationToken);

    public async Task<IReadOnlyList<string>> FileHashesAsync(CancellationToken cancellationToken) =>
        await db.StoredFiles.Select(f => f.Sha256).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(int Id, DateOnly Date, string? ImportedFrom)>> MeetingDatesAsync(int organizationId, CancellationToken cancellationToken) =>
        (await db.Meetings.Where(m => m.OrganizationId == organizationId).Select(m => new { m.Id, m.Date, m.ImportedFrom }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Date, m.ImportedFrom)).ToList();

    public async Task RemoveImportDerivedAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        db.FollowUps.RemoveRange(await CompiledQueries.ToListAsync(FollowUpsFrom.For(db)(db, meeting.Id), cancellationToken));
        int[] itemIds = [.. meeting.Items.Select(i => i.Id)];
        db.Hearings.RemoveRange(await CompiledQueries.ToListAsync(HearingsAt.For(db)(db, itemIds), cancellationToken));
        db.ImportNotes.RemoveRange(await CompiledQueries.ToListAsync(NotesOf.For(db)(db, meeting.Id), cancellationToken));
    }

    public void Add(Entity entity) => db.Add(entity);

    public void Remove(Entity entity) => db.Remove(entity);

    public void DiscardChanges() => db.ChangeTracker.Clear();

    public async Task<T?> FindAsync<T>(int id, CancellationToken cancellationToken)
        where T : Entity =>
        await db.Set<T>().FindAsync([id], cancellationToken);

    public async Task<Meeting?> NextMeetingAsync(int organizationId, DateOnly after, CancellationToken cancellationToken)
    {
        // Ordered as the portal orders a council's meetings, so two imported meetings on one day give the earlier one.
        var id = await db.Meetings.Where(m => m.OrganizationId == organizationId && m.Date > after && m.CancelledAt == null)
            .OrderBy(m => m.Date).ThenBy(m => m.StartTime).ThenBy(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await FindMeetingAsync(id.Value, cancellationToken);
    }

    public async Task<Meeting?> LastMeetingBetweenAsync(int organizationId, DateOnly from, DateOnly through, CancellationToken cancellationToken)
    {
        var id = await db.Meetings.Where(m => m.OrganizationId == organizationId && m.Date >= from && m.Date <= through && m.CancelledAt == null)
            .OrderByDescending(m => m.Date).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await FindMeetingAsync(id.Value, cancellationToken);
    }

    public Task<bool> HasMeetingOnAsync(int organizationId, DateOnly date, CancellationToken cancellationToken) =>
        db.Meetings.AnyAsync(m => m.OrganizationId == organizationId && m.Date == date, cancellationToken);

    public async Task<Person?> FindPersonByNameAsync(int bodyId, string name, CancellationToken cancellationToken)
    {
        var wanted = name.Trim();
        var candidates = await db.People.Where(p => p.BodyId == bodyId).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(p => p.Aliases.Any(a => string.Equals(a.Name, wanted, StringComparison.OrdinalIgnoreCase)));
    }

    public async Task RemoveBodyAsync(Body body, CancellationToken cancellationToken)
    {
        // The schema cascades from the body to everything recorded under it.
        await db.Bodies.Where(b => b.Id == body.Id).ExecuteDeleteAsync(cancellationToken);
        db.Entry(body).State = EntityState.Detached;
        db.RecordSearchChange("b:" + body.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Changes are looked for once: reading the items' entries below looked across everything tracked, and the
            // context's save looked again (issue 17: two scans of a new meeting's hundred records per imported document).
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            if (detect)
            {
                db.ChangeTracker.DetectChanges();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
            }

            try
            {
                var renumbered = db.ChangeTracker.Entries<AgendaItem>()
                    .Where(e => e.State == EntityState.Modified && e.Property(i => i.Number).IsModified).ToList();
                if (renumbered.Count < 2)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                else if (db.Database.CurrentTransaction is not null)
                {
                    await SaveRenumberedAsync(renumbered, cancellationToken);
                }
                else
                {
                    var strategy = db.Database.CreateExecutionStrategy();
                    await strategy.ExecuteAsync(async ct =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(ct);
                        await SaveRenumberedAsync(renumbered, ct);
                        await transaction.CommitAsync(ct);
                    }, cancellationToken);
                }
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }

            if (db.Database.CurrentTransaction is null)
            {
                await search.ApplyPendingAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException e)
        {
            var entry = e.Entries.FirstOrDefault(en => en.Entity is Entity);
            if (entry is null)
            {
                throw;
            }

            var entity = (Entity)entry.Entity;
            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            var expected = (long)entry.OriginalValues[nameof(Entity.Version)]!;
            throw new ConcurrencyConflictException(entity.GetType().Name, entity.Id, expected, stored?.GetValue<long>(nameof(Entity.Version)), e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // The same thing saved twice at once: a double click on "Send", "Tilføj punktet", two tabs. The first request saved it;
            // this one is told so, in the form, instead of an error page (the transaction saved nothing).
            throw new DomainRuleException("Ændringen blev ikke gemt: det samme blev gemt lige før (et dobbeltklik eller en anden fane). Se siden igen, før du gentager den.", e);
        }
    }

    /// <summary>A unique index refused the row: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY.</summary>
    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// Items that swap numbers (moved up or down) would collide on the unique (meeting, number) index
    /// in any order of updates: they are parked on temporary numbers first, then numbered, in one transaction.
    /// </summary>
    private async Task SaveRenumberedAsync(List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<AgendaItem>> items, CancellationToken cancellationToken)
    {
        var numbers = items.Select(e => (Entry: e, e.Entity.Number)).ToList();
        foreach (var (entry, _) in numbers)
        {
            entry.Property(i => i.Number).CurrentValue = "~" + entry.Entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (entry, number) in numbers)
        {
            entry.Property(i => i.Number).CurrentValue = number;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (_joined)
        {
            // One document of a batch: behind its own savepoint, committed with the batch (the index follows from the outbox then).
            var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The batch's transaction is gone.");
            await transaction.CreateSavepointAsync(DocumentSavepoint, cancellationToken);
            try
            {
                await work(cancellationToken);
            }
            catch
            {
                await transaction.RollbackToSavepointAsync(DocumentSavepoint, CancellationToken.None);
                await transaction.ReleaseSavepointAsync(DocumentSavepoint, CancellationToken.None);
                throw;
            }

            await transaction.ReleaseSavepointAsync(DocumentSavepoint, cancellationToken);
            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await work(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

        // The edit is committed with its outbox rows; bring the index up to date before returning.
        await search.ApplyPendingAsync(cancellationToken);
    }
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data.Audit;
using Protokol.Data.Search;

namespace Protokol.Data;

/// <summary>One model for both engines; each provider keeps its own migrations assembly.</summary>
/// <remarks>
/// Contexts are pooled (<see cref="ServiceCollectionExtensions.AddProtokolData"/>): the constructor
/// takes only the options, and the scope that leases a context sets <see cref="Clock"/> and
/// <see cref="Actor"/>; a context given back to the pool forgets them.
/// </remarks>
public sealed class ProtokolDbContext(DbContextOptions<ProtokolDbContext> options) : DbContext(options)
{
    /// <summary>The clock that stamps changes and the audit log (the scope's <see cref="TimeProvider"/>).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Who makes the changes of this unit of work, for the audit log (the scope's <see cref="IAuditActor"/>).</summary>
    public IAuditActor Actor { get; set; } = SystemAuditActor.Instance;

    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Term> Terms => Set<Term>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<Attendance> Attendance => Set<Attendance>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<Hearing> Hearings => Set<Hearing>();

    public DbSet<ImportNote> ImportNotes => Set<ImportNote>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<PersonMatchProposal> PersonMatchProposals => Set<PersonMatchProposal>();

    public DbSet<SearchOutboxEntry> SearchOutbox => Set<SearchOutboxEntry>();

    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();

    public DbSet<OrganizationAccess> OrganizationAccess => Set<OrganizationAccess>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<Core.Reports.AnnualReportText> AnnualReportTexts => Set<Core.Reports.AnnualReportText>();

    public DbSet<Core.Mail.OutgoingMail> OutgoingMail => Set<Core.Mail.OutgoingMail>();

    public DbSet<Core.Mail.Subscription> Subscriptions => Set<Core.Mail.Subscription>();

    public DbSet<MinutesReading> MinutesReadings => Set<MinutesReading>();

    public DbSet<MinutesComment> MinutesComments => Set<MinutesComment>();

    public DbSet<Portal.MeetingYearCount> MeetingYearCounts => Set<Portal.MeetingYearCount>();

    public DbSet<Portal.CouncilMeetingCount> CouncilMeetingCounts => Set<Portal.CouncilMeetingCount>();

    public DbSet<Portal.PersonYearCount> PersonYearCounts => Set<Portal.PersonYearCount>();

    public DbSet<Accounts.SignInFailure> SignInFailures => Set<Accounts.SignInFailure>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; SQLite hands them back unspecified, PostgreSQL insists on UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProtokolDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = DetectOnce();
        try
        {
            return SaveDetected(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private int SaveDetected(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        var sources = SearchChangeCapture.Collect(ChangeTracker);
        var audit = AuditCapture.Collect(ChangeTracker);
        var counts = Portal.MeetingCountKeeper.Collect(ChangeTracker);
        var people = Portal.PersonCountKeeper.Collect(ChangeTracker);
        var registry = OParl.RegistryStampKeeper.Touches(ChangeTracker);
        var stamps = OParl.MeetingStampKeeper.Collect(ChangeTracker);
        if (sources.Count == 0 && audit.Count == 0 && counts is null && people is null && !registry && stamps is null)
        {
            return SaveRest(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        KeyAllocator.Assign(this);
        var followed = FollowBeforeSave(sources, audit);
        if (followed)
        {
            KeyAllocator.Assign(this);
        }

        people?.BeforeSave(this);
        var count = SaveRest(acceptAllChangesOnSuccess);
        if (!followed)
        {
            AddFollowers(sources, audit);
        }

        counts?.Update(this);
        people?.Update(this);
        if (registry)
        {
            OParl.RegistryStampKeeper.Update(this);
        }

        stamps?.Update(this);

        DetectCountChanges();
        SaveRest(acceptAllChangesOnSuccess);
        counts?.AfterSave(this);
        transaction?.Commit();
        return count;
    }

    /// <summary>
    /// Saves the changes and, in the same transaction, the search sources they touch (the outbox),
    /// the audit log's record of them and the meeting counts they change, so neither the index, the
    /// log nor the counts can miss a committed edit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = DetectOnce();
        try
        {
            return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Looks for changes across everything tracked once per save, and not again at each read of the change
    /// tracker below (the stamps, the outbox, the audit log, the counts and EF Core's two saves each looked
    /// again: seven scans of every tracked record per save). What the save itself changes afterwards is
    /// detected on its own records (<see cref="Stamp"/>, <see cref="DetectCountChanges"/>). Returns whether
    /// automatic detection was on, to restore.
    /// </summary>
    private bool DetectOnce()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        return detect;
    }

    /// <summary>The kept counts (of meetings and of attendance) were changed by setting their properties after the changes were detected.</summary>
    private void DetectCountChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Portal.MeetingYearCount>())
        {
            entry.DetectChanges();
        }

        foreach (var entry in ChangeTracker.Entries<Portal.CouncilMeetingCount>())
        {
            entry.DetectChanges();
        }

        foreach (var entry in ChangeTracker.Entries<Portal.PersonYearCount>())
        {
            entry.DetectChanges();
        }
    }

    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        Stamp();
        var sources = SearchChangeCapture.Collect(ChangeTracker);
        var audit = AuditCapture.Collect(ChangeTracker);
        var counts = Portal.MeetingCountKeeper.Collect(ChangeTracker);
        var people = Portal.PersonCountKeeper.Collect(ChangeTracker);
        var registry = OParl.RegistryStampKeeper.Touches(ChangeTracker);
        var stamps = OParl.MeetingStampKeeper.Collect(ChangeTracker);
        if (sources.Count == 0 && audit.Count == 0 && counts is null && people is null && !registry && stamps is null)
        {
            return await SaveRestAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await KeyAllocator.AssignAsync(this, cancellationToken);
        var followed = FollowBeforeSave(sources, audit);
        if (followed)
        {
            await KeyAllocator.AssignAsync(this, cancellationToken);
        }

        if (people is not null)
        {
            await people.BeforeSaveAsync(this, cancellationToken);
        }

        var count = await SaveRestAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (!followed)
        {
            AddFollowers(sources, audit);
        }

        if (counts is not null)
        {
            await counts.UpdateAsync(this, cancellationToken);
        }

        if (people is not null)
        {
            await people.UpdateAsync(this, cancellationToken);
        }

        if (registry)
        {
            await OParl.RegistryStampKeeper.UpdateAsync(this, cancellationToken);
        }

        if (stamps is not null)
        {
            await stamps.UpdateAsync(this, cancellationToken);
        }

        DetectCountChanges();

        await SaveRestAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (counts is not null)
        {
            await counts.AfterSaveAsync(this, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return count;
    }

    /// <summary>
    /// EF Core's save, after the new rows that need nothing of it went in directly on SQLite (<see cref="SqliteNewRows"/>);
    /// when EF Core's part fails, those rows are taken back too.
    /// </summary>
    private int SaveRest(bool acceptAllChangesOnSuccess)
    {
        var written = WriteNewRows(acceptAllChangesOnSuccess, CancellationToken.None);
        try
        {
            var count = base.SaveChanges(acceptAllChangesOnSuccess);
            written.Keep();
            RowsWrittenDirectly += written.Count;
            return written.Count + count;
        }
        catch
        {
            written.Undo();
            throw;
        }
    }

    /// <inheritdoc cref="SaveRest"/>
    private async Task<int> SaveRestAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var written = WriteNewRows(acceptAllChangesOnSuccess, cancellationToken);
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            written.Keep();
            RowsWrittenDirectly += written.Count;
            return written.Count + count;
        }
        catch
        {
            written.Undo();
            throw;
        }
    }

    // Rows written before EF Core's save are unchanged at once, so only a save that accepts its changes writes them.
    private SqliteNewRows.Written WriteNewRows(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        acceptAllChangesOnSuccess && WritesNewRowsDirectly && (_sqlite ??= Database.IsSqlite())
            ? (_newRows ??= new SqliteNewRows()).Write(this, cancellationToken)
            : SqliteNewRows.Written.None;

    /// <summary>
    /// Whether new rows go in directly on SQLite (<see cref="SqliteNewRows"/>); off, every row goes through EF Core's update
    /// pipeline, for this lease of the context (the tests and the import benchmark compare the two).
    /// </summary>
    public bool WritesNewRowsDirectly { get; set; } = true;

    /// <summary>How many new rows this lease of the context wrote directly (<see cref="SqliteNewRows"/>).</summary>
    public int RowsWrittenDirectly { get; private set; }

    private bool? _sqlite;
    private SqliteNewRows? _newRows;

    /// <summary>Records that a source's search documents must be rebuilt (for changes made around the change tracker).</summary>
    public void RecordSearchChange(string source) => SearchOutbox.Add(new SearchOutboxEntry(source, Clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Adds the search outbox's rows and the audit log's entries before the save when every added row already has
    /// its key (<see cref="KeyAllocator"/>), so they go in with the rows they describe; false when some added row
    /// still waits for the database's key (they are added after the save then, as they read it).
    /// </summary>
    private bool FollowBeforeSave(List<Func<string?>> sources, List<Func<DateTime, string, AuditEntry>> audit)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            // Only a key, or a foreign key copying one, holds a temporary value.
            foreach (var property in KeysOf(entry.Metadata))
            {
                if (entry.Property(property).IsTemporary)
                {
                    return false;
                }
            }
        }

        AddFollowers(sources, audit);
        return true;
    }

    private static readonly ConcurrentDictionary<IEntityType, IProperty[]> Keys = new();

    private static IProperty[] KeysOf(IEntityType type) =>
        Keys.GetOrAdd(type, t => [.. t.GetProperties().Where(p => p.IsKey() || p.IsForeignKey())]);

    private void AddFollowers(List<Func<string?>> sources, List<Func<DateTime, string, AuditEntry>> audit)
    {
        foreach (var source in sources.Select(s => s()).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            RecordSearchChange(source);
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        AuditLog.AddRange(audit.Select(a => a(now, Actor.Name)));
    }

    private void Stamp()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.StampCreated(now);
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.StampModified(now);
                entry.DetectChanges();
            }
        }
    }

    /// <summary>Back to the pool: the next lease must not write the audit log in this scope's name.</summary>
    public override void Dispose()
    {
        Forget();
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        Forget();
        return base.DisposeAsync();
    }

    private void Forget()
    {
        Clock = TimeProvider.System;
        Actor = SystemAuditActor.Instance;
        WritesNewRowsDirectly = true;
        RowsWrittenDirectly = 0;
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

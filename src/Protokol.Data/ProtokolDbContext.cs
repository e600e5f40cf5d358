using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data;

/// <summary>One model for both engines; each provider keeps its own migrations assembly.</summary>
public sealed class ProtokolDbContext(DbContextOptions<ProtokolDbContext> options, TimeProvider clock) : DbContext(options)
{
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
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void Stamp()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.StampCreated(now);
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.StampModified(now);
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

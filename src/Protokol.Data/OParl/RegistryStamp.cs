using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Registry;

namespace Protokol.Data.OParl;

/// <summary>
/// A number that every save changing a person, a person's alias, a seat (membership) or an organization increments, in the
/// save's own transaction (<see cref="RegistryStampKeeper"/>): the part of a kept minutes text's key that names the body's
/// people, aliases, seats and organizations (<see cref="OParlQueries"/>' minutes texts), read as one row instead of summing
/// every such row of the body for each page (issue 17). One row (<see cref="Id"/> 1) for the whole archive: a change in one body
/// makes every body's texts stale, which an archive of one municipality does not notice. Bookkeeping, not archive data: the
/// archive export skips it; a restore starts without it (0), as the kept texts do.
/// </summary>
public sealed class RegistryStamp
{
    public const int Row = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}

internal sealed class RegistryStampConfiguration : IEntityTypeConfiguration<RegistryStamp>
{
    public void Configure(EntityTypeBuilder<RegistryStamp> builder)
    {
        builder.ToTable("RegistryStamps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// Increments <see cref="RegistryStamp"/> after a save that adds, edits or removes a person, an alias, a seat or an organization,
/// inside the save's transaction: a reader sees the new number exactly when it sees the change (on PostgreSQL the row's lock makes
/// two such saves increment one after the other). One statement, the same SQL on both engines.
/// </summary>
internal static class RegistryStampKeeper
{
    private const string Increment = """
        INSERT INTO "RegistryStamps" ("Id", "Version") VALUES (1, 1)
        ON CONFLICT ("Id") DO UPDATE SET "Version" = "RegistryStamps"."Version" + 1
        """;

    /// <summary>Whether the tracked changes touch the registry's rows that the minutes texts name.</summary>
    public static bool Touches(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Person or PersonAlias or Membership or Organization)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Increments the stamp; call after the changes are saved, inside their transaction.</summary>
    public static void Update(ProtokolDbContext db) => db.Database.ExecuteSqlRaw(Increment);

    /// <summary>The same, asynchronously.</summary>
    public static Task UpdateAsync(ProtokolDbContext db, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync(Increment, cancellationToken);
}

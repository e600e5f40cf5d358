using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Accounts;
using Protokol.Core.Registry;
using Protokol.Data.Audit;

namespace Protokol.Data.Configurations;

internal sealed class UserAccountConfiguration : EntityConfiguration<UserAccount>
{
    protected override void ConfigureEntity(EntityTypeBuilder<UserAccount> builder)
    {
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(1000);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(u => u.Access).WithOne(a => a.UserAccount).HasForeignKey(a => a.UserAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(u => u.Access).HasField("_access");

        // Accounts no longer lock after wrong passwords (the portal throttles sign-in instead). The two
        // columns of the old lockout stay in the schema, unused, so no migration has to rebuild the
        // SQLite table for them; a later migration that rebuilds it anyway can drop them.
        builder.Property<int>("FailedSignIns");
        builder.Property<DateTime?>("LockedUntil");
    }
}

internal sealed class OrganizationAccessConfiguration : EntityConfiguration<OrganizationAccess>
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrganizationAccess> builder)
    {
        builder.HasIndex(a => new { a.UserAccountId, a.OrganizationId }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(254);
        builder.Property(e => e.EntityType).HasMaxLength(60);
        builder.Property(e => e.Action).HasMaxLength(10);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EntityType, e.EntityId });

        // OParl's tombstones: the few removals of one kind of record, found without reading every change to it.
        builder.HasIndex(e => new { e.Action, e.EntityType });
    }
}

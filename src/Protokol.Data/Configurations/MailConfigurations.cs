using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Mail;

namespace Protokol.Data.Configurations;

// Neither table is audited (they are not Entity records): the outbox would flood the log, and a
// subscriber's address must not outlive the subscription in a log.
internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(200);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Purpose).HasMaxLength(40);
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.Property(m => m.Status);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.OrganizationId);
        builder.HasMany(m => m.Parts).WithOne().HasForeignKey("MailId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Parts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MailPartConfiguration : IEntityTypeConfiguration<MailPart>
{
    public void Configure(EntityTypeBuilder<MailPart> builder)
    {
        builder.ToTable("MailParts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.MediaType).HasMaxLength(100);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.SearchQuery).HasMaxLength(1000);
        builder.Property(s => s.Token).HasMaxLength(64);
        builder.HasIndex(s => s.Token).IsUnique();
        builder.HasIndex(s => s.Email);
        builder.Ignore(s => s.IsConfirmed);
        builder.HasOne<Core.Registry.Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

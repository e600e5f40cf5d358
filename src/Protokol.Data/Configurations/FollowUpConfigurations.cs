using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;

namespace Protokol.Data.Configurations;

internal sealed class FollowUpConfiguration : EntityConfiguration<FollowUp>
{
    protected override void ConfigureEntity(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.Text).HasMaxLength(2000);
        builder.Property(f => f.CompletionNote).HasMaxLength(2000);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(f => new { f.OrganizationId, f.Status });
        builder.HasOne(f => f.Organization).WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.OriginMeeting).WithMany().HasForeignKey(f => f.OriginMeetingId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(f => f.OriginItem).WithMany().HasForeignKey(f => f.OriginItemId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(f => f.Owner).WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(f => f.CarriedToItem).WithMany().HasForeignKey(f => f.CarriedToItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class HearingConfiguration : EntityConfiguration<Hearing>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Hearing> builder)
    {
        builder.Property(h => h.Subject).HasMaxLength(500);
        builder.Property(h => h.Sender).HasMaxLength(200);
        builder.Property(h => h.Link).HasMaxLength(2000);
        builder.Property(h => h.DraftedBy).HasMaxLength(200);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(h => new { h.OrganizationId, h.Deadline });
        builder.HasOne(h => h.Organization).WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(h => h.AgendaItem).WithMany().HasForeignKey(h => h.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AnnualReportTextConfiguration : EntityConfiguration<Core.Reports.AnnualReportText>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Core.Reports.AnnualReportText> builder)
    {
        builder.ToTable("AnnualReportTexts");
        builder.Property(t => t.Foreword).HasMaxLength(20_000);
        builder.Property(t => t.Recommendations).HasMaxLength(20_000);
        builder.HasIndex(t => new { t.OrganizationId, t.Year }).IsUnique();
        builder.HasOne(t => t.Organization).WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

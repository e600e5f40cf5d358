using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Data.Configurations;

internal sealed class MinutesReadingConfiguration : EntityConfiguration<MinutesReading>
{
    protected override void ConfigureEntity(EntityTypeBuilder<MinutesReading> builder)
    {
        builder.ToTable("MinutesReadings");
        builder.Property(r => r.Message).HasMaxLength(4000);
        builder.HasIndex(r => r.MeetingId).IsUnique();
        builder.HasOne(r => r.Meeting).WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MinutesCommentConfiguration : EntityConfiguration<MinutesComment>
{
    protected override void ConfigureEntity(EntityTypeBuilder<MinutesComment> builder)
    {
        builder.ToTable("MinutesComments");
        builder.Property(c => c.AuthorName).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(MinutesComment.MaxLength);
        builder.Property(c => c.HandledBy).HasMaxLength(200);
        builder.HasIndex(c => new { c.MeetingId, c.AgendaItemId });
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.AgendaItem).WithMany().HasForeignKey(c => c.AgendaItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

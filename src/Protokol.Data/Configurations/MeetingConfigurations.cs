using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Meetings;

namespace Protokol.Data.Configurations;

internal sealed class LocationConfiguration : EntityConfiguration<Location>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Room).HasMaxLength(100);
        builder.Property(l => l.Street).HasMaxLength(200);
        builder.Property(l => l.PostalCode).HasMaxLength(10);
        builder.Property(l => l.Locality).HasMaxLength(100);
        builder.Ignore(l => l.Description);
        builder.HasOne(l => l.Body).WithMany().HasForeignKey(l => l.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingConfiguration : EntityConfiguration<Meeting>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.ImportedFrom).HasMaxLength(255);
        builder.Property(m => m.ImportedSha256).HasMaxLength(64);
        builder.HasIndex(m => m.ImportedSha256);
        builder.HasIndex(m => new { m.OrganizationId, m.ImportedFrom });

        // Stored as its number: the states are ordered and queries compare them (">= agenda published").
        builder.Property(m => m.State);
        // The id as the last key serves "a council's newest meetings" (date, then id, descending) from the index alone;
        // SQLite keeps the row id in every index anyway, PostgreSQL otherwise sorts all the council's meetings.
        builder.HasIndex(m => new { m.OrganizationId, m.Date, m.Id });
        // A council's meetings from a date on in the order they are held (date, start time): its next meeting (the front
        // page) and a year's plan (its page) are the index's first row or range, with no sort. Without it PostgreSQL's
        // prepared (generic) plan for "the council's first meeting from @today" walked the date index and tested every
        // upcoming meeting of every council against the council (issue 17: 3 times the front page's cost once the
        // councils had a year's plan entered).
        builder.HasIndex(m => new { m.OrganizationId, m.Date, m.StartTime, m.Id });
        builder.HasIndex(m => m.Date);
        // An organization's meetings in id order (the OParl meeting list of an organization, by key after a cursor): a
        // seek to the page's first meeting instead of reading and sorting every meeting of the organization.
        builder.HasIndex(m => new { m.OrganizationId, m.Id });
        builder.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Location).WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Host).WithMany().HasForeignKey(m => m.HostId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.MinutesApprovedBy).WithMany().HasForeignKey(m => m.MinutesApprovedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Items).WithOne(i => i.Meeting).HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attendance).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attachments).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(m => m.ItemsInOrder);
        builder.Ignore(m => m.IsAgendaFrozen);
        builder.Ignore(m => m.IsCancelled);
        builder.Ignore(m => m.CanBeDeleted);
        builder.Property(m => m.CancellationReason).HasMaxLength(500);
    }
}

internal sealed class AgendaItemConfiguration : EntityConfiguration<AgendaItem>
{
    protected override void ConfigureEntity(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(8);
        builder.HasIndex(i => new { i.MeetingId, i.Number }).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(500);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.Decision).HasMaxLength(4000);
        builder.Property(i => i.WithdrawnReason).HasMaxLength(1000);
        builder.HasOne(i => i.Parent).WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.ParsedNumber);
    }
}

internal sealed class AttendanceConfiguration : EntityConfiguration<Attendance>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Attendance> builder)
    {
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Affiliation).HasMaxLength(200);
        builder.HasIndex(a => new { a.MeetingId, a.PersonId }).IsUnique();
        // A person's attendance with its meeting and status in the index (issue 17): the person page counts it per year
        // and status without reading the attendance rows.
        builder.HasIndex(a => new { a.PersonId, a.MeetingId, a.Status }).HasDatabaseName("IX_Attendance_PersonId_Covering");
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.SubstituteFor).WithMany().HasForeignKey(a => a.SubstituteForId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.GuestItems).WithMany().UsingEntity(
            "AttendanceGuestItems",
            r => r.HasOne(typeof(AgendaItem)).WithMany().HasForeignKey("AgendaItemId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Attendance)).WithMany().HasForeignKey("AttendanceId").OnDelete(DeleteBehavior.Cascade));
    }
}

internal sealed class AttachmentConfiguration : EntityConfiguration<Attachment>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.MediaType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(a => a.Sha256);
        builder.HasOne(a => a.AgendaItem).WithMany().HasForeignKey(a => a.AgendaItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ImportNoteConfiguration : EntityConfiguration<ImportNote>
{
    protected override void ConfigureEntity(EntityTypeBuilder<ImportNote> builder)
    {
        builder.Property(n => n.Field).HasMaxLength(100);
        builder.Property(n => n.Reason).HasMaxLength(1000);
        builder.HasOne(n => n.Meeting).WithMany().HasForeignKey(n => n.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileConfiguration : EntityConfiguration<Core.Files.StoredFile>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Core.Files.StoredFile> builder)
    {
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.HasIndex(f => f.Sha256).IsUnique();
        builder.Property(f => f.MediaType).HasMaxLength(100);
    }
}

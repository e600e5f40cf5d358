using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Registry;

namespace Protokol.Data.Configurations;

internal sealed class BodyConfiguration : EntityConfiguration<Body>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Body> builder)
    {
        builder.Property(b => b.Key).HasMaxLength(100);
        builder.HasIndex(b => b.Key).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Website).HasMaxLength(500);
        builder.HasMany(b => b.Organizations).WithOne(o => o.Body).HasForeignKey(o => o.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationConfiguration : EntityConfiguration<Organization>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Slug).HasMaxLength(100);
        builder.HasIndex(o => new { o.BodyId, o.Slug }).IsUnique();
        builder.HasIndex(o => o.Slug);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.ShortName).HasMaxLength(50);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Purpose).HasMaxLength(4000);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.HasMany(o => o.Terms).WithOne(t => t.Organization).HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(o => o.StandingItems, items =>
        {
            items.ToTable("StandingItems");
            items.WithOwner().HasForeignKey("OrganizationId");
            items.HasKey(s => s.Id);
            items.Property(s => s.Title).HasMaxLength(300);
            items.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        });
        builder.Navigation(o => o.StandingItems).AutoInclude();
    }
}

internal sealed class TermConfiguration : EntityConfiguration<Term>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Term> builder) =>
        builder.Property(t => t.Name).HasMaxLength(100);
}

internal sealed class PersonConfiguration : EntityConfiguration<Person>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => new { p.BodyId, p.Name });

        // The body's people shown by role only (the withheld names every public meeting read and OParl list looks up):
        // found by the index, not by reading every person of the body (issue 17).
        builder.HasIndex(p => new { p.BodyId, p.Publication });
        builder.Property(p => p.Email).HasMaxLength(200);
        builder.Property(p => p.Publication).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.PublicRole).HasMaxLength(100);
        builder.Ignore(p => p.PublicName);
        builder.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(p => p.Aliases, aliases =>
        {
            aliases.ToTable("PersonAliases");
            aliases.WithOwner().HasForeignKey("PersonId");
            aliases.HasKey(a => a.Id);
            aliases.Property(a => a.Name).HasMaxLength(200);
            aliases.HasIndex(a => a.Name);
        });
        builder.Navigation(p => p.Aliases).AutoInclude();
    }
}

internal sealed class MembershipConfiguration : EntityConfiguration<Membership>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.OnBehalfOf).WithMany().HasForeignKey(m => m.OnBehalfOfId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.Term).WithMany().HasForeignKey(m => m.TermId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(m => m.SubstituteFor).WithMany().HasForeignKey(m => m.SubstituteForId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.OrganizationId, m.PersonId });
    }
}

internal sealed class PersonMatchProposalConfiguration : EntityConfiguration<PersonMatchProposal>
{
    protected override void ConfigureEntity(EntityTypeBuilder<PersonMatchProposal> builder)
    {
        builder.Property(p => p.Reason).HasMaxLength(500);
        builder.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Candidate).WithMany().HasForeignKey(p => p.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

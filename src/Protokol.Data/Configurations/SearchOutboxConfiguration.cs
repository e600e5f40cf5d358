using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Data.Search;

namespace Protokol.Data.Configurations;

internal sealed class SearchOutboxConfiguration : IEntityTypeConfiguration<SearchOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SearchOutboxEntry> builder)
    {
        builder.ToTable("SearchOutbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Source).HasMaxLength(40);
    }
}

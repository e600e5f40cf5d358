using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Protokol.Core.Common;

namespace Protokol.Data.Configurations;

/// <summary>What every stored record shares: the key, the timestamps and the concurrency token.</summary>
internal abstract class EntityConfiguration<T> : IEntityTypeConfiguration<T>
    where T : Entity
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Created);
        builder.Property(e => e.Modified);
        builder.HasIndex(e => e.Modified);
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}

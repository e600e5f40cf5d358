using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Protokol.Data.Accounts;

/// <summary>
/// Failed sign-ins counted under one key (a client and address together, a client, or an address) in
/// a window that starts with the first failure. Kept in the database, so every web process of a
/// server installation counts the same failures. The key is a SHA-256 hash: the table holds no
/// e-mail address and no client address.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>Lower-case hex SHA-256 of the key's text.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>When the window began, in Unix seconds (UTC).</summary>
    public long Started { get; set; }

    public int Count { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("SignInFailures");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(64);

        // Expired windows are removed by age.
        builder.HasIndex(f => f.Started);
    }
}

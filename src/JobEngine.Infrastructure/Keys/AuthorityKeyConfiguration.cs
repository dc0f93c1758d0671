using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Keys;

internal sealed class AuthorityKeyConfiguration : IEntityTypeConfiguration<AuthorityKey>
{
    public void Configure(EntityTypeBuilder<AuthorityKey> builder)
    {
        builder.ToTable("authority_keys");
        builder.HasKey(key => key.KeyId);
        builder.Property(key => key.KeyId).HasColumnName("key_id").HasMaxLength(100);
        builder.Property(key => key.Use).HasColumnName("use").HasMaxLength(8).IsRequired();
        builder.Property(key => key.Algorithm).HasColumnName("algorithm").HasMaxLength(16).IsRequired();
        builder.Property(key => key.Material).HasColumnName("material").IsRequired();
        builder.Property(key => key.CreatedAt).HasColumnName("created_at").IsRequired();
        builder.HasIndex(key => new { key.Use, key.CreatedAt }).HasDatabaseName("ix_authority_keys_use_created_at");
    }
}

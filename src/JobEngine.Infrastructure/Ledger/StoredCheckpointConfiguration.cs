using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Ledger;

internal sealed class StoredCheckpointConfiguration : IEntityTypeConfiguration<StoredCheckpoint>
{
    public void Configure(EntityTypeBuilder<StoredCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(checkpoint => new { checkpoint.TenantId, checkpoint.TreeSize });
        builder.Property(checkpoint => checkpoint.TenantId).HasMaxLength(64);
        builder.Property(checkpoint => checkpoint.RootHash).HasMaxLength(32).IsRequired();
        builder.Property(checkpoint => checkpoint.Note).IsRequired();
    }
}

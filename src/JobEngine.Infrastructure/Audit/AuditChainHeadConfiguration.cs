using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Audit;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("audit_chain_heads");
        builder.HasKey(head => head.TenantId);
        builder.Property(head => head.TenantId).HasMaxLength(64);
        builder.Property(head => head.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(head => head.TreeFrontier).IsRequired().HasDefaultValue(Array.Empty<byte>());
        builder.Property(head => head.Sequence).IsConcurrencyToken();
    }
}

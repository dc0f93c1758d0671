using JobEngine.Core.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobEngine.Infrastructure.Audit;

internal sealed class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNode>
{
    public void Configure(EntityTypeBuilder<AuditTreeNode> builder)
    {
        builder.ToTable("audit_tree_nodes");
        builder.HasKey(node => new { node.TenantId, node.Level, node.NodeIndex });
        builder.Property(node => node.TenantId).HasMaxLength(64);
        builder.Property(node => node.Hash).HasMaxLength(MerkleHash.Size).IsRequired();
        builder.Ignore(node => node.Node);
    }
}

using JobEngine.Core.Ledger;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// A stored node of a tenant's Merkle tree: the root hash of a perfect subtree (see
/// <see cref="TreeNode"/>), written in the same transaction as the entry that completes it and
/// never changed after (the table refuses <c>UPDATE</c> and <c>DELETE</c>, like the entries).
/// </summary>
public sealed class AuditTreeNode
{
    private AuditTreeNode()
    {
    }

    public AuditTreeNode(string tenantId, TreeNode node, byte[] hash)
    {
        TenantId = tenantId;
        Level = node.Level;
        NodeIndex = node.Index;
        Hash = hash;
    }

    public string TenantId { get; private set; } = "";

    public int Level { get; private set; }

    public long NodeIndex { get; private set; }

    public byte[] Hash { get; private set; } = [];

    public TreeNode Node => new(Level, NodeIndex);
}

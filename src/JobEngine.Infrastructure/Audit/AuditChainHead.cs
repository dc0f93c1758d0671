using JobEngine.Core.Ledger;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The last entry of a tenant's chain, and the right edge of its Merkle tree (the tree has one
/// leaf per entry, so its size is <see cref="Sequence"/>). Appends lock this row within their
/// transaction, so a tenant's entries are numbered and linked one after another, the chain never
/// forks, and the tree grows without reading any other node.
/// </summary>
public sealed class AuditChainHead
{
    private AuditChainHead(string tenantId, long sequence, string contentHash)
    {
        TenantId = tenantId;
        Sequence = sequence;
        ContentHash = contentHash;
    }

    public string TenantId { get; private set; }

    public long Sequence { get; private set; }

    public string ContentHash { get; private set; }

    /// <summary>The stored form of <see cref="Tree"/>: the right edge's subtree roots, concatenated.</summary>
    public byte[] TreeFrontier { get; private set; } = [];

    public static AuditChainHead Genesis(string tenantId) => new(tenantId, 0, Core.Audit.AuditEntry.GenesisHash);

    /// <summary>A copy that moves on its own (its frontier is replaced, never changed in place, on a move).</summary>
    public AuditChainHead Copy() => new(TenantId, Sequence, ContentHash) { TreeFrontier = TreeFrontier };

    /// <summary>Whether the tree matches the chain; false for a chain that existed before the tree did (see <see cref="AuditTreeBackfill"/>).</summary>
    public bool HasTree => Core.Ledger.TreeFrontier.TryParse(Sequence, TreeFrontier, out _);

    public TreeFrontier Tree() => Core.Ledger.TreeFrontier.TryParse(Sequence, TreeFrontier, out var tree)
        ? tree
        : throw new InvalidOperationException($"The Merkle tree of tenant '{TenantId}' does not match its chain at {Sequence}.");

    /// <summary>Moves the head to the next entry; returns the stored tree nodes that entry completes, to be written with it.</summary>
    public List<(TreeNode Node, byte[] Hash)> MoveTo(long sequence, string contentHash)
    {
        if (sequence != Sequence + 1)
        {
            throw new InvalidOperationException($"The chain of tenant '{TenantId}' is at {Sequence}; {sequence} cannot follow.");
        }

        var completed = new List<(TreeNode Node, byte[] Hash)>(2);
        TreeFrontier = Tree().Append(Convert.FromHexString(contentHash), completed).ToBytes();
        completed.RemoveAll(node => !node.Node.IsStored);
        Sequence = sequence;
        ContentHash = contentHash;
        return completed;
    }

    /// <summary>
    /// Moves the head to the next entry and drops the tree (see <see cref="AuditTreeUpkeep"/>:
    /// benchmark servers only), so that the next start rebuilds it rather than trusting a stale edge.
    /// </summary>
    internal void MoveWithoutTree(long sequence, string contentHash)
    {
        if (sequence != Sequence + 1)
        {
            throw new InvalidOperationException($"The chain of tenant '{TenantId}' is at {Sequence}; {sequence} cannot follow.");
        }

        TreeFrontier = [];
        Sequence = sequence;
        ContentHash = contentHash;
    }

    /// <summary>Sets the tree rebuilt from the chain's entries (see <see cref="AuditTreeBackfill"/>).</summary>
    public void RebuildTree(TreeFrontier tree)
    {
        if (tree.Size != Sequence)
        {
            throw new InvalidOperationException($"A tree of {tree.Size} leaves does not fit the chain of tenant '{TenantId}' at {Sequence}.");
        }

        TreeFrontier = tree.ToBytes();
    }
}

namespace JobEngine.Core.Ledger;

/// <summary>
/// A node of a tenant's Merkle tree that is the root of a perfect subtree: it covers the
/// <c>2^Level</c> leaves starting at <see cref="FirstLeaf"/>. Such nodes never change once the leaves
/// under them exist, so the store only appends them.
/// </summary>
public readonly record struct TreeNode(int Level, long Index)
{
    /// <summary>
    /// Nodes below this level are not stored: each one is recomputed from the at most 8 entries under
    /// it, whose leaves are their content hashes. A proof or root needs at most a couple of such runs
    /// of entries, read with its stored nodes, while an append then stores a node for one entry in
    /// eight rather than two per entry, and the stored nodes were most of what the tree cost an append.
    /// </summary>
    public const int LowestStoredLevel = 4;

    public bool IsStored => Level >= LowestStoredLevel;

    /// <summary>The index of the first leaf under this node (the leaf of the entry whose sequence is one more).</summary>
    public long FirstLeaf => Index << Level;

    public long LeafCount => 1L << Level;
}

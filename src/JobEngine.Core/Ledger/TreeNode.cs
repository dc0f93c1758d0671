namespace JobEngine.Core.Ledger;

/// <summary>
/// A node of a tenant's Merkle tree that is the root of a perfect subtree: it covers the
/// <c>2^Level</c> leaves starting at <c>Index * 2^Level</c>. Only such nodes are ever stored; they
/// never change once the leaves under them exist, so the store only appends them.
/// </summary>
public readonly record struct TreeNode(int Level, long Index);

using System.Diagnostics.CodeAnalysis;

namespace JobEngine.Core.Ledger;

/// <summary>
/// The right edge of a tenant's Merkle tree: the roots of the perfect subtrees that together hold
/// its <see cref="Size"/> leaves, largest first (one per bit set in the size). Enough to append the
/// next leaf and to compute the root without reading anything else, so the chain head keeps it.
/// </summary>
public sealed class TreeFrontier
{
    private readonly byte[][] _roots;

    private TreeFrontier(long size, byte[][] roots)
    {
        Size = size;
        _roots = roots;
    }

    public static TreeFrontier Empty { get; } = new(0, []);

    public long Size { get; }

    /// <summary>The tree's root hash (RFC 9162 MTH): the subtree roots folded from the right.</summary>
    public byte[] Root()
    {
        if (_roots.Length == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var root = _roots[^1];
        for (var i = _roots.Length - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_roots[i], root);
        }

        return root;
    }

    /// <summary>
    /// The frontier after appending one leaf, and the nodes that leaf completes: its own leaf node,
    /// then each perfect subtree it closes, smallest first.
    /// </summary>
    public TreeFrontier Append(ReadOnlySpan<byte> leafData, List<(TreeNode Node, byte[] Hash)> completed)
    {
        var roots = new List<byte[]>(_roots);
        var node = new TreeNode(0, Size);
        var hash = MerkleHash.Leaf(leafData);
        completed.Add((node, hash));

        // The subtrees on the right edge have the levels of the size's set bits; a new leaf merges
        // with each one of the next level up, as adding one carries through the trailing ones.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleHash.Node(roots[^1], hash);
            roots.RemoveAt(roots.Count - 1);
            node = new TreeNode(node.Level + 1, node.Index >> 1);
            completed.Add((node, hash));
        }

        roots.Add(hash);
        return new TreeFrontier(Size + 1, [.. roots]);
    }

    /// <summary>The subtree roots, concatenated, for storage beside the size.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[_roots.Length * MerkleHash.Size];
        for (var i = 0; i < _roots.Length; i++)
        {
            _roots[i].CopyTo(bytes, i * MerkleHash.Size);
        }

        return bytes;
    }

    public static bool TryParse(long size, ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out TreeFrontier? frontier)
    {
        frontier = null;
        var count = long.PopCount(size);
        if (size < 0 || bytes.Length != count * MerkleHash.Size)
        {
            return false;
        }

        var roots = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            roots[i] = bytes.Slice(i * MerkleHash.Size, MerkleHash.Size).ToArray();
        }

        frontier = new TreeFrontier(size, roots);
        return true;
    }
}

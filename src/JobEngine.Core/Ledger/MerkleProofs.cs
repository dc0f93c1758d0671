namespace JobEngine.Core.Ledger;

/// <summary>
/// RFC 9162 inclusion and consistency proofs (sections 2.1.3.1 and 2.1.4.1) and tree heads, built
/// from the roots of perfect subtrees (<see cref="TreeNode"/>s, which the caller reads or recomputes). Every subtree the algorithms need is either such a
/// node or a right-edge subtree made of at most log2(n) of them, so a proof reads O(log n) nodes.
/// A proof is computed twice: first to learn which nodes it needs (<see cref="NodesFor"/>), so the
/// caller can read them in one query, then with their hashes.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The nodes that <paramref name="compute"/> reads.</summary>
    public static IReadOnlyCollection<TreeNode> NodesFor(Func<Func<TreeNode, byte[]>, object> compute)
    {
        var needed = new HashSet<TreeNode>();
        compute(node =>
        {
            needed.Add(node);
            return new byte[MerkleHash.Size];
        });
        return needed;
    }

    /// <summary>MTH of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(long size, Func<TreeNode, byte[]> node) =>
        size == 0 ? MerkleHash.EmptyRoot : Subtree(0, size, node);

    /// <summary>The audit path of leaf <paramref name="leafIndex"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static List<byte[]> Inclusion(long leafIndex, long size, Func<TreeNode, byte[]> node)
    {
        if (leafIndex < 0 || leafIndex >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {size}.");
        }

        var path = new List<byte[]>();
        Path(leafIndex, 0, size, node, path);
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>.</summary>
    public static List<byte[]> Consistency(long first, long second, Func<TreeNode, byte[]> node)
    {
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"A tree of {first} cannot be a prefix of one of {second}.");
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, complete: true, node, proof);
        }

        return proof;
    }

    /// <summary>PATH(m, D[start:end]), appending to <paramref name="path"/> leaf-side first.</summary>
    private static void Path(long leaf, long start, long end, Func<TreeNode, byte[]> node, List<byte[]> path)
    {
        if (end - start == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (leaf - start < k)
        {
            Path(leaf, start, start + k, node, path);
            path.Add(Subtree(start + k, end - start - k, node));
        }
        else
        {
            Path(leaf, start + k, end, node, path);
            path.Add(Subtree(start, k, node));
        }
    }

    /// <summary>SUBPROOF(m, D[start:end], b) of RFC 9162 section 2.1.4.1, with m counted from <paramref name="start"/>.</summary>
    private static void SubProof(long m, long start, long end, bool complete, Func<TreeNode, byte[]> node, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, n, node));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, node, proof);
            proof.Add(Subtree(start + k, n - k, node));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, node, proof);
            proof.Add(Subtree(start, k, node));
        }
    }

    /// <summary>MTH of the <paramref name="count"/> leaves from <paramref name="start"/>: a node when perfect and aligned, else split.</summary>
    private static byte[] Subtree(long start, long count, Func<TreeNode, byte[]> node)
    {
        if (long.IsPow2(count) && start % count == 0)
        {
            return node(new TreeNode(int.CreateChecked(long.Log2(count)), start / count));
        }

        var k = LargestPowerOfTwoBelow(count);
        return MerkleHash.Node(Subtree(start, k, node), Subtree(start + k, count - k, node));
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static long LargestPowerOfTwoBelow(long n) => 1L << (int)long.Log2(n - 1);
}

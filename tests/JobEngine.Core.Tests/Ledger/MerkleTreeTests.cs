using JobEngine.Core.Ledger;

namespace JobEngine.Core.Tests.Ledger;

/// <summary>
/// The tree against RFC 6962/9162's published test vectors (transparency-dev/merkle's
/// testonly/constants.go: the eight reference leaves, the root of every size, and their proofs),
/// then every proof of every size up to 40 against the client-side verifier.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[][] ReferenceLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    private static readonly string[] ReferenceRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void TheFrontier_AndTheStoredNodes_GiveTheReferenceRootOfEverySize()
    {
        var (frontiers, nodes) = Build(ReferenceLeaves);
        for (var size = 0; size <= ReferenceLeaves.Length; size++)
        {
            Assert.Equal(ReferenceRoots[size], Hex(frontiers[size].Root()));
            Assert.Equal(ReferenceRoots[size], Hex(MerkleProofs.Root(size, node => nodes[node])));
        }
    }

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    public void InclusionProofs_AreTheReferenceOnes(long leaf, long size, string expected)
    {
        var (_, nodes) = Build(ReferenceLeaves);

        var proof = MerkleProofs.Inclusion(leaf, size, node => nodes[node]);

        Assert.Equal(expected.Split(','), proof.Select(Hex));
        Assert.True(MerkleVerifier.VerifyInclusion(leaf, size, MerkleHash.Leaf(ReferenceLeaves[leaf]), proof, Convert.FromHexString(ReferenceRoots[size])));
    }

    [Theory]
    [InlineData(2, 8, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void ConsistencyProofs_AreTheReferenceOnes(long first, long second, string expected)
    {
        var (_, nodes) = Build(ReferenceLeaves);

        var proof = MerkleProofs.Consistency(first, second, node => nodes[node]);

        Assert.Equal(expected.Split(','), proof.Select(Hex));
        Assert.True(MerkleVerifier.VerifyConsistency(first, second,
            Convert.FromHexString(ReferenceRoots[first]), Convert.FromHexString(ReferenceRoots[second]), proof));
    }

    [Fact]
    public void EveryProofOfEverySize_Verifies_AndATamperedOneDoesNot()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => new[] { (byte)i, (byte)(i * 7) }).ToArray();
        var (frontiers, nodes) = Build(leaves);
        for (var size = 1; size <= leaves.Length; size++)
        {
            var root = frontiers[size].Root();
            for (var leaf = 0; leaf < size; leaf++)
            {
                var path = MerkleProofs.Inclusion(leaf, size, node => nodes[node]);
                Assert.True(MerkleVerifier.VerifyInclusion(leaf, size, MerkleHash.Leaf(leaves[leaf]), path, root));
                Assert.False(MerkleVerifier.VerifyInclusion(leaf, size, MerkleHash.Leaf([0xFF]), path, root));
                if (path.Count > 0)
                {
                    var tampered = path.Select(hash => (byte[])hash.Clone()).ToList();
                    tampered[^1][0] ^= 1;
                    Assert.False(MerkleVerifier.VerifyInclusion(leaf, size, MerkleHash.Leaf(leaves[leaf]), tampered, root));
                }
            }

            for (var first = 0; first <= size; first++)
            {
                var proof = MerkleProofs.Consistency(first, size, node => nodes[node]);
                Assert.True(MerkleVerifier.VerifyConsistency(first, size, frontiers[first].Root(), root, proof));
                if (first > 0 && first < size)
                {
                    Assert.False(MerkleVerifier.VerifyConsistency(first, size, frontiers[first].Root(), frontiers[size - 1].Root(), proof));
                }
            }
        }
    }

    [Fact]
    public void TheFrontier_RoundTripsThroughItsStoredForm_AndRefusesAFormThatDoesNotFitTheSize()
    {
        var (frontiers, _) = Build(ReferenceLeaves);
        var seven = frontiers[7];

        Assert.True(TreeFrontier.TryParse(7, seven.ToBytes(), out var parsed));
        Assert.Equal(Hex(seven.Root()), Hex(parsed.Root()));
        Assert.False(TreeFrontier.TryParse(8, seven.ToBytes(), out _));
        Assert.False(TreeFrontier.TryParse(3, [], out _));
    }

    [Fact]
    public void AProof_NeedsFewNodes()
    {
        var needed = MerkleProofs.NodesFor(node => MerkleProofs.Inclusion(123_456, 1_000_000, node));

        Assert.InRange(needed.Count, 1, 2 * 20);
    }

    private static (List<TreeFrontier> Frontiers, Dictionary<TreeNode, byte[]> Nodes) Build(byte[][] leaves)
    {
        var frontiers = new List<TreeFrontier> { TreeFrontier.Empty };
        var nodes = new Dictionary<TreeNode, byte[]>();
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        foreach (var leaf in leaves)
        {
            completed.Clear();
            frontiers.Add(frontiers[^1].Append(leaf, completed));
            foreach (var (node, hash) in completed)
            {
                nodes.Add(node, hash);
            }
        }

        return (frontiers, nodes);
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}

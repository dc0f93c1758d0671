using JobEngine.Infrastructure.Audit;

namespace JobEngine.Infrastructure.Tests;

/// <summary>The benchmark-only switch that makes appends skip the Merkle tree.</summary>
public sealed class AuditTreeUpkeepTests
{
    [Fact]
    public void WithoutTheBenchmarkOnlyVariable_AppendsMaintainTheTree()
    {
        Assert.Null(Environment.GetEnvironmentVariable(AuditTreeUpkeep.BenchmarkOnlyVariable));

        Assert.True(AuditTreeUpkeep.FromEnvironment().Maintained);
    }

    [Fact]
    public void AHeadMovedWithoutTheTree_StillChains_AndClaimsNoTree_SoTheNextStartRebuildsIt()
    {
        var head = AuditChainHead.Genesis("acme");
        head.MoveTo(1, Hash(1));

        // Sizes 1 and 2 both have one subtree on the right edge: a right edge left as it was would still parse.
        head.MoveWithoutTree(2, Hash(2));

        Assert.Equal(2, head.Sequence);
        Assert.Equal(Hash(2), head.ContentHash);
        Assert.False(head.HasTree);
        Assert.Throws<InvalidOperationException>(() => head.MoveWithoutTree(4, Hash(4)));
    }

    private static string Hash(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)n]));
}

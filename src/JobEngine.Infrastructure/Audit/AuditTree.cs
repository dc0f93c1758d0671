using JobEngine.Core.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The read side of a tenant's Merkle tree: its size, roots at any size, and RFC 9162 inclusion
/// and consistency proofs, each computed from the O(log n) nodes it needs (stored, or recomputed from
/// the few entries under them), read at once.
/// </summary>
public sealed class AuditTree(JobEngineDbContext db, TreeNodeReader reader)
{
    /// <summary>The tree's size now: the number of entries of the tenant's chain.</summary>
    public async Task<long> SizeAsync(string tenantId, CancellationToken cancellationToken) =>
        await db.AuditChainHeads.AsNoTracking()
            .Where(head => head.TenantId == tenantId)
            .Select(head => (long?)head.Sequence)
            .SingleOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>
    /// The tenants' chain heads now, read at once (a tree's size is its head's sequence, and the head
    /// keeps the right edge the appends built); a tenant without entries is missing.
    /// </summary>
    public Task<Dictionary<string, AuditChainHead>> HeadsAsync(IReadOnlyList<string> tenantIds, CancellationToken cancellationToken) =>
        db.AuditChainHeads.AsNoTracking()
            .Where(head => tenantIds.Contains(head.TenantId))
            .ToDictionaryAsync(head => head.TenantId, cancellationToken);

    public Task<byte[]> RootAsync(string tenantId, long size, CancellationToken cancellationToken) =>
        ComputeAsync(tenantId, node => MerkleProofs.Root(size, node), cancellationToken);

    /// <summary>
    /// The roots at <paramref name="sizes"/>, from one read of the nodes they all need. Each root is
    /// computed when asked for, so a node missing for one of them fails that one only, when asked.
    /// </summary>
    public async Task<Func<long, byte[]>> RootsAsync(string tenantId, IReadOnlyCollection<long> sizes, CancellationToken cancellationToken)
    {
        var hashOf = await ReadAsync(tenantId, MerkleProofs.NodesFor(node => sizes.Select(size => MerkleProofs.Root(size, node)).ToList()), cancellationToken);
        return size => MerkleProofs.Root(size, hashOf);
    }

    /// <summary>The audit path and the root it leads to, from one read of the nodes both need.</summary>
    public Task<InclusionProof> InclusionAsync(string tenantId, long leafIndex, long treeSize, CancellationToken cancellationToken) =>
        ComputeAsync(
            tenantId,
            node => new InclusionProof(leafIndex, treeSize, MerkleProofs.Root(treeSize, node), MerkleProofs.Inclusion(leafIndex, treeSize, node)),
            cancellationToken);

    public async Task<IReadOnlyList<byte[]>> ConsistencyAsync(string tenantId, long first, long second, CancellationToken cancellationToken) =>
        await ComputeAsync(tenantId, node => MerkleProofs.Consistency(first, second, node), cancellationToken);

    /// <summary>Runs <paramref name="compute"/> once to learn the nodes it needs, reads them in one query, then runs it on them.</summary>
    private async Task<T> ComputeAsync<T>(string tenantId, Func<Func<TreeNode, byte[]>, T> compute, CancellationToken cancellationToken)
        where T : class
    {
        return compute(await ReadAsync(tenantId, MerkleProofs.NodesFor(node => compute(node)), cancellationToken));
    }

    /// <summary>The <paramref name="needed"/> nodes' hashes, read in one query; asking for one the tree lacks throws.</summary>
    private async Task<Func<TreeNode, byte[]>> ReadAsync(string tenantId, IReadOnlyCollection<TreeNode> needed, CancellationToken cancellationToken)
    {
        var nodes = await reader.ReadAsync(tenantId, needed, cancellationToken);
        return node => nodes.TryGetValue(node, out var hash)
            ? hash
            : throw new TreeNodeMissingException(tenantId, node);
    }
}

/// <summary>An RFC 9162 inclusion proof: the audit path of one leaf in the tree of <paramref name="TreeSize"/> leaves.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, byte[] RootHash, IReadOnlyList<byte[]> AuditPath);

using JobEngine.Core.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// Builds the Merkle tree of a chain whose entries were written before the tree existed: at
/// start-up, for every tenant whose head carries no tree that matches its chain, the entries'
/// hashes are read in order and the tree's nodes and right edge written, under the head's lock.
/// Once built, appends keep the tree themselves.
/// </summary>
public sealed partial class AuditTreeBackfill(
    JobEngineDbContext db, WriteTransaction transaction, RowLocks locks, TreeNodeReader nodes, AuditTreeUpkeep upkeep,
    ILogger<AuditTreeBackfill> logger)
{
    // Entries read at a time; the stored nodes they complete (about one per eight entries) are written before the next page.
    private const int Page = 1_000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!upkeep.Maintained)
        {
            LogNotMaintained(AuditTreeUpkeep.BenchmarkOnlyVariable);
        }

        var heads = await db.AuditChainHeads.AsNoTracking().Where(head => head.Sequence > 0).ToListAsync(cancellationToken);
        foreach (var stale in heads.Where(head => !head.HasTree))
        {
            var outcome = await transaction.RunAsync<long>(ct => RebuildAsync(stale.TenantId, ct), cancellationToken);
            if (!outcome.TryGet(out var size, out var failure))
            {
                throw new InvalidOperationException($"The Merkle tree of tenant '{stale.TenantId}' could not be built: {failure.Detail}");
            }

            LogBuilt(stale.TenantId, size);
        }
    }

    private async Task<Core.Results.Outcome<long>> RebuildAsync(string tenantId, CancellationToken cancellationToken)
    {
        var head = await locks.ChainHeadAsync(tenantId, cancellationToken)
                   ?? throw new InvalidOperationException($"Tenant '{tenantId}' has no chain head.");
        if (head.HasTree)
        {
            return head.Sequence;
        }

        var tree = TreeFrontier.Empty;
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        while (tree.Size < head.Sequence)
        {
            var after = tree.Size;
            var hashes = await db.AuditEntries.AsNoTracking()
                .Where(entry => entry.TenantId == tenantId && entry.Sequence > after && entry.Sequence <= head.Sequence)
                .OrderBy(entry => entry.Sequence)
                .Select(entry => entry.ContentHash)
                .Take(Page)
                .ToListAsync(cancellationToken);
            if (hashes.Count == 0)
            {
                throw new InvalidOperationException($"The chain of tenant '{tenantId}' ends at {after}, before its head at {head.Sequence}.");
            }

            completed.Clear();
            foreach (var hash in hashes)
            {
                tree = tree.Append(Convert.FromHexString(hash), completed);
            }

            completed.RemoveAll(node => !node.Node.IsStored);

            // A head whose tree does not fit its chain may also be one moved back by hand: the nodes it
            // already has stay as they are (the checkpoints judge them), only missing ones are added.
            var existing = await nodes.ReadAsync(tenantId, [.. completed.Select(node => node.Node)], cancellationToken);
            await MultiRowInsert.InsertAsync(
                db,
                [.. completed.Where(node => !existing.ContainsKey(node.Node)).Select(node => new AuditTreeNode(tenantId, node.Node, node.Hash))],
                cancellationToken);
        }

        head.RebuildTree(tree);
        return head.Sequence;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Variable} is set: appends do not maintain the Merkle tree, so new entries cannot be proven or checkpointed until a start without it. For benchmarks only")]
    private partial void LogNotMaintained(string variable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the Merkle tree of tenant {Tenant}: {Size} leaves")]
    private partial void LogBuilt(string tenant, long size);
}

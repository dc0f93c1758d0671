using JobEngine.Infrastructure.Caching;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The chain heads this process's ledger batches last committed, so that a tenant's next batch
/// need not read and lock its head before it begins: it appends onto the remembered head, and the
/// head's update at the commit, conditional on the remembered sequence (its concurrency token),
/// locks the row and fails if another process appended meanwhile. Such a batch forgets the heads
/// it held and runs again on heads read and locked (see the ledger writer). Bounded: a tenant it
/// no longer remembers costs its next batch the read.
/// </summary>
public sealed class ChainHeadMemory(TimeProvider time)
{
    public const int Capacity = 10_000;

    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    private readonly ExpiringMap<string, AuditChainHead> _heads = new(time, Capacity);

    /// <summary>A copy of the head the last committed batch of <paramref name="tenantId"/> left, if remembered.</summary>
    public AuditChainHead? Recall(string tenantId) => _heads.TryGet(tenantId, out var head) ? head.Copy() : null;

    public void Remember(AuditChainHead head) => _heads.Set(head.TenantId, head.Copy(), _heads.Now + Kept);

    public void Forget(string tenantId) => _heads.Remove(tenantId);
}

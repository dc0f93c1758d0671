namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The last entry of a tenant's chain. Appends lock this row within their transaction, so a
/// tenant's entries are numbered and linked one after another and the chain never forks.
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

    public static AuditChainHead Genesis(string tenantId) => new(tenantId, 0, Core.Audit.AuditEntry.GenesisHash);

    public void MoveTo(long sequence, string contentHash)
    {
        if (sequence != Sequence + 1)
        {
            throw new InvalidOperationException($"The chain of tenant '{TenantId}' is at {Sequence}; {sequence} cannot follow.");
        }

        Sequence = sequence;
        ContentHash = contentHash;
    }
}

using JobEngine.Core.Audit;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The tenant-scoped, append-only audit ledger. There is no update and no delete: entries are
/// appended inside the caller's transaction and read back.
/// </summary>
public interface IAuditRepository
{
    /// <summary>
    /// Seals <paramref name="record"/> as the next entry of its tenant's chain and adds it, with the
    /// tree nodes it completes, to the <see cref="LedgerRows"/> of the current transaction: the
    /// <see cref="LedgerBatch"/> that writes and commits them together with its change.
    /// </summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<AuditEntry?> GetAsync(string tenantId, Guid entryId, CancellationToken cancellationToken);

    /// <summary>One page in ascending sequence, after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(
        string tenantId, AuditQuery query, long? afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>One page in descending sequence, before <paramref name="beforeSequence"/>: the newest entries first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryNewestFirstAsync(
        string tenantId, AuditQuery query, long? beforeSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Every entry of the tenant (or those <paramref name="query"/> selects) in ascending sequence, read as it is consumed (constant memory).</summary>
    IAsyncEnumerable<AuditEntry> StreamAsync(string tenantId, AuditQuery? query = null, CancellationToken cancellationToken = default);
}

using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Ledger.Sinks;

/// <summary>
/// The sinks' cursors in the store, leased to one process at a time. Each call is one statement
/// (or one insert) on one tenant's row: conditional updates decide who holds a lease, so
/// processes need no other coordination.
/// </summary>
public sealed class SinkCursors(JobEngineDbContext db, WriteGate gate)
{
    public const int MaxSinkIdLength = 300;

    /// <summary>
    /// Takes or renews the lease of <paramref name="owner"/> on the cursor until
    /// <paramref name="expiresAt"/> and answers the delivered sequence, or null while another
    /// process holds an unexpired lease.
    /// </summary>
    public async Task<long?> LeaseAsync(string tenantId, string sinkId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        var taken = await Cursor(tenantId, sinkId)
            .Where(cursor => cursor.LeaseOwner == owner || cursor.LeaseOwner == null || cursor.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(set => set
                .SetProperty(cursor => cursor.LeaseOwner, owner)
                .SetProperty(cursor => cursor.LeaseExpiresAt, expiresAt), cancellationToken);
        if (taken == 1)
        {
            return await Cursor(tenantId, sinkId).Select(cursor => cursor.DeliveredSequence).SingleAsync(cancellationToken);
        }

        if (await Cursor(tenantId, sinkId).AnyAsync(cancellationToken))
        {
            return null;
        }

        db.SinkCursors.Add(SinkCursor.LeasedBy(tenantId, sinkId, owner, expiresAt));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }
        catch (DbUpdateException exception) when (StoreFailures.IsUniqueViolation(exception))
        {
            // Another process made the cursor first, and holds it.
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Moves the cursor to <paramref name="deliveredSequence"/> if <paramref name="owner"/> still holds the lease; false when it lost it.</summary>
    public async Task<bool> AdvanceAsync(string tenantId, string sinkId, string owner, long deliveredSequence, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(cancellationToken);
        return await Cursor(tenantId, sinkId)
            .Where(cursor => cursor.LeaseOwner == owner && cursor.DeliveredSequence < deliveredSequence)
            .ExecuteUpdateAsync(set => set
                .SetProperty(cursor => cursor.DeliveredSequence, deliveredSequence)
                .SetProperty(cursor => cursor.LeaseExpiresAt, expiresAt), cancellationToken) == 1;
    }

    /// <summary>How far <paramref name="sinkId"/> has acknowledged each tenant's ledger, whoever delivers it.</summary>
    public Task<Dictionary<string, long>> DeliveredAsync(string sinkId, CancellationToken cancellationToken) =>
        db.SinkCursors.AsNoTracking().Where(cursor => cursor.SinkId == sinkId)
            .ToDictionaryAsync(cursor => cursor.TenantId, cursor => cursor.DeliveredSequence, StringComparer.Ordinal, cancellationToken);

    /// <summary>Every tenant with a ledger and its newest sequence.</summary>
    public Task<Dictionary<string, long>> HeadsAsync(CancellationToken cancellationToken) =>
        db.AuditChainHeads.AsNoTracking().ToDictionaryAsync(head => head.TenantId, head => head.Sequence, StringComparer.Ordinal, cancellationToken);

    private IQueryable<SinkCursor> Cursor(string tenantId, string sinkId) =>
        db.SinkCursors.Where(cursor => cursor.TenantId == tenantId && cursor.SinkId == sinkId);
}

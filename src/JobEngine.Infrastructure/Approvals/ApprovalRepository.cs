using JobEngine.Core.Approvals;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Approvals;

/// <summary>
/// Approval requests of one tenant at a time. Requests change only inside the ledger writer's
/// batches, and a request read for a change is locked until the batch ends, so that two processes
/// deciding it (an approval and an expiry) take turns and the second sees what the first decided.
/// </summary>
public sealed class ApprovalRepository(JobEngineDbContext db, RowLocks locks)
{
    public void Add(ApprovalRequest request) => db.ApprovalRequests.Add(request);

    /// <summary>The request, locked and tracked for a change within the ledger writer's batch.</summary>
    public async Task<ApprovalRequest?> FindForUpdateAsync(string tenantId, Guid id, CancellationToken cancellationToken) =>
        db.ApprovalRequests.Local.FirstOrDefault(request => request.TenantId == tenantId && request.Id == id)
        ?? await locks.ApprovalRequestAsync(tenantId, id, cancellationToken);

    public Task<ApprovalRequest?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken) =>
        db.ApprovalRequests.AsNoTracking().SingleOrDefaultAsync(request => request.TenantId == tenantId && request.Id == id, cancellationToken);

    /// <summary>One page of the tenant's requests in id order (ids are time-ordered), after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> ListAsync(
        string tenantId, ApprovalStatus? status, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = db.ApprovalRequests.AsNoTracking().Where(request => request.TenantId == tenantId);
        if (status is { } wanted)
        {
            query = query.Where(request => request.Status == wanted);
        }

        if (afterId is { } after)
        {
            query = query.Where(request => request.Id.CompareTo(after) > 0);
        }

        return await query.OrderBy(request => request.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Pending requests past their expiry, of every tenant: what the expiry sweep records, each in its own tenant's batch.</summary>
    public async Task<IReadOnlyList<(string TenantId, Guid Id)>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.ApprovalRequests.AsNoTracking()
            .Where(request => request.Status == ApprovalStatus.Pending && request.ExpiresAt <= now)
            .OrderBy(request => request.ExpiresAt)
            .Take(limit)
            .Select(request => new { request.TenantId, request.Id })
            .ToListAsync(cancellationToken);
        return [.. due.Select(request => (request.TenantId, request.Id))];
    }
}

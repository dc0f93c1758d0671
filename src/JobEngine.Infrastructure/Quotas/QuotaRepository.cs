using JobEngine.Core.Quotas;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Quotas;

/// <summary>Quotas of one tenant at a time.</summary>
public sealed class QuotaRepository(JobEngineDbContext db, RowLocks locks)
{
    public void Add(Quota quota) => db.Quotas.Add(quota);

    /// <summary>The quota, locked and tracked for a change within the current write transaction.</summary>
    public Task<Quota?> FindForUpdateAsync(string tenantId, string jobType, CancellationToken cancellationToken) =>
        locks.QuotaAsync(tenantId, jobType, cancellationToken);

    public Task<Quota?> GetAsync(string tenantId, string jobType, CancellationToken cancellationToken) =>
        db.Quotas.AsNoTracking().SingleOrDefaultAsync(quota => quota.TenantId == tenantId && quota.JobType == jobType, cancellationToken);

    /// <summary>One page of quotas in job type order, after <paramref name="afterJobType"/>.</summary>
    public async Task<IReadOnlyList<Quota>> ListAsync(string tenantId, string? afterJobType, int limit, CancellationToken cancellationToken)
    {
        var query = db.Quotas.AsNoTracking().Where(quota => quota.TenantId == tenantId);
        if (afterJobType is not null)
        {
            query = query.Where(quota => string.Compare(quota.JobType, afterJobType) > 0);
        }

        return await query.OrderBy(quota => quota.JobType).Take(limit).ToListAsync(cancellationToken);
    }
}

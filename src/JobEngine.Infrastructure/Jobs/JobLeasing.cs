using JobEngine.Core.Jobs;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Jobs;

/// <summary>
/// Hands a worker the best job it may run: of the requested types, not paused, within the
/// quotas, highest priority first and then oldest. The claim runs in one write transaction,
/// so two workers never get the same job.
/// </summary>
public sealed class JobLeasing(JobEngineDbContext db, WriteTransaction transaction)
{
    public Task<Outcome<Job?>> LeaseAsync(
        string tenantId, string workerId, IReadOnlyCollection<string> jobTypes, TimeSpan duration, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        transaction.RunAsync<Job?>(async ct =>
        {
            await ReclaimExpiredLeasesAsync(tenantId, jobTypes, now, ct);

            var paused = await db.JobTypeControls
                .Where(control => control.TenantId == tenantId && control.Paused && jobTypes.Contains(control.JobType))
                .Select(control => control.JobType)
                .ToListAsync(ct);
            var quotas = await db.Quotas
                .Where(quota => quota.TenantId == tenantId && jobTypes.Contains(quota.JobType))
                .ToDictionaryAsync(quota => quota.JobType, StringComparer.Ordinal, ct);
            var active = await db.Jobs
                .Where(job => job.TenantId == tenantId && job.Status == JobStatus.Leased && jobTypes.Contains(job.JobType))
                .GroupBy(job => job.JobType)
                .Select(group => new { JobType = group.Key, Count = group.Count() })
                .ToDictionaryAsync(group => group.JobType, group => group.Count, StringComparer.Ordinal, ct);

            var eligible = jobTypes
                .Where(type => !paused.Contains(type, StringComparer.Ordinal))
                .Where(type => !quotas.TryGetValue(type, out var quota) || quota.Admits(active.GetValueOrDefault(type), now))
                .ToList();
            if (eligible.Count == 0)
            {
                return (Job?)null;
            }

            var job = await db.Jobs
                .Where(job => job.TenantId == tenantId && job.Status == JobStatus.Pending && eligible.Contains(job.JobType)
                              && (job.NotBefore == null || job.NotBefore <= now))
                .OrderByDescending(job => job.Priority)
                .ThenBy(job => job.CreatedAt)
                .ThenBy(job => job.Id)
                .FirstOrDefaultAsync(ct);
            if (job is null)
            {
                return (Job?)null;
            }

            var leased = job.Lease(workerId, duration, now);
            if (!leased.Succeeded)
            {
                return leased.Failure!;
            }

            if (quotas.TryGetValue(job.JobType, out var limit))
            {
                limit.ConsumeLease(now);
            }

            return job;
        }, cancellationToken);

    /// <summary>Returns jobs whose lease ran out to Pending (or Failed) so they count neither as active nor stay stuck.</summary>
    private async Task ReclaimExpiredLeasesAsync(string tenantId, IReadOnlyCollection<string> jobTypes, DateTimeOffset now, CancellationToken ct)
    {
        var expired = await db.Jobs
            .Where(job => job.TenantId == tenantId && job.Status == JobStatus.Leased && jobTypes.Contains(job.JobType)
                          && job.LeaseUntil < now)
            .ToListAsync(ct);
        if (expired.Count == 0)
        {
            return;
        }

        foreach (var job in expired)
        {
            job.ExpireLease(now);
        }

        await db.SaveChangesAsync(ct);
    }
}

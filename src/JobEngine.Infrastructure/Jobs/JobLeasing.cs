using JobEngine.Core.Jobs;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Jobs;

/// <summary>
/// Hands a worker the best job it may run: of the requested types, not paused, within the
/// quotas, highest priority first and then oldest. The claim runs in one write transaction with
/// the job row locked (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>), so two workers, in one process
/// or many, never get the same job.
/// </summary>
public sealed class JobLeasing(JobEngineDbContext db, RowLocks locks, WriteTransaction transaction)
{
    public Task<Outcome<Job?>> LeaseAsync(
        string tenantId, string workerId, IReadOnlyCollection<string> jobTypes, TimeSpan duration, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var types = jobTypes.ToArray();
        return transaction.RunAsync<Job?>(async ct =>
        {
            await ReclaimExpiredLeasesAsync(tenantId, types, now, ct);

            var paused = await db.JobTypeControls
                .Where(control => control.TenantId == tenantId && control.Paused && types.Contains(control.JobType))
                .Select(control => control.JobType)
                .ToListAsync(ct);
            var quotas = (await locks.QuotasAsync(tenantId, types, ct)).ToDictionary(quota => quota.JobType, StringComparer.Ordinal);
            var active = await ActiveLeasesAsync(tenantId, [.. quotas.Keys], ct);

            var eligible = types
                .Where(type => !paused.Contains(type, StringComparer.Ordinal))
                .Where(type => !quotas.TryGetValue(type, out var quota) || quota.Admits(active.GetValueOrDefault(type), now))
                .ToArray();
            if (eligible.Length == 0 || await locks.NextLeasableJobAsync(tenantId, eligible, now, ct) is not { } job)
            {
                return (Job?)null;
            }

            if (!job.Lease(workerId, duration, now).TryGet(out _, out var refused))
            {
                return refused;
            }

            if (quotas.TryGetValue(job.JobType, out var limit))
            {
                limit.ConsumeLease(now);
            }

            return job;
        }, cancellationToken);
    }

    /// <summary>How many jobs of each of <paramref name="jobTypes"/> are leased: what their quotas count (no query when no quota applies).</summary>
    private async Task<Dictionary<string, int>> ActiveLeasesAsync(string tenantId, string[] jobTypes, CancellationToken ct) =>
        jobTypes.Length == 0
            ? new Dictionary<string, int>(StringComparer.Ordinal)
            : await db.Jobs
                .Where(job => job.TenantId == tenantId && job.Status == JobStatus.Leased && jobTypes.Contains(job.JobType))
                .GroupBy(job => job.JobType)
                .Select(group => new { JobType = group.Key, Count = group.Count() })
                .ToDictionaryAsync(group => group.JobType, group => group.Count, StringComparer.Ordinal, ct);

    /// <summary>Returns jobs whose lease ran out to Pending (or Failed) so they count neither as active nor stay stuck.</summary>
    private async Task ReclaimExpiredLeasesAsync(string tenantId, string[] jobTypes, DateTimeOffset now, CancellationToken ct)
    {
        var expired = await locks.ExpiredLeasesAsync(tenantId, jobTypes, now, ct);
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

using JobEngine.Core.Jobs;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Jobs;

/// <summary>Jobs of one tenant at a time: every query is bounded by the tenant it is given.</summary>
public sealed class JobRepository(JobEngineDbContext db, RowLocks locks)
{
    public void Add(Job job) => db.Jobs.Add(job);

    /// <summary>The job, locked and tracked for a change within the current write transaction.</summary>
    public Task<Job?> FindForUpdateAsync(string tenantId, Guid jobId, CancellationToken cancellationToken) =>
        locks.JobAsync(tenantId, jobId, cancellationToken);

    public Task<Job?> GetAsync(string tenantId, Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.TenantId == tenantId && job.Id == jobId, cancellationToken);

    public Task<Job?> FindByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(
            job => job.TenantId == tenantId && job.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>One page of jobs in id order (ids are time-ordered), after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(
        string tenantId, JobStatus? status, string? jobType, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = db.Jobs.AsNoTracking().Where(job => job.TenantId == tenantId);
        if (status is { } wanted)
        {
            query = query.Where(job => job.Status == wanted);
        }

        if (jobType is not null)
        {
            query = query.Where(job => job.JobType == jobType);
        }

        if (afterId is { } after)
        {
            query = query.Where(job => job.Id.CompareTo(after) > 0);
        }

        return await query.OrderBy(job => job.Id).Take(limit).ToListAsync(cancellationToken);
    }
}

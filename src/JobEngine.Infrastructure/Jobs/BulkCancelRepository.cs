using JobEngine.Core.Jobs;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Jobs;

/// <summary>
/// Bulk cancels and the jobs they select. A bulk cancel changes only inside the ledger writer's
/// batches; its row is locked while a batch reads and changes it (a chunk that cancels nothing
/// appends no entry, so it does not serialise on the chain head), and the jobs of a chunk are
/// locked like any job an operator action changes.
/// </summary>
public sealed class BulkCancelRepository(JobEngineDbContext db, RowLocks locks)
{
    public void Add(BulkCancel bulk) => db.BulkCancels.Add(bulk);

    public async Task<BulkCancel?> FindForUpdateAsync(string tenantId, Guid batchId, CancellationToken cancellationToken) =>
        db.BulkCancels.Local.FirstOrDefault(bulk => bulk.TenantId == tenantId && bulk.BatchId == batchId)
        ?? await locks.BulkCancelAsync(tenantId, batchId, cancellationToken);

    public Task<BulkCancel?> GetAsync(string tenantId, Guid batchId, CancellationToken cancellationToken) =>
        db.BulkCancels.AsNoTracking().SingleOrDefaultAsync(bulk => bulk.TenantId == tenantId && bulk.BatchId == batchId, cancellationToken);

    /// <summary>Bulk cancels of every tenant that have not completed: an interrupted process left them.</summary>
    public async Task<IReadOnlyList<(string TenantId, Guid BatchId)>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.BulkCancels.AsNoTracking()
            .Where(bulk => bulk.CompletedAt == null)
            .Select(bulk => new { bulk.TenantId, bulk.BatchId })
            .ToListAsync(cancellationToken);
        return [.. unfinished.Select(bulk => (bulk.TenantId, bulk.BatchId))];
    }

    /// <summary>How many of the tenant's jobs match the filter now.</summary>
    public Task<int> CountMatchingAsync(
        string tenantId, string? jobType, JobStatus? status, DateTimeOffset? submittedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        Matching(tenantId, jobType, status, submittedBefore, now).CountAsync(cancellationToken);

    /// <summary>Up to <paramref name="size"/> jobs the bulk cancel still selects, oldest first, locked and tracked.</summary>
    public async Task<List<Job>> NextChunkAsync(BulkCancel bulk, int size, CancellationToken cancellationToken)
    {
        var ids = await Matching(bulk.TenantId, bulk.JobType, bulk.Status, bulk.SubmittedBefore, bulk.StartedAt)
            .OrderBy(job => job.CreatedAt).ThenBy(job => job.Id)
            .Select(job => job.Id)
            .Take(size)
            .ToArrayAsync(cancellationToken);
        return ids.Length == 0 ? [] : await locks.JobsAsync(bulk.TenantId, ids, cancellationToken);
    }

    private IQueryable<Job> Matching(string tenantId, string? jobType, JobStatus? status, DateTimeOffset? submittedBefore, DateTimeOffset createdBy)
    {
        var statuses = status is { } wanted ? [wanted] : BulkCancel.CancelableStatuses.ToArray();
        var query = db.Jobs.AsNoTracking()
            .Where(job => job.TenantId == tenantId && statuses.Contains(job.Status) && job.CreatedAt <= createdBy);
        if (jobType is not null)
        {
            query = query.Where(job => job.JobType == jobType);
        }

        if (submittedBefore is { } before)
        {
            query = query.Where(job => job.CreatedAt < before);
        }

        return query;
    }
}

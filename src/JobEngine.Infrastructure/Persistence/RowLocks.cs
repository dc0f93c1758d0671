using JobEngine.Core.Approvals;
using JobEngine.Core.Jobs;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Quotas;
using JobEngine.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The reads that lock what they read for the rest of the write transaction, in raw SQL because
/// locking semantics need it. On PostgreSQL the rows are locked with
/// <c>FOR UPDATE</c> (and <c>SKIP LOCKED</c> where a worker may take another row instead); on
/// SQLite the write transaction (<c>BEGIN IMMEDIATE</c>) already holds the database's only write
/// lock, so the plain query is equivalent.
/// </summary>
public sealed class RowLocks(JobEngineDbContext db)
{
    private bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>Rows of <paramref name="table"/> that match <paramref name="conditions"/> (with <c>{0}</c>-style parameters), as tracked entities.</summary>
    private IQueryable<T> Select<T>(DbSet<T> set, string table, string conditions, params object[] parameters)
        where T : class
    {
        var sql = "SELECT " + SelectList.Of<T>(db) + " FROM " + table + " " + conditions;
        return set.FromSqlRaw(sql, parameters);
    }

    public Task<Job?> JobAsync(string tenantId, Guid jobId, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Jobs, "jobs", "WHERE tenant_id = {0} AND job_id = {1} FOR UPDATE", tenantId, jobId)
                .SingleOrDefaultAsync(cancellationToken)
            : db.Jobs.SingleOrDefaultAsync(job => job.TenantId == tenantId && job.Id == jobId, cancellationToken);

    /// <summary>The jobs of <paramref name="jobIds"/> that exist, locked in one statement (in id order, so that concurrent lockers cannot deadlock) and tracked.</summary>
    public Task<List<Job>> JobsAsync(string tenantId, Guid[] jobIds, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Jobs, "jobs", "WHERE tenant_id = {0} AND job_id = ANY({1}) ORDER BY job_id FOR UPDATE", tenantId, jobIds)
                .ToListAsync(cancellationToken)
            : db.Jobs.Where(job => job.TenantId == tenantId && jobIds.Contains(job.Id)).ToListAsync(cancellationToken);

    public Task<Quota?> QuotaAsync(string tenantId, string jobType, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Quotas, "quotas", "WHERE tenant_id = {0} AND job_type = {1} FOR UPDATE", tenantId, jobType)
                .SingleOrDefaultAsync(cancellationToken)
            : db.Quotas.SingleOrDefaultAsync(quota => quota.TenantId == tenantId && quota.JobType == jobType, cancellationToken);

    /// <summary>The quotas of the given types, locked so that concurrent leases count active jobs one after another.</summary>
    public Task<List<Quota>> QuotasAsync(string tenantId, string[] jobTypes, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Quotas, "quotas", "WHERE tenant_id = {0} AND job_type = ANY({1}) ORDER BY job_type FOR UPDATE", tenantId, jobTypes)
                .ToListAsync(cancellationToken)
            : db.Quotas.Where(quota => quota.TenantId == tenantId && jobTypes.Contains(quota.JobType)).ToListAsync(cancellationToken);

    public Task<JobTypeControl?> JobTypeControlAsync(string tenantId, string jobType, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.JobTypeControls, "job_type_controls", "WHERE tenant_id = {0} AND job_type = {1} FOR UPDATE", tenantId, jobType)
                .SingleOrDefaultAsync(cancellationToken)
            : db.JobTypeControls.SingleOrDefaultAsync(control => control.TenantId == tenantId && control.JobType == jobType, cancellationToken);

    public Task<BulkCancel?> BulkCancelAsync(string tenantId, Guid batchId, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.BulkCancels, "bulk_cancels", "WHERE tenant_id = {0} AND batch_id = {1} FOR UPDATE", tenantId, batchId)
                .SingleOrDefaultAsync(cancellationToken)
            : db.BulkCancels.SingleOrDefaultAsync(bulk => bulk.TenantId == tenantId && bulk.BatchId == batchId, cancellationToken);

    public Task<ApprovalRequest?> ApprovalRequestAsync(string tenantId, Guid id, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.ApprovalRequests, "approval_requests", "WHERE tenant_id = {0} AND approval_id = {1} FOR UPDATE", tenantId, id)
                .SingleOrDefaultAsync(cancellationToken)
            : db.ApprovalRequests.SingleOrDefaultAsync(request => request.TenantId == tenantId && request.Id == id, cancellationToken);

    /// <summary>Leased jobs of the given types whose lease ran out; rows another worker is reclaiming are skipped.</summary>
    public Task<List<Job>> ExpiredLeasesAsync(string tenantId, string[] jobTypes, DateTimeOffset now, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Jobs, "jobs", """
                WHERE tenant_id = {0} AND status = 'Leased' AND job_type = ANY({1}) AND lease_until < {2}
                FOR UPDATE SKIP LOCKED
                """, tenantId, jobTypes, now).ToListAsync(cancellationToken)
            : db.Jobs.Where(job => job.TenantId == tenantId && job.Status == JobStatus.Leased && jobTypes.Contains(job.JobType)
                                   && job.LeaseUntil < now).ToListAsync(cancellationToken);

    /// <summary>
    /// The best leasable job (highest priority, then oldest) of the given types, locked; a job
    /// another worker is claiming at this moment is skipped rather than waited for.
    /// </summary>
    public Task<Job?> NextLeasableJobAsync(string tenantId, string[] jobTypes, DateTimeOffset now, CancellationToken cancellationToken) =>
        IsPostgres
            ? Select(db.Jobs, "jobs", """
                WHERE tenant_id = {0} AND status = 'Pending' AND job_type = ANY({1})
                  AND (not_before IS NULL OR not_before <= {2})
                ORDER BY priority DESC, created_at, job_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, tenantId, jobTypes, now).SingleOrDefaultAsync(cancellationToken)
            : db.Jobs
                .Where(job => job.TenantId == tenantId && job.Status == JobStatus.Pending && jobTypes.Contains(job.JobType)
                              && (job.NotBefore == null || job.NotBefore <= now))
                .OrderByDescending(job => job.Priority).ThenBy(job => job.CreatedAt).ThenBy(job => job.Id)
                .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The tenant's chain head, locked: appends of one tenant pass here one at a time. On PostgreSQL
    /// a tenant's first append creates the row first, so even its first two appends cannot fork.
    /// </summary>
    public async Task<AuditChainHead?> ChainHeadAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            return await db.AuditChainHeads.SingleOrDefaultAsync(head => head.TenantId == tenantId, cancellationToken);
        }

        var head = await LockChainHeadAsync(tenantId, cancellationToken);
        if (head is not null)
        {
            return head;
        }

        var genesis = Core.Audit.AuditEntry.GenesisHash;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO audit_chain_heads (tenant_id, sequence, content_hash) VALUES ({tenantId}, 0, {genesis}) ON CONFLICT (tenant_id) DO NOTHING",
            cancellationToken);
        return await LockChainHeadAsync(tenantId, cancellationToken);
    }

    private Task<AuditChainHead?> LockChainHeadAsync(string tenantId, CancellationToken cancellationToken) =>
        Select(db.AuditChainHeads, "audit_chain_heads", "WHERE tenant_id = {0} FOR UPDATE", tenantId)
            .SingleOrDefaultAsync(cancellationToken);
}

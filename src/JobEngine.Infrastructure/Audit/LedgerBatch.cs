using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Infrastructure.Approvals;
using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Infrastructure.JobTypes;
using JobEngine.Infrastructure.Jobs;
using JobEngine.Infrastructure.Persistence;
using JobEngine.Infrastructure.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The one transaction in which the ledger writer applies a batch of commands: the SQLite write
/// gate is taken when it begins, and each tenant's chain head once, before that tenant's
/// commands run (read and locked, or recalled from <see cref="ChainHeadMemory"/> and locked by its
/// conditional update at the commit); every command loads and changes rows through the repositories here (one
/// context, so a later command sees what an earlier one changed), appends its entry in memory,
/// and everything is written and committed at once. Nothing waits for a client while the batch
/// holds a head. On PostgreSQL a batch holds one tenant (no transaction spans tenants there); on
/// SQLite, one file with one writer, it may hold several.
/// </summary>
public sealed class LedgerBatch(
    JobEngineDbContext db, WriteGate gate, RowLocks locks, IAuditRepository audit, LedgerRows rows, ChainHeadMemory heads,
    JobRepository jobs, QuotaRepository quotas, JobTypeControlRepository jobTypes, ApprovalRepository approvals,
    BulkCancelRepository bulkCancels, JobEngineMetrics metrics) : IAsyncDisposable
{
    private int _appended;
    private IDisposable? _turn;
    private IDbContextTransaction? _transaction;
    private bool _committed;
    private bool _disposed;
    private bool _recalled;
    private readonly List<EntityEntry> _added = [];
    private readonly HashSet<string> _heldHeads = new(StringComparer.Ordinal);

    public JobRepository Jobs => jobs;

    public QuotaRepository Quotas => quotas;

    public JobTypeControlRepository JobTypes => jobTypes;

    public ApprovalRepository Approvals => approvals;

    public BulkCancelRepository BulkCancels => bulkCancels;

    /// <summary>Whether the transaction committed: from then on, its commands must be answered and never run again.</summary>
    public bool Committed => _committed;

    /// <summary>
    /// Whether a head was recalled rather than read: a failure may then mean only that another
    /// process appended meanwhile, and the batch (having forgotten its heads) can run again.
    /// </summary>
    public bool RecalledAHead => _recalled;

    /// <summary>Enters the write gate (SQLite) and begins the transaction.</summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        // Changes are detected once, at the commit: detecting them at every lookup of a batch of
        // hundreds of commands would scan every tracked row each time.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.Tracked += OnTracked;
        _turn = await gate.EnterAsync(cancellationToken);
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Holds the tenant's chain head until the batch ends; its commands then append onto it without
    /// another read. A head this process committed last is recalled without a round trip (its
    /// update at the commit locks it, and fails if it moved); any other is read and locked now.
    /// </summary>
    public async Task HoldHeadAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!_heldHeads.Add(tenantId))
        {
            return;
        }

        if (heads.Recall(tenantId) is { } recalled)
        {
            db.AuditChainHeads.Attach(recalled);
            _recalled = true;
            return;
        }

        await locks.ChainHeadAsync(tenantId, cancellationToken);
    }

    /// <summary>Locks the jobs the batch's commands will load, in one statement; <see cref="JobAsync"/> then finds them without a query.</summary>
    public async Task LockJobsAsync(string tenantId, Guid[] jobIds, CancellationToken cancellationToken)
    {
        if (jobIds.Length > 0)
        {
            await locks.JobsAsync(tenantId, jobIds, cancellationToken);
        }
    }

    /// <summary>The job, locked: the one <see cref="LockJobsAsync"/> loaded (with what earlier commands of the batch changed), or read and locked now.</summary>
    public async Task<Job?> JobAsync(string tenantId, Guid jobId, CancellationToken cancellationToken) =>
        db.Jobs.Local.FirstOrDefault(job => job.Id == jobId && job.TenantId == tenantId)
        ?? await jobs.FindForUpdateAsync(tenantId, jobId, cancellationToken);

    /// <summary>Starts a command: what it adds from here on is what <see cref="Forget"/> drops if it is refused.</summary>
    public void Mark()
    {
        _added.Clear();
        rows.Mark();
    }

    /// <summary>
    /// Drops the rows a refused command added since <see cref="Mark"/> (a job type control created
    /// for an action the domain then refused). The domain refuses before it changes a loaded row
    /// or appends an entry.
    /// </summary>
    public void Forget()
    {
        foreach (var entry in _added.Where(entry => entry.State == EntityState.Added))
        {
            entry.State = EntityState.Detached;
        }

        _added.Clear();
        rows.Forget();
    }

    /// <summary>Seals the record onto the chain head this batch holds; written at <see cref="CommitAsync"/>.</summary>
    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        _appended++;
        return audit.AppendAsync(record, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("The batch has not begun.");
        db.ChangeTracker.DetectChanges();
        await rows.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _committed = true;
        foreach (var head in db.AuditChainHeads.Local)
        {
            heads.Remember(head);
        }

        metrics.LedgerAppends.Add(_appended);
        metrics.LedgerBatchSize.Record(_appended);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
        }
        finally
        {
            if (!_committed)
            {
                // Whether a head moved is unknown after a failure: the next batch reads it.
                foreach (var tenantId in _heldHeads)
                {
                    heads.Forget(tenantId);
                }

                db.ChangeTracker.Clear();
            }

            db.ChangeTracker.Tracked -= OnTracked;
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            _turn?.Dispose();
        }
    }

    private void OnTracked(object? sender, EntityTrackedEventArgs tracked)
    {
        if (!tracked.FromQuery && tracked.Entry.State == EntityState.Added)
        {
            _added.Add(tracked.Entry);
        }
    }
}

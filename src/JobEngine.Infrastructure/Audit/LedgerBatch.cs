using JobEngine.Core.Audit;
using JobEngine.Infrastructure.JobTypes;
using JobEngine.Infrastructure.Jobs;
using JobEngine.Infrastructure.Persistence;
using JobEngine.Infrastructure.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The one transaction in which the ledger writer applies a batch of one tenant's commands: the
/// SQLite write gate and the tenant's chain head are taken once, when it begins; every command
/// loads and changes rows through the repositories here (one context, so a later command sees
/// what an earlier one changed), appends its entry in memory, and everything is written and
/// committed at once. Nothing waits for a client while the batch holds the head.
/// </summary>
public sealed class LedgerBatch(
    JobEngineDbContext db, WriteGate gate, RowLocks locks, IAuditRepository audit,
    JobRepository jobs, QuotaRepository quotas, JobTypeControlRepository jobTypes) : IAsyncDisposable
{
    private IDisposable? _turn;
    private IDbContextTransaction? _transaction;
    private bool _committed;
    private bool _disposed;
    private HashSet<object> _tracked = [];

    public JobRepository Jobs => jobs;

    public QuotaRepository Quotas => quotas;

    public JobTypeControlRepository JobTypes => jobTypes;

    /// <summary>Enters the write gate (SQLite), begins the transaction and locks the tenant's chain head.</summary>
    public async Task BeginAsync(string tenantId, CancellationToken cancellationToken)
    {
        _turn = await gate.EnterAsync(cancellationToken);
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await locks.ChainHeadAsync(tenantId, cancellationToken);
    }

    /// <summary>Remembers what the batch tracks before a command runs, so that <see cref="Forget"/> can drop what a refused command added.</summary>
    public void Mark() => _tracked = [.. db.ChangeTracker.Entries().Select(entry => entry.Entity)];

    /// <summary>
    /// Drops the rows a refused command added since <see cref="Mark"/> (a job type control created
    /// for an action the domain then refused). The domain refuses before it changes a loaded row.
    /// </summary>
    public void Forget()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(entry => entry.State == EntityState.Added && !_tracked.Contains(entry.Entity)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>Seals the record onto the chain head this batch holds; written at <see cref="CommitAsync"/>.</summary>
    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken) => audit.AppendAsync(record, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("The batch has not begun.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _committed = true;
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
                db.ChangeTracker.Clear();
            }

            _turn?.Dispose();
        }
    }
}

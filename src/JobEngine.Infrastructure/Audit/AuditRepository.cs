using System.Runtime.CompilerServices;
using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Audit;

/// <inheritdoc />
internal sealed class AuditRepository(JobEngineDbContext db, RowLocks locks, AuditTreeUpkeep tree, LedgerRows rows, TimeProvider time) : IAuditRepository
{
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");
        }

        // The head is locked until the transaction ends, so reading it and moving it cannot
        // interleave with another append of the same tenant; (tenant_id, sequence) is the backstop.
        // A head this transaction already holds (several appends in one transaction) is used as is.
        var head = db.AuditChainHeads.Local.FirstOrDefault(held => held.TenantId == record.TenantId)
                   ?? await locks.ChainHeadAsync(record.TenantId, cancellationToken);
        if (head is null)
        {
            head = AuditChainHead.Genesis(record.TenantId);
            db.AuditChainHeads.Add(head);
        }

        var entry = AuditEntry.Seal(record, head.Sequence, head.ContentHash, Guid.CreateVersion7(), time.GetUtcNow());
        if (tree.Maintained)
        {
            foreach (var (node, hash) in head.MoveTo(entry.Sequence, entry.ContentHash))
            {
                rows.Add(new AuditTreeNode(record.TenantId, node, hash));
            }
        }
        else
        {
            head.MoveWithoutTree(entry.Sequence, entry.ContentHash);
        }

        rows.Add(entry);
        return entry;
    }

    public Task<AuditEntry?> GetAsync(string tenantId, Guid entryId, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .SingleOrDefaultAsync(entry => entry.TenantId == tenantId && entry.EntryId == entryId, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(
        string tenantId, AuditQuery query, long? afterSequence, int limit, CancellationToken cancellationToken)
    {
        var entries = Filter(tenantId, query);
        if (afterSequence is { } after)
        {
            entries = entries.Where(entry => entry.Sequence > after);
        }

        return await entries.OrderBy(entry => entry.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryNewestFirstAsync(
        string tenantId, AuditQuery query, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        var entries = Filter(tenantId, query);
        if (beforeSequence is { } before)
        {
            entries = entries.Where(entry => entry.Sequence < before);
        }

        return await entries.OrderByDescending(entry => entry.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> StreamAsync(
        string tenantId, AuditQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var entries = Filter(tenantId, query ?? new AuditQuery())
            .OrderBy(entry => entry.Sequence)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var entry in entries)
        {
            yield return entry;
        }
    }

    private IQueryable<AuditEntry> Filter(string tenantId, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(entry => entry.TenantId == tenantId);
        if (query.EventType is not null)
        {
            entries = entries.Where(entry => entry.EventType == query.EventType);
        }

        if (query.ResourceType is not null)
        {
            entries = entries.Where(entry => entry.ResourceType == query.ResourceType);
        }

        if (query.ResourceId is not null)
        {
            entries = entries.Where(entry => entry.ResourceId == query.ResourceId);
        }

        if (query.ActorId is not null)
        {
            entries = entries.Where(entry => entry.ActorId == query.ActorId);
        }

        if (query.OperatorTicket is not null)
        {
            entries = entries.Where(entry => entry.OperatorTicket == query.OperatorTicket);
        }

        if (query.OperatorTicketSystem is not null)
        {
            entries = entries.Where(entry => entry.OperatorTicketSystem == query.OperatorTicketSystem);
        }

        if (query.OperatorReasonCode is not null)
        {
            entries = entries.Where(entry => entry.OperatorReasonCode == query.OperatorReasonCode);
        }

        if (query.Since is { } since)
        {
            entries = entries.Where(entry => entry.OccurredAt >= since);
        }

        if (query.Until is { } until)
        {
            entries = entries.Where(entry => entry.OccurredAt < until);
        }

        return entries;
    }
}

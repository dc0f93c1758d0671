using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The entries and Merkle tree nodes one ledger batch appends. They are never changed once
/// sealed, so they stay out of EF Core's change tracker until the batch commits. Then, on
/// PostgreSQL, a few rows (a batch of one or two commands) join the batch's other changes in
/// <c>SaveChanges</c>, which sends the changed jobs, the moved head and the rows in one round
/// trip; more rows, and every row on SQLite (in-process: a statement costs no round trip), are
/// written after it, each table in one multi-row insert (<see cref="MultiRowInsert"/>), which
/// costs less than EF Core's command per row.
/// </summary>
public sealed class LedgerRows
{
    /// <summary>The most rows saved with the batch's other changes: a round trip costs more than EF Core's commands for them.</summary>
    public const int SavedWithChanges = 4;

    private readonly List<AuditEntry> _entries = [];
    private readonly List<AuditTreeNode> _nodes = [];
    private int _entriesAtMark;
    private int _nodesAtMark;

    public void Add(AuditEntry entry) => _entries.Add(entry);

    public void Add(AuditTreeNode node) => _nodes.Add(node);

    /// <summary>Starts a command: what it adds from here on is what <see cref="Forget"/> drops.</summary>
    public void Mark()
    {
        _entriesAtMark = _entries.Count;
        _nodesAtMark = _nodes.Count;
    }

    public void Forget()
    {
        _entries.RemoveRange(_entriesAtMark, _entries.Count - _entriesAtMark);
        _nodes.RemoveRange(_nodesAtMark, _nodes.Count - _nodesAtMark);
    }

    /// <summary>Saves the context's changes and writes the rows, in the transaction the caller then commits.</summary>
    public async Task SaveAsync(JobEngineDbContext db, CancellationToken cancellationToken)
    {
        if (_entries.Count + _nodes.Count <= SavedWithChanges && db.Database.IsNpgsql())
        {
            db.AuditEntries.AddRange(_entries);
            db.AuditTreeNodes.AddRange(_nodes);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await MultiRowInsert.InsertAsync(db, _entries, cancellationToken);
        await MultiRowInsert.InsertAsync(db, _nodes, cancellationToken);
    }
}

using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// The entries and Merkle tree nodes one ledger batch appends. They are never changed once
/// sealed, so they stay out of EF Core's change tracker and are written when the batch commits,
/// each table in one multi-row insert (<see cref="MultiRowInsert"/>).
/// </summary>
public sealed class LedgerRows
{
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

    public async Task WriteAsync(JobEngineDbContext db, CancellationToken cancellationToken)
    {
        await MultiRowInsert.InsertAsync(db, _entries, cancellationToken);
        await MultiRowInsert.InsertAsync(db, _nodes, cancellationToken);
    }
}

using JobEngine.Core.Ledger;
using JobEngine.SignedNotes;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// Checks a tenant's checkpoints (stored, and held by witnesses) against its entries, alongside the chain check: the tree is
/// rebuilt from the entries' own hashes (not from the stored nodes, which a forger could rewrite
/// too), and at each checkpoint's size its root must be the one the note signed, under this
/// deployment's key. A checkpoint larger than the ledger shows the ledger was cut.
/// </summary>
public sealed class CheckpointVerifier
{
    private readonly Queue<CheckpointNote> _pending;
    private readonly NoteVerifier _key;
    private readonly string _origin;
    private TreeFrontier _tree = TreeFrontier.Empty;

    public CheckpointVerifier(IEnumerable<CheckpointNote> checkpoints, NoteVerifier key, string origin)
    {
        _pending = new Queue<CheckpointNote>(checkpoints.OrderBy(checkpoint => checkpoint.TreeSize));
        _key = key;
        _origin = origin;
        CheckDue();
    }

    public int CheckpointsChecked { get; private set; }

    /// <summary>The size of the first checkpoint whose signature or root does not hold.</summary>
    public long? FirstInvalidCheckpoint { get; private set; }

    /// <summary>The largest size a valid checkpoint vouches for, up to the first invalid one.</summary>
    public long LastVerifiedSize { get; private set; }

    /// <summary>The size the newest checkpoint vouches for when the ledger no longer holds that many entries.</summary>
    public long? TruncatedAt { get; private set; }

    public bool Valid => FirstInvalidCheckpoint is null && TruncatedAt is null;

    public void Add(string contentHash)
    {
        _tree = _tree.Append(Convert.FromHexString(contentHash), []);
        CheckDue();
    }

    /// <summary>Call once every entry was added: what is left vouches for entries that are gone.</summary>
    public void Finish()
    {
        if (_pending.Count > 0)
        {
            TruncatedAt = _pending.Max(checkpoint => checkpoint.TreeSize);
        }
    }

    private void CheckDue()
    {
        while (_pending.TryPeek(out var next) && next.TreeSize == _tree.Size)
        {
            _pending.Dequeue();
            CheckpointsChecked++;
            var holds = Checkpoint.TryOpen(next.Note, _key, _origin, out var signed, out _)
                        && signed.TreeSize == next.TreeSize
                        && signed.RootHash.AsSpan().SequenceEqual(_tree.Root());
            if (!holds)
            {
                FirstInvalidCheckpoint ??= next.TreeSize;
            }
            else if (FirstInvalidCheckpoint is null)
            {
                LastVerifiedSize = next.TreeSize;
            }
        }
    }
}

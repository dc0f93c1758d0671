using System.Text.Json;

namespace JobEngine.Core.Audit;

/// <summary>
/// Walks a tenant's entries in sequence order and checks every link and hash: sequences 1, 2, 3…
/// without gaps, each <c>previousHash</c> equal to the previous <c>contentHash</c>, each
/// <c>contentHash</c> recomputed. Reports the first sequence that does not hold.
/// </summary>
public sealed class ChainVerifier
{
    private long _expectedSequence = 1;
    private string _previousHash = AuditEntry.GenesisHash;

    public long EntriesChecked { get; private set; }

    public long HeadSequence { get; private set; }

    public string? HeadHash { get; private set; }

    public long? FirstInvalidSequence { get; private set; }

    public bool Valid => FirstInvalidSequence is null;

    /// <summary>Checks the next entry given its sequence, links and both hashes (stored and recomputed).</summary>
    public void Check(long sequence, string previousHash, string storedHash, string recomputedHash)
    {
        EntriesChecked++;
        if (FirstInvalidSequence is null
            && (sequence != _expectedSequence || previousHash != _previousHash || storedHash != recomputedHash))
        {
            FirstInvalidSequence = Math.Min(sequence, _expectedSequence);
        }

        _expectedSequence = sequence + 1;
        _previousHash = storedHash;
        HeadSequence = sequence;
        HeadHash = storedHash;
    }

    public void Check(AuditEntry entry) =>
        Check(entry.Sequence, entry.PreviousHash, entry.ContentHash, Recompute(entry));

    /// <summary>
    /// The entry's hash; a stored state rewritten into something no append could have written
    /// (not JSON, a fraction) has none, which makes the entry the one that does not hold.
    /// </summary>
    private static string Recompute(AuditEntry entry)
    {
        try
        {
            return AuditHasher.ContentHash(entry);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return "";
        }
    }
}

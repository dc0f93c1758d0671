using System.Text.Json.Nodes;
using JobEngine.Client;
using JobEngine.Core.Audit;
using JobEngine.Core.Ledger;
using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>
/// Checks that an entry, exactly as served, is in the tree a trusted checkpoint signed: it hashes
/// to its <c>contentHash</c>, and the server's RFC 9162 inclusion proof leads from that leaf to the
/// signed root.
/// </summary>
internal static class EntryInclusion
{
    public static async Task<VerifiedInclusion> VerifyAsync(
        JobEngineClient api, Guid entryId, JsonObject entry, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        if (entry["contentHash"] is not JsonValue stored || !stored.TryGetValue<string>(out var contentHash)
            || entry["sequence"] is not JsonValue number || !number.TryGetValue<long>(out var sequence)
            || AuditHasher.ContentHashOfServed(entry) != contentHash)
        {
            throw LedgerIntegrityException.ChainBroken($"Entry {entryId} as served does not hash to its contentHash: it was changed.");
        }

        if (sequence > checkpoint.TreeSize)
        {
            throw new CliException(ExitCodes.Failed,
                $"Entry {entryId} (sequence {sequence}) is newer than the newest signed checkpoint (tree size {checkpoint.TreeSize}). " +
                "The server signs one within its checkpoint interval: try again shortly.");
        }

        var proof = await api.GetInclusionProofAsync(entryId, checkpoint.TreeSize, cancellationToken);
        var leafHash = MerkleHash.Leaf(Convert.FromHexString(contentHash));
        if (proof.LeafIndex != sequence - 1 || proof.TreeSize != checkpoint.TreeSize || MerkleHash.FromBase64(proof.AuditPath) is not { } path
            || !MerkleVerifier.VerifyInclusion(sequence - 1, checkpoint.TreeSize, leafHash, path, checkpoint.RootHash))
        {
            throw LedgerIntegrityException.ProofFailed(
                $"The server's inclusion proof of entry {entryId} (sequence {sequence}) does not lead to the root signed for tree size " +
                $"{checkpoint.TreeSize}: the entry is not in the ledger that checkpoint vouches for.");
        }

        return new VerifiedInclusion(entryId, sequence, proof.LeafIndex, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash),
            Convert.ToBase64String(leafHash), proof.AuditPath);
    }
}

/// <summary>An inclusion proof jobctl checked against a signed root; hashes base64.</summary>
internal sealed record VerifiedInclusion(
    Guid EntryId, long Sequence, long LeafIndex, long TreeSize, string RootHash, string LeafHash, IReadOnlyList<string> AuditPath);

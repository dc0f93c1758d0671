using System.Text.Json.Nodes;
using JobEngine.Client;
using JobEngine.Core.Audit;
using JobEngine.Core.Ledger;
using JobEngine.SignedNotes;

namespace JobEngine.WebService.Console;

/// <summary>
/// What the console checked about one entry, itself: that it hashes to its <c>contentHash</c>, and
/// that the API's inclusion proof leads from it to the root of the newest checkpoint signed with the
/// deployment's checkpoint key (a key kept in a file, never in the database).
/// </summary>
public sealed record EntryProof(bool HashMatches, bool? Included, string Explanation, long? TreeSize = null, string? RootHash = null,
    DateTimeOffset? SignedAt = null, IReadOnlyList<string>? AuditPath = null)
{
    public static async Task<EntryProof> CheckAsync(
        JobEngineClient api, Guid entryId, JsonObject entry, string origin, CancellationToken cancellationToken)
    {
        var contentHash = EntryFields.Text(entry, "contentHash") ?? "";
        if (AuditHasher.ContentHashOfServed(entry) != contentHash)
        {
            return new EntryProof(false, false, "The entry as served does not hash to its contentHash: it was changed after it was sealed.");
        }

        if (!NoteVerifier.TryParse(await api.GetCheckpointKeyAsync(cancellationToken), out var key, out var keyError))
        {
            return new EntryProof(true, null, $"The server's checkpoint key cannot be read: {keyError}.");
        }

        if (await api.GetNewestCheckpointAsync(cancellationToken) is not { } newest)
        {
            return new EntryProof(true, null, "No checkpoint has been signed yet: sign one on the Integrity page.");
        }

        if (!Checkpoint.TryOpen(newest.Note, key, origin, out var signed, out var noteError))
        {
            return new EntryProof(true, false, $"The newest checkpoint does not verify with the checkpoint key {key.Name}: {noteError}.");
        }

        var sequence = EntryFields.Sequence(entry);
        if (sequence > signed.TreeSize)
        {
            return new EntryProof(true, null,
                $"The newest checkpoint covers {signed.TreeSize} entries; this one (#{sequence}) is newer. A checkpoint follows within seconds, or sign one on the Integrity page.",
                signed.TreeSize, Convert.ToBase64String(signed.RootHash), newest.SignedAt);
        }

        var proof = await api.GetInclusionProofAsync(entryId, signed.TreeSize, cancellationToken);
        var included = proof.LeafIndex == sequence - 1 && proof.TreeSize == signed.TreeSize
            && MerkleHash.FromBase64(proof.AuditPath) is { } path
            && MerkleVerifier.VerifyInclusion(sequence - 1, signed.TreeSize, MerkleHash.Leaf(Convert.FromHexString(contentHash)), path, signed.RootHash);
        return new EntryProof(true, included,
            included
                ? $"Included in the tree of {signed.TreeSize} entries whose root the checkpoint key {key.Name} signed."
                : $"The server's inclusion proof does not lead to the root signed for {signed.TreeSize} entries: this entry is not in the ledger that checkpoint vouches for.",
            signed.TreeSize, Convert.ToBase64String(signed.RootHash), newest.SignedAt, proof.AuditPath);
    }
}

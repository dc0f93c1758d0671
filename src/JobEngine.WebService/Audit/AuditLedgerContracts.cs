namespace JobEngine.WebService.Audit;

/// <summary>A page of entries, each exactly as <c>AuditEntryJson</c> serves it.</summary>
internal sealed record AuditEntryListResponse(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

/// <summary>
/// The outcome of recomputing every hash and link of the tenant's chain and checking every signed
/// checkpoint against the tree rebuilt from the entries.
/// </summary>
internal sealed record AuditVerificationResponse(
    bool Valid,
    long EntriesChecked,
    long HeadSequence,
    string? HeadHash,
    long? FirstInvalidSequence,
    int CheckpointsChecked,
    long? TruncatedAt,
    long? FirstInvalidCheckpoint);

/// <summary>An RFC 9162 inclusion proof of one entry (leaf <c>sequence - 1</c>); hashes base64.</summary>
internal sealed record InclusionProofResponse(long LeafIndex, long TreeSize, string RootHash, IReadOnlyList<string> AuditPath);

/// <summary>An RFC 9162 consistency proof between two tree sizes; hashes base64.</summary>
internal sealed record ConsistencyProofResponse(long First, long Second, IReadOnlyList<string> Proof);

/// <summary>A signed checkpoint: the tree size and root (base64, as in the note) and the note itself.</summary>
internal sealed record CheckpointResponse(string TenantId, long TreeSize, string RootHash, DateTimeOffset SignedAt, string Note)
{
    public static CheckpointResponse From(Infrastructure.Ledger.StoredCheckpoint checkpoint) => new(
        checkpoint.TenantId, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), checkpoint.SignedAt, checkpoint.Note);
}

/// <summary>Checkpoints oldest first; <c>nextFromSize</c> asks for the next page (null at the end).</summary>
internal sealed record CheckpointListResponse(IReadOnlyList<CheckpointResponse> Items, long? NextFromSize);

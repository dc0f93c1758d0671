namespace JobEngine.WebService.Audit;

/// <summary>A page of entries, each exactly as <c>AuditEntryJson</c> serves it.</summary>
internal sealed record AuditEntryListResponse(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

/// <summary>The outcome of recomputing every hash and link of the tenant's chain.</summary>
internal sealed record AuditVerificationResponse(
    bool Valid,
    long EntriesChecked,
    long HeadSequence,
    string? HeadHash,
    long? FirstInvalidSequence);

/// <summary>An RFC 9162 inclusion proof of one entry (leaf <c>sequence - 1</c>); hashes base64.</summary>
internal sealed record InclusionProofResponse(long LeafIndex, long TreeSize, string RootHash, IReadOnlyList<string> AuditPath);

/// <summary>An RFC 9162 consistency proof between two tree sizes; hashes base64.</summary>
internal sealed record ConsistencyProofResponse(long First, long Second, IReadOnlyList<string> Proof);

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

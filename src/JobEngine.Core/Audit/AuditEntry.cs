namespace JobEngine.Core.Audit;

/// <summary>
/// One immutable record of the tenant's hash-chained ledger, with exactly the contract's fields.
/// <see cref="OldState"/> and <see cref="NewState"/> hold JSON object text (or null).
/// <see cref="ContentHash"/> is the SHA-256 of the entry's canonical JSON without it (see
/// <see cref="AuditHasher"/>); <see cref="PreviousHash"/> links to the tenant's previous entry.
/// </summary>
public sealed record AuditEntry(
    Guid EntryId,
    string TenantId,
    long Sequence,
    DateTimeOffset OccurredAt,
    string EventType,
    string? ResourceType,
    string? ResourceId,
    string? ActorId,
    string? ActorType,
    string? ClientId,
    string? TokenId,
    string? OperatorReason,
    string? OperatorTicket,
    string? Comment,
    string? Description,
    string? OldState,
    string? NewState,
    string? CorrelationId,
    string? HttpMethod,
    string? RequestPath,
    string? SourceIp,
    string? UserAgent,
    string PreviousHash,
    string ContentHash)
{
    /// <summary>The <see cref="PreviousHash"/> of a tenant's first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);
}

using System.Diagnostics.CodeAnalysis;

namespace JobEngine.Core.Audit;

/// <summary>
/// One immutable entry of the tenant's hash-chained ledger: an <see cref="AuditRecord"/> sealed
/// with its id, its place in the chain and its time. <see cref="AuditRecord.OldState"/> and
/// <see cref="AuditRecord.NewState"/> hold JSON object text (or null). <see cref="ContentHash"/>
/// is the SHA-256 of the entry's canonical JSON without it (see <see cref="AuditHasher"/>);
/// <see cref="PreviousHash"/> links to the tenant's previous entry.
/// </summary>
public sealed record AuditEntry : AuditRecord
{
    /// <summary>The <see cref="PreviousHash"/> of a tenant's first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    [SetsRequiredMembers]
    private AuditEntry(AuditRecord record)
        : base(record)
    {
    }

    // For the store's materializer.
    private AuditEntry()
    {
    }

    public Guid EntryId { get; init; }
    public long Sequence { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string PreviousHash { get; init; } = "";
    public string ContentHash { get; init; } = "";

    /// <summary>
    /// The entry that follows a chain whose head is <paramref name="previousSequence"/> and
    /// <paramref name="previousHash"/>, hashed.
    /// </summary>
    public static AuditEntry Seal(AuditRecord record, long previousSequence, string previousHash, Guid entryId, DateTimeOffset occurredAt)
    {
        var entry = new AuditEntry(record)
        {
            EntryId = entryId,
            Sequence = previousSequence + 1,
            OccurredAt = Timestamps.Normalize(occurredAt),
            PreviousHash = previousHash,
        };
        return entry with { ContentHash = AuditHasher.ContentHash(entry) };
    }
}

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// A signed checkpoint of one tenant's tree, as stored: append-only (the table refuses
/// <c>UPDATE</c> and <c>DELETE</c>), one per tree size, whichever process signed it.
/// </summary>
public sealed class StoredCheckpoint
{
    private StoredCheckpoint()
    {
    }

    public StoredCheckpoint(string tenantId, long treeSize, byte[] rootHash, DateTimeOffset signedAt, string note)
    {
        TenantId = tenantId;
        TreeSize = treeSize;
        RootHash = rootHash;
        SignedAt = signedAt;
        Note = note;
    }

    public string TenantId { get; private set; } = "";

    public long TreeSize { get; private set; }

    public byte[] RootHash { get; private set; } = [];

    public DateTimeOffset SignedAt { get; private set; }

    /// <summary>The signed note, exactly as signed.</summary>
    public string Note { get; private set; } = "";
}

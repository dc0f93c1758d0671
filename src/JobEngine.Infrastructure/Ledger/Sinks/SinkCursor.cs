namespace JobEngine.Infrastructure.Ledger.Sinks;

/// <summary>
/// How far one sink has acknowledged one tenant's ledger, and which process may deliver to it:
/// the lease makes exactly one process the sink's deliverer at a time, and the cursor moves only
/// after the sink acknowledged, so delivery resumes where it stopped after any crash.
/// </summary>
public sealed class SinkCursor
{
    private SinkCursor(string tenantId, string sinkId)
    {
        TenantId = tenantId;
        SinkId = sinkId;
    }

    public string TenantId { get; private set; }

    /// <summary>The sink's identity: its type and target (<c>webhook https://…</c>), so that reordering the configuration keeps every cursor.</summary>
    public string SinkId { get; private set; }

    /// <summary>The highest sequence the sink acknowledged.</summary>
    public long DeliveredSequence { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public static SinkCursor LeasedBy(string tenantId, string sinkId, string owner, DateTimeOffset expiresAt) =>
        new(tenantId, sinkId) { LeaseOwner = owner, LeaseExpiresAt = expiresAt };
}

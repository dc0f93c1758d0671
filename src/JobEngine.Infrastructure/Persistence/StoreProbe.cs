namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The one row readiness writes to, to prove the store still takes durable writes (a full disk or
/// a read-only store answers reads but refuses commits). Not tenant data.
/// </summary>
public sealed class StoreProbe
{
    public const string SingleId = "store";

    public string ProbeId { get; private set; } = SingleId;

    public DateTimeOffset ProbedAt { get; private set; }

    public void Touch(DateTimeOffset now) => ProbedAt = now;
}

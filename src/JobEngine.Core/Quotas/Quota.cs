using JobEngine.Core.Operators;
using JobEngine.Core.Results;

namespace JobEngine.Core.Quotas;

/// <summary>
/// How much of one job type a tenant may run: at most <see cref="MaxActive"/> leased at once and
/// <see cref="MaxPerHour"/> leases an hour (a token bucket that refills continuously). A paused
/// quota lets nothing through. Every change records the operator who made it.
/// </summary>
public sealed class Quota
{
    public const int MaxLimit = 1_000_000;

    private Quota()
    {
    }

    public string TenantId { get; private set; } = "";
    public string JobType { get; private set; } = "";
    public int MaxActive { get; private set; }
    public int MaxPerHour { get; private set; }
    public bool Paused { get; private set; }

    /// <summary>Leases left in the hourly bucket as of <see cref="RefilledAt"/>.</summary>
    public double Tokens { get; private set; }

    public DateTimeOffset RefilledAt { get; private set; }

    /// <summary>The operator's last change of the quota.</summary>
    public OperatorStamp Updated { get; private set; } = null!;

    public static Outcome<Quota> Create(string tenantId, string jobType, int? maxActive, int? maxPerHour, OperatorStamp stamp)
    {
        var quota = new Quota { TenantId = tenantId, JobType = jobType };
        return quota.Set(maxActive, maxPerHour, stamp);
    }

    public Outcome<Quota> Set(int? maxActive, int? maxPerHour, OperatorStamp stamp)
    {
        if (maxActive is not { } active || active is < 0 or > MaxLimit)
        {
            return Failure.Invalid("maxActive", $"maxActive is required and must be between 0 and {MaxLimit}.");
        }

        if (maxPerHour is not { } perHour || perHour is < 0 or > MaxLimit)
        {
            return Failure.Invalid("maxPerHour", $"maxPerHour is required and must be between 0 and {MaxLimit}.");
        }

        var now = stamp.At;
        Refill(now);
        MaxActive = active;
        MaxPerHour = perHour;
        Tokens = Math.Min(Tokens, perHour);
        if (RefilledAt == default)
        {
            Tokens = perHour;
            RefilledAt = now;
        }

        Updated = stamp;
        return this;
    }

    public Outcome<Quota> Pause(OperatorStamp stamp)
    {
        if (Paused)
        {
            return Failure.Conflict($"The quota of job type '{JobType}' is already paused.");
        }

        Paused = true;
        Updated = stamp;
        return this;
    }

    public Outcome<Quota> Resume(OperatorStamp stamp)
    {
        if (!Paused)
        {
            return Failure.Conflict($"The quota of job type '{JobType}' is not paused.");
        }

        Paused = false;
        Updated = stamp;
        return this;
    }

    /// <summary>Whether one more job may be leased now, given how many are leased already.</summary>
    public bool Admits(int activeLeases, DateTimeOffset now) =>
        !Paused && activeLeases < MaxActive && TokensAt(now) >= 1;

    /// <summary>Takes one lease from the hourly bucket; call only after <see cref="Admits"/>.</summary>
    public void ConsumeLease(DateTimeOffset now)
    {
        Refill(Timestamps.Normalize(now));
        Tokens = Math.Max(0, Tokens - 1);
    }

    private double TokensAt(DateTimeOffset now)
    {
        var elapsedHours = Math.Max(0, (now - RefilledAt).TotalHours);
        return Math.Min(MaxPerHour, Tokens + (elapsedHours * MaxPerHour));
    }

    private void Refill(DateTimeOffset now)
    {
        if (RefilledAt == default)
        {
            return;
        }

        Tokens = TokensAt(now);
        RefilledAt = now;
    }
}

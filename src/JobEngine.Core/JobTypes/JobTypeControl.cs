using JobEngine.Core.Operators;
using JobEngine.Core.Results;

namespace JobEngine.Core.JobTypes;

/// <summary>
/// Operator control over one job type of a tenant: while paused, no job of the type is leased.
/// Remembers who last paused or resumed it, why and under which ticket.
/// </summary>
public sealed class JobTypeControl
{
    private JobTypeControl()
    {
    }

    public string TenantId { get; private set; } = "";
    public string JobType { get; private set; } = "";
    public bool Paused { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public string UpdateReason { get; private set; } = "";
    public string UpdateTicket { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A job type nobody has controlled yet: running.</summary>
    public static JobTypeControl Running(string tenantId, string jobType) =>
        new() { TenantId = tenantId, JobType = jobType };

    public Outcome<JobTypeControl> Pause(OperatorContext by, DateTimeOffset now)
    {
        if (Paused)
        {
            return Failure.Conflict($"Job type '{JobType}' is already paused.");
        }

        Paused = true;
        Attribute(by, now);
        return this;
    }

    public Outcome<JobTypeControl> Resume(OperatorContext by, DateTimeOffset now)
    {
        if (!Paused)
        {
            return Failure.Conflict($"Job type '{JobType}' is not paused.");
        }

        Paused = false;
        Attribute(by, now);
        return this;
    }

    private void Attribute(OperatorContext by, DateTimeOffset now)
    {
        UpdatedBy = by.ActorId;
        UpdateReason = by.Reason.Value;
        UpdateTicket = by.Ticket.Value;
        UpdatedAt = Timestamps.Normalize(now);
    }
}

using JobEngine.Core.Operators;
using JobEngine.Core.Results;

namespace JobEngine.Core.JobTypes;

/// <summary>
/// Operator control over one job type of a tenant: while paused, no job of the type is leased.
/// Remembers who last paused or resumed it, why, under which ticket and when.
/// </summary>
public sealed class JobTypeControl
{
    private JobTypeControl()
    {
    }

    public string TenantId { get; private set; } = "";
    public string JobType { get; private set; } = "";
    public bool Paused { get; private set; }

    /// <summary>The operator's last pause or resume; null while nobody has controlled the type.</summary>
    public OperatorStamp? Updated { get; private set; }

    /// <summary>A job type nobody has controlled yet: running.</summary>
    public static JobTypeControl Running(string tenantId, string jobType) =>
        new() { TenantId = tenantId, JobType = jobType };

    public Outcome<JobTypeControl> Pause(OperatorStamp stamp)
    {
        if (Paused)
        {
            return Failure.Conflict($"Job type '{JobType}' is already paused.");
        }

        Paused = true;
        Updated = stamp;
        return this;
    }

    public Outcome<JobTypeControl> Resume(OperatorStamp stamp)
    {
        if (!Paused)
        {
            return Failure.Conflict($"Job type '{JobType}' is not paused.");
        }

        Paused = false;
        Updated = stamp;
        return this;
    }
}

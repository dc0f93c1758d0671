namespace JobEngine.Core.Jobs;

/// <summary>Where a job is in its life.</summary>
public enum JobStatus
{
    Pending,
    Leased,
    Succeeded,
    Failed,
    Canceled,
}

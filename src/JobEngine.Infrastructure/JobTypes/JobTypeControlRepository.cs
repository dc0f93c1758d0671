using JobEngine.Core.JobTypes;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Infrastructure.JobTypes;

/// <summary>Job type controls (pause state) of one tenant at a time.</summary>
public sealed class JobTypeControlRepository(JobEngineDbContext db, RowLocks locks)
{
    /// <summary>
    /// The locked, tracked control of a job type, created (running) if nobody controlled it yet.
    /// Two first controls racing collide on the primary key; the loser is retried by the transaction.
    /// </summary>
    public async Task<JobTypeControl> GetOrAddForUpdateAsync(string tenantId, string jobType, CancellationToken cancellationToken)
    {
        var control = await locks.JobTypeControlAsync(tenantId, jobType, cancellationToken);
        if (control is null)
        {
            control = JobTypeControl.Running(tenantId, jobType);
            db.JobTypeControls.Add(control);
        }

        return control;
    }
}

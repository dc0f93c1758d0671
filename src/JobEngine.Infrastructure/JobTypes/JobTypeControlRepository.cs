using JobEngine.Core.JobTypes;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.JobTypes;

/// <summary>Job type controls (pause state) of one tenant at a time.</summary>
public sealed class JobTypeControlRepository(JobEngineDbContext db)
{
    /// <summary>The tracked control of a job type, created (running) if nobody controlled it yet.</summary>
    public async Task<JobTypeControl> GetOrAddForUpdateAsync(string tenantId, string jobType, CancellationToken cancellationToken)
    {
        var control = await db.JobTypeControls.SingleOrDefaultAsync(
            control => control.TenantId == tenantId && control.JobType == jobType, cancellationToken);
        if (control is null)
        {
            control = JobTypeControl.Running(tenantId, jobType);
            db.JobTypeControls.Add(control);
        }

        return control;
    }
}

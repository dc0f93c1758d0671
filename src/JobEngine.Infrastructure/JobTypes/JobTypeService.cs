using JobEngine.Core.Audit;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;

namespace JobEngine.Infrastructure.JobTypes;

/// <summary>The operator actions on job types, each recorded in the ledger with the state before and after.</summary>
public sealed class JobTypeService(JobTypeControlRepository controls, AuditedTransaction audited, TimeProvider time)
{
    public Task<Outcome<JobTypeControl>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        OperateAsync(by, jobType, AuditEventTypes.JobTypePaused, "Job type paused", (control, now) => control.Pause(by, now), cancellationToken);

    public Task<Outcome<JobTypeControl>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        OperateAsync(by, jobType, AuditEventTypes.JobTypeResumed, "Job type resumed", (control, now) => control.Resume(by, now), cancellationToken);

    private Task<Outcome<JobTypeControl>> OperateAsync(
        OperatorContext by, string jobType, string eventType, string description,
        Func<JobTypeControl, DateTimeOffset, Outcome<JobTypeControl>> action, CancellationToken cancellationToken) =>
        audited.ChangeAsync<JobTypeControl>(
            async ct => await controls.GetOrAddForUpdateAsync(by.TenantId, jobType, ct),
            control => action(control, time.GetUtcNow()),
            AuditStates.Of,
            (_, before, after) => AuditRecord.ForOperator(by, eventType, AuditResourceTypes.JobType, jobType, description, before, after),
            Failure.NotFound($"No job type '{jobType}'."),
            cancellationToken);
}

using JobEngine.Application.Audit;
using JobEngine.Core.Audit;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;

namespace JobEngine.Application.JobTypes;

/// <summary>The operator actions on job types, each recorded in the ledger with the state before and after.</summary>
public sealed class JobTypeService(AuditedTransaction audited)
{
    public Task<Outcome<JobTypeControl>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Pause(by, jobType), cancellationToken);

    public Task<Outcome<JobTypeControl>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Resume(by, jobType), cancellationToken);

    public OperatorAction<JobTypeControl> Pause(OperatorContext by, string jobType) =>
        Action(by, jobType, AuditEventTypes.JobTypePaused, "Job type paused", (control, stamp) => control.Pause(stamp));

    public OperatorAction<JobTypeControl> Resume(OperatorContext by, string jobType) =>
        Action(by, jobType, AuditEventTypes.JobTypeResumed, "Job type resumed", (control, stamp) => control.Resume(stamp));

    private OperatorAction<JobTypeControl> Action(
        OperatorContext by, string jobType, string eventType, string description, Func<JobTypeControl, OperatorStamp, Outcome<JobTypeControl>> decide) =>
        new(eventType, AuditResourceTypes.JobType, jobType, description)
        {
            // A job type nobody controlled yet has no row: it is created, running, for this action.
            Load = async (batch, ct) => await batch.JobTypes.GetOrAddForUpdateAsync(by.TenantId, jobType, ct),
            Decide = decide,
            Snapshot = AuditStates.Of,
            NotFound = Failure.NotFound($"No job type '{jobType}'."),
        };
}

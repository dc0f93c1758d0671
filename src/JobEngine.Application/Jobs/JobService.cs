using JobEngine.Application.Audit;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Jobs;
using JobEngine.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace JobEngine.Application.Jobs;

/// <summary>The use cases on one job: submission, the worker's lease moves and the operator actions.</summary>
public sealed class JobService(
    JobRepository jobs, WriteTransaction transaction, AuditedTransaction audited, IOptions<JobOptions> options, TimeProvider time)
{
    /// <summary>Creates the job, or returns the tenant's job with the same idempotency key (Created = false).</summary>
    public async Task<Outcome<SubmittedJob>> SubmitAsync(
        string tenantId, string submittedBy, JobSubmission submission, CancellationToken cancellationToken)
    {
        if (submission.IdempotencyKey is { Length: > 0 } key
            && await jobs.FindByIdempotencyKeyAsync(tenantId, key, cancellationToken) is { } existing)
        {
            return new SubmittedJob(existing, Created: false);
        }

        if (!Job.Submit(tenantId, submittedBy, submission, options.Value.Limits, time.GetUtcNow()).TryGet(out var job, out var invalid))
        {
            return invalid;
        }

        try
        {
            return await transaction.SaveAsync<SubmittedJob>(() =>
            {
                jobs.Add(job);
                return new SubmittedJob(job, Created: true);
            }, cancellationToken);
        }
        catch (Exception exception) when (submission.IdempotencyKey is { } raced && StoreFailures.IsUniqueViolation(exception))
        {
            // Another request with the same key committed first: its job is the answer.
            var winner = await jobs.FindByIdempotencyKeyAsync(tenantId, raced, cancellationToken);
            return winner is null ? throw new InvalidOperationException("The idempotent job vanished.") : new SubmittedJob(winner, Created: false);
        }
    }

    public Task<Outcome<Job>> CancelAsync(OperatorContext by, Guid jobId, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Cancel(by, jobId), cancellationToken);

    public Task<Outcome<Job>> RetryAsync(OperatorContext by, Guid jobId, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Retry(by, jobId), cancellationToken);

    public OperatorAction<Job> Cancel(OperatorContext by, Guid jobId) =>
        Action(by, jobId, AuditEventTypes.JobCanceled, "Job canceled", (job, stamp) => job.Cancel(stamp));

    public OperatorAction<Job> Retry(OperatorContext by, Guid jobId) =>
        Action(by, jobId, AuditEventTypes.JobRetried, "Job retried", (job, stamp) => job.Retry(stamp));

    public Task<Outcome<Job>> HeartbeatAsync(string tenantId, Guid jobId, Guid leaseId, TimeSpan duration, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, jobId, (job, now) => job.Heartbeat(leaseId, duration, now), cancellationToken);

    public Task<Outcome<Job>> CompleteAsync(string tenantId, Guid jobId, Guid leaseId, string? result, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, jobId, (job, now) => job.Complete(leaseId, result, now), cancellationToken);

    public Task<Outcome<Job>> FailAsync(string tenantId, Guid jobId, Guid leaseId, string? error, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, jobId, (job, now) => job.Fail(leaseId, error, now), cancellationToken);

    private OperatorAction<Job> Action(
        OperatorContext by, Guid jobId, string eventType, string description, Func<Job, OperatorStamp, Outcome<Job>> decide) =>
        new(eventType, AuditResourceTypes.Job, jobId.ToString(), description)
        {
            Load = (batch, ct) => batch.JobAsync(by.TenantId, jobId, ct),
            JobId = jobId,
            Decide = decide,
            Snapshot = AuditStates.Of,
            NotFound = NotFound(jobId),
        };

    private Task<Outcome<Job>> ChangeAsync(
        string tenantId, Guid jobId, Func<Job, DateTimeOffset, Outcome<Job>> change, CancellationToken cancellationToken) =>
        transaction.RunAsync(async ct =>
        {
            var job = await jobs.FindForUpdateAsync(tenantId, jobId, ct);
            return job is null ? NotFound(jobId) : change(job, time.GetUtcNow());
        }, cancellationToken);

    private static Failure NotFound(Guid jobId) => Failure.NotFound($"No job {jobId}.");
}

/// <summary>A submitted job and whether this request created it.</summary>
public sealed record SubmittedJob(Job Job, bool Created);

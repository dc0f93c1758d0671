using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Core.Text;

namespace JobEngine.Core.Jobs;

/// <summary>
/// A unit of background work of one tenant. Its state only changes through the transitions
/// below, each of which refuses a move its current state does not allow.
/// </summary>
public sealed class Job
{
    private Job()
    {
    }

    public string TenantId { get; private set; } = "";
    public Guid Id { get; private set; }
    public string JobType { get; private set; } = "";
    public string Payload { get; private set; } = "null";
    public string PayloadSha256 { get; private set; } = "";
    public int Priority { get; private set; }
    public int MaxAttempts { get; private set; }
    public int Attempts { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public DateTimeOffset? NotBefore { get; private set; }
    public JobStatus Status { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid? LeaseId { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public string? WorkerId { get; private set; }
    public string? LastError { get; private set; }
    public string? Result { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Set while the job stands canceled by an operator.</summary>
    public OperatorStamp? Canceled { get; private set; }

    /// <summary>The operator's last retry of the job.</summary>
    public OperatorStamp? Retried { get; private set; }

    /// <summary>Validates a submission field by field and creates the pending job.</summary>
    public static Outcome<Job> Submit(string tenantId, string submittedBy, JobSubmission submission, JobLimits limits, DateTimeOffset now)
    {
        if (!Jobs.JobType.IsValid(submission.JobType, out var error))
        {
            return Failure.Invalid("jobType", $"jobType {error}.");
        }

        if (submission.Payload is not { } payload || payload.ValueKind == JsonValueKind.Undefined)
        {
            return Failure.Invalid("payload", "payload is required (any JSON value; use null for none).");
        }

        var priority = submission.Priority ?? 0;
        if (priority is < JobLimits.MinPriority or > JobLimits.MaxPriority)
        {
            return Failure.Invalid("priority", $"priority must be between {JobLimits.MinPriority} and {JobLimits.MaxPriority}.");
        }

        var maxAttempts = submission.MaxAttempts ?? JobLimits.DefaultMaxAttempts;
        if (maxAttempts is < 1 or > JobLimits.MaxMaxAttempts)
        {
            return Failure.Invalid("maxAttempts", $"maxAttempts must be between 1 and {JobLimits.MaxMaxAttempts}.");
        }

        var key = submission.IdempotencyKey;
        if (key is not null && (key.Length is 0 or > JobLimits.MaxIdempotencyKeyLength || TextRule.TryFindForbidden(key, out _)))
        {
            return Failure.Invalid("idempotencyKey",
                $"idempotencyKey must be 1 to {JobLimits.MaxIdempotencyKeyLength} characters without control characters.");
        }

        if (!limits.Compact(payload, "payload").TryGet(out var bytes, out var tooLarge))
        {
            return tooLarge;
        }

        now = Timestamps.Normalize(now);
        return new Job
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(now),
            JobType = submission.JobType!,
            Payload = Encoding.UTF8.GetString(bytes),
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Priority = priority,
            MaxAttempts = maxAttempts,
            IdempotencyKey = key,
            NotBefore = submission.NotBefore is { } notBefore ? Timestamps.Normalize(notBefore) : null,
            Status = JobStatus.Pending,
            SubmittedBy = submittedBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Whether a worker could lease this job at <paramref name="now"/>, quotas aside.</summary>
    public bool IsLeasable(DateTimeOffset now) =>
        Status == JobStatus.Pending && (NotBefore is null || NotBefore <= now);

    public bool HasExpiredLease(DateTimeOffset now) => Status == JobStatus.Leased && LeaseUntil < now;

    public Outcome<Job> Lease(string workerId, TimeSpan duration, DateTimeOffset now)
    {
        if (!IsLeasable(now))
        {
            return Failure.Conflict($"Job {Id} is {Status} and cannot be leased.");
        }

        now = Timestamps.Normalize(now);
        Status = JobStatus.Leased;
        Attempts++;
        LeaseId = Guid.NewGuid();
        LeaseUntil = now + duration;
        WorkerId = workerId;
        UpdatedAt = now;
        return this;
    }

    public Outcome<Job> Heartbeat(Guid leaseId, TimeSpan duration, DateTimeOffset now)
    {
        if (CheckLease(leaseId, now) is { } failure)
        {
            return failure;
        }

        now = Timestamps.Normalize(now);
        LeaseUntil = now + duration;
        UpdatedAt = now;
        return this;
    }

    public Outcome<Job> Complete(Guid leaseId, string? result, DateTimeOffset now)
    {
        if (CheckLease(leaseId, now) is { } failure)
        {
            return failure;
        }

        now = Timestamps.Normalize(now);
        Status = JobStatus.Succeeded;
        Result = result;
        FinishedAt = now;
        EndLease(now);
        return this;
    }

    /// <summary>
    /// Records a failed attempt: the job waits out the back-off and goes back to Pending while
    /// attempts remain, else it is Failed for good.
    /// </summary>
    public Outcome<Job> Fail(Guid leaseId, string? error, DateTimeOffset now)
    {
        if (CheckLease(leaseId, now) is { } failure)
        {
            return failure;
        }

        now = Timestamps.Normalize(now);
        LastError = error;
        EndAttempt(now, backOff: true);
        return this;
    }

    /// <summary>
    /// Returns a job whose lease ran out to Pending at once (the attempt counts: the worker is
    /// presumed gone, not the job at fault), or to Failed when no attempt remains.
    /// </summary>
    public bool ExpireLease(DateTimeOffset now)
    {
        if (!HasExpiredLease(now))
        {
            return false;
        }

        now = Timestamps.Normalize(now);
        LastError = $"Lease held by worker '{WorkerId}' expired at {LeaseUntil:O}.";
        EndAttempt(now, backOff: false);
        return true;
    }

    public Outcome<Job> Cancel(OperatorStamp stamp)
    {
        if (Status is not (JobStatus.Pending or JobStatus.Leased))
        {
            return Failure.Conflict($"Job {Id} is {Status}; only Pending or Leased jobs can be canceled.");
        }

        Status = JobStatus.Canceled;
        Canceled = stamp;
        FinishedAt = stamp.At;
        EndLease(stamp.At);
        return this;
    }

    /// <summary>
    /// Gives a Failed or Canceled job a fresh set of attempts, to run as soon as possible. A job
    /// that runs again no longer stands canceled; the cancel stays in the ledger.
    /// </summary>
    public Outcome<Job> Retry(OperatorStamp stamp)
    {
        if (Status is not (JobStatus.Failed or JobStatus.Canceled))
        {
            return Failure.Conflict($"Job {Id} is {Status}; only Failed or Canceled jobs can be retried.");
        }

        Status = JobStatus.Pending;
        Attempts = 0;
        NotBefore = null;
        FinishedAt = null;
        Canceled = null;
        Retried = stamp;
        UpdatedAt = stamp.At;
        return this;
    }

    private Failure? CheckLease(Guid leaseId, DateTimeOffset now)
    {
        if (Status != JobStatus.Leased || LeaseId != leaseId)
        {
            return Failure.Conflict($"Lease {leaseId} is not the current lease of job {Id} (the job is {Status}).");
        }

        return LeaseUntil < now ? Failure.Conflict($"Lease {leaseId} of job {Id} expired at {LeaseUntil:O}.") : null;
    }

    private void EndAttempt(DateTimeOffset now, bool backOff)
    {
        if (Attempts < MaxAttempts)
        {
            Status = JobStatus.Pending;
            NotBefore = backOff ? now + RetryBackoff.After(Attempts) : NotBefore;
        }
        else
        {
            Status = JobStatus.Failed;
            FinishedAt = now;
        }

        EndLease(now);
    }

    private void EndLease(DateTimeOffset now)
    {
        LeaseId = null;
        LeaseUntil = null;
        WorkerId = null;
        UpdatedAt = now;
    }
}

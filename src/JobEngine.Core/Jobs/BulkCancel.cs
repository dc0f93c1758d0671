using JobEngine.Core.Results;

namespace JobEngine.Core.Jobs;

/// <summary>
/// A cancel of every job that matches a filter, done in chunks: the filter, the bound set when it
/// started (jobs created after <see cref="StartedAt"/> never match), the requester's context to
/// stamp each job with, and how far it got. Kept in the store so that an interrupted bulk cancel
/// resumes where it stopped, and so that it can be told exactly which jobs it canceled (those
/// whose entries carry its <see cref="BatchId"/>).
/// </summary>
public sealed class BulkCancel
{
    private BulkCancel()
    {
    }

    public string TenantId { get; private set; } = "";
    public Guid BatchId { get; private set; }
    public string? JobType { get; private set; }
    public JobStatus? Status { get; private set; }
    public DateTimeOffset? SubmittedBefore { get; private set; }
    public int Max { get; private set; }

    /// <summary>How many jobs matched when it started (at most <see cref="Max"/>).</summary>
    public int Matched { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The requester's operator context as JSON text, approval included when there was one.</summary>
    public string Requester { get; private set; } = "{}";

    public int Canceled { get; private set; }

    /// <summary>Jobs that matched but could no longer be canceled when their chunk came (finished meanwhile).</summary>
    public int Skipped { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>The statuses a bulk cancel may select: those a job can be canceled from.</summary>
    public static IReadOnlyList<JobStatus> CancelableStatuses { get; } = [JobStatus.Pending, JobStatus.Leased];

    public static Outcome<BulkCancel> Start(
        string tenantId, string? jobType, JobStatus? status, DateTimeOffset? submittedBefore, int max, int matched, string requester, DateTimeOffset now)
    {
        if (matched > max)
        {
            return Failure.Conflict($"{matched} jobs match the filter, more than max={max}; nothing was canceled. Narrow the filter or raise max.");
        }

        now = Timestamps.Normalize(now);
        return new BulkCancel
        {
            TenantId = tenantId,
            BatchId = Guid.CreateVersion7(now),
            JobType = jobType,
            Status = status,
            SubmittedBefore = submittedBefore is { } before ? Timestamps.Normalize(before) : null,
            Max = max,
            Matched = matched,
            StartedAt = now,
            Requester = requester,
        };
    }

    /// <summary>How many more jobs this bulk cancel may still cancel.</summary>
    public int Remaining => Max - Canceled;

    public void Counted(int canceled, int skipped)
    {
        Canceled += canceled;
        Skipped += skipped;
    }

    public void Complete(DateTimeOffset now) => CompletedAt = Timestamps.Normalize(now);
}

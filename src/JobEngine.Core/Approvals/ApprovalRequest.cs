using System.Text.Json;
using JobEngine.Core.Audit;
using JobEngine.Core.Results;

namespace JobEngine.Core.Approvals;

/// <summary>
/// An operator action held back by an approval policy: what would run (the action, its resource
/// and its arguments), who asked and how (the requester's whole context, kept to replay the
/// action as that person's), and the approvals it gathered. It runs once
/// <see cref="MinimumApprovers"/> distinct people other than the requester approved it before
/// <see cref="ExpiresAt"/>; one rejection, a withdrawal or the expiry ends it.
/// </summary>
public sealed class ApprovalRequest
{
    private ApprovalRequest()
    {
    }

    public string TenantId { get; private set; } = "";
    public Guid Id { get; private set; }

    /// <summary>The policy's name of the action (<c>job.cancel</c>, <c>jobs.bulk-cancel</c>, …).</summary>
    public string Action { get; private set; } = "";

    /// <summary>The route value the action names (a job id, a job type), if any.</summary>
    public string? ResourceId { get; private set; }

    /// <summary>The action's request body as JSON text, comment included.</summary>
    public string Arguments { get; private set; } = "{}";

    /// <summary>The requester's <c>sub</c>: client id or person, never allowed to approve.</summary>
    public string RequestedBy { get; private set; } = "";

    /// <summary>The requester's operator context as JSON text (actor, client, token, reason, ticket, comment, request).</summary>
    public string Requester { get; private set; } = "{}";

    public int MinimumApprovers { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The approvers so far, as canonical JSON array text (the form the ledger records).</summary>
    public string ApprovedBy { get; private set; } = "[]";

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Who ended the request: the last approver, the rejecter, the requester withdrawing it; null when it expired.</summary>
    public string? DecidedBy { get; private set; }

    public IReadOnlyList<string> Approvers => JsonSerializer.Deserialize<string[]>(ApprovedBy) ?? [];

    public static ApprovalRequest Create(
        string tenantId, string action, string? resourceId, string arguments, string requestedBy, string requester,
        int minimumApprovers, DateTimeOffset now, TimeSpan expiresAfter)
    {
        now = Timestamps.Normalize(now);
        return new ApprovalRequest
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(now),
            Action = action,
            ResourceId = resourceId,
            Arguments = arguments,
            RequestedBy = requestedBy,
            Requester = requester,
            MinimumApprovers = minimumApprovers,
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
            ExpiresAt = Timestamps.Normalize(now + expiresAfter),
        };
    }

    /// <summary>Pending, but past its expiry: the next look at it records it expired.</summary>
    public bool IsDue(DateTimeOffset now) => Status == ApprovalStatus.Pending && now >= ExpiresAt;

    public Outcome<ApprovalRequest> Expire(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            return Failure.Conflict($"Approval request {Id} is {Status} and not past its expiry.");
        }

        return End(ApprovalStatus.Expired, by: null, now);
    }

    /// <summary>
    /// Why <paramref name="approver"/> may not approve now, or null: never the requester's own
    /// request (same <c>sub</c>, client or person), each approver once, only while pending.
    /// </summary>
    public Failure? CheckApproval(string approver, DateTimeOffset now)
    {
        if (Refuse(approver, now) is { } refused)
        {
            return refused;
        }

        return Approvers.Contains(approver, StringComparer.Ordinal)
            ? Failure.Conflict($"'{approver}' already approved request {Id}; an approver counts once.")
            : null;
    }

    /// <summary>Whether <paramref name="approver"/>'s approval is the one that completes the request.</summary>
    public bool CompletesWith(string approver) =>
        Approvers.Count + (Approvers.Contains(approver, StringComparer.Ordinal) ? 0 : 1) >= MinimumApprovers;

    /// <summary>Counts the approval (see <see cref="CheckApproval"/>); approved once enough distinct approvers agreed.</summary>
    public Outcome<ApprovalRequest> Approve(string approver, DateTimeOffset now)
    {
        if (CheckApproval(approver, now) is { } refused)
        {
            return refused;
        }

        var completes = CompletesWith(approver);
        ApprovedBy = AuditRecord.ListOf([.. Approvers, approver]);
        return completes ? End(ApprovalStatus.Approved, approver, now) : this;
    }

    public Outcome<ApprovalRequest> Reject(string rejecter, DateTimeOffset now) =>
        Refuse(rejecter, now) is { } refused ? refused : End(ApprovalStatus.Rejected, rejecter, now);

    /// <summary>Only the requester withdraws a request, and only while it is pending.</summary>
    public Outcome<ApprovalRequest> Withdraw(string requester, DateTimeOffset now)
    {
        if (!string.Equals(requester, RequestedBy, StringComparison.Ordinal))
        {
            return Failure.Forbidden($"Only its requester '{RequestedBy}' can withdraw approval request {Id}.");
        }

        return NotPending(now) is { } refused ? refused : End(ApprovalStatus.Withdrawn, requester, now);
    }

    private Failure? Refuse(string decider, DateTimeOffset now)
    {
        if (string.Equals(decider, RequestedBy, StringComparison.Ordinal))
        {
            return Failure.Forbidden($"'{decider}' asked for this action and cannot decide on their own request {Id}; another approver must.");
        }

        return NotPending(now);
    }

    private Failure? NotPending(DateTimeOffset now) =>
        Status != ApprovalStatus.Pending ? Failure.Conflict($"Approval request {Id} is {Status}; only Pending requests can be decided.")
        : now >= ExpiresAt ? Failure.Conflict($"Approval request {Id} expired at {ExpiresAt:O}.")
        : null;

    private ApprovalRequest End(ApprovalStatus status, string? by, DateTimeOffset now)
    {
        Status = status;
        DecidedBy = by;
        DecidedAt = Timestamps.Normalize(now);
        return this;
    }
}

namespace JobEngine.Core.Audit;

/// <summary>The event types the ledger records.</summary>
public static class AuditEventTypes
{
    public const string JobCanceled = "job.canceled";
    public const string JobRetried = "job.retried";
    public const string JobTypePaused = "jobtype.paused";
    public const string JobTypeResumed = "jobtype.resumed";
    public const string QuotaUpdated = "quota.updated";
    public const string QuotaPaused = "quota.paused";
    public const string QuotaResumed = "quota.resumed";
    public const string TokenIssued = "authority.token.issued";
    public const string TokenRejected = "authority.token.rejected";
    public const string Lockout = "authority.lockout";
    public const string OperatorActionDenied = "operator.action.denied";
    public const string JobsBulkCanceled = "jobs.bulk-canceled";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalApproved = "approval.approved";
    public const string ApprovalRejected = "approval.rejected";
    public const string ApprovalExpired = "approval.expired";
    public const string ApprovalWithdrawn = "approval.withdrawn";

    public static IReadOnlyList<string> All { get; } =
    [
        JobCanceled, JobRetried, JobTypePaused, JobTypeResumed, QuotaUpdated, QuotaPaused, QuotaResumed,
        TokenIssued, TokenRejected, Lockout, OperatorActionDenied, JobsBulkCanceled,
        ApprovalRequested, ApprovalApproved, ApprovalRejected, ApprovalExpired, ApprovalWithdrawn,
    ];
}

namespace JobEngine.Core.Approvals;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Rejected,
    Expired,
    Withdrawn,
}

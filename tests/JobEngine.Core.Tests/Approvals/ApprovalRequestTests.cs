using JobEngine.Core.Approvals;
using JobEngine.Core.Results;

namespace JobEngine.Core.Tests.Approvals;

public sealed class ApprovalRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static ApprovalRequest Request(int minimumApprovers = 2) =>
        ApprovalRequest.Create("acme", OperatorActionNames.JobCancel, "job-1", "{}", "ada", "{}", minimumApprovers, Now, TimeSpan.FromHours(1));

    [Fact]
    public void TheRequester_CanNeverApproveOrRejectTheirOwnRequest()
    {
        var request = Request();

        Assert.Equal(FailureKind.Forbidden, request.Approve("ada", Now).Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, request.Reject("ada", Now).Failure?.Kind);
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.Empty(request.Approvers);
    }

    [Fact]
    public void AnApprover_CountsOnce_AndDistinctApproversComplete()
    {
        var request = Request();

        Assert.True(request.Approve("grace", Now).Succeeded);
        Assert.Equal(FailureKind.Conflict, request.Approve("grace", Now).Failure?.Kind);
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.True(request.CompletesWith("ken"));
        Assert.False(request.CompletesWith("grace"));
        Assert.True(request.Approve("ken", Now).Succeeded);

        Assert.Equal(ApprovalStatus.Approved, request.Status);
        Assert.Equal(["grace", "ken"], request.Approvers);
        Assert.Equal("ken", request.DecidedBy);
    }

    [Fact]
    public void PastItsExpiry_NothingButTheExpiryIsTaken()
    {
        var request = Request();
        var later = Now.AddHours(1);

        Assert.Equal(FailureKind.Conflict, request.Approve("grace", later).Failure?.Kind);
        Assert.True(request.IsDue(later));
        Assert.True(request.Expire(later).Succeeded);
        Assert.False(request.Expire(later).Succeeded);
        Assert.Equal(ApprovalStatus.Expired, request.Status);
    }

    [Fact]
    public void OnlyTheRequester_Withdraws()
    {
        var request = Request();

        Assert.Equal(FailureKind.Forbidden, request.Withdraw("grace", Now).Failure?.Kind);
        Assert.True(request.Withdraw("ada", Now).Succeeded);
        Assert.Equal(ApprovalStatus.Withdrawn, request.Status);
        Assert.Equal(FailureKind.Conflict, request.Approve("grace", Now).Failure?.Kind);
    }
}

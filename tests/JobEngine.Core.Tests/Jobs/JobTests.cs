using System.Text.Json;
using JobEngine.Core.Jobs;
using JobEngine.Core.Results;

namespace JobEngine.Core.Tests.Jobs;

public sealed class JobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Submit_NormalizesTimestampsToMicroseconds_AndDigestsThePayload()
    {
        var job = Submit(payload: """{"b":1,"a":"x"}""", now: Now.AddTicks(7));

        Assert.Equal(Now, job.CreatedAt);
        Assert.Equal("""{"b":1,"a":"x"}""", job.Payload);
        Assert.Equal(64, job.PayloadSha256.Length);
        Assert.Equal(JobStatus.Pending, job.Status);
    }

    [Fact]
    public void Submit_RefusesAPayloadAboveTheLimit()
    {
        var outcome = Job.Submit("acme", "c", Submission("\"" + new string('x', 100) + "\""), new JobLimits(50), Now);

        Assert.Equal(FailureKind.TooLarge, outcome.Failure?.Kind);
        Assert.Equal("payload", outcome.Failure?.Field);
    }

    [Fact]
    public void LeaseCompleteCycle_CountsTheAttempt()
    {
        var job = Submit();
        var leaseId = Lease(job);

        Assert.Equal(1, job.Attempts);
        Assert.True(job.Complete(leaseId, "{}", Now.AddSeconds(1)).Succeeded);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Null(job.LeaseId);
    }

    [Fact]
    public void Fail_BacksOffWhileAttemptsRemain_ThenFails()
    {
        var job = Submit(maxAttempts: 2);

        job.Fail(Lease(job), "boom", Now);
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal(Now + RetryBackoff.After(1), job.NotBefore);
        Assert.False(job.IsLeasable(Now));

        job.Fail(Lease(job, Now.AddMinutes(1)), "boom again", Now.AddMinutes(1));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("boom again", job.LastError);
    }

    [Fact]
    public void ExpiredLease_ReturnsToPendingAtOnce_AndRefusesTheStaleLease()
    {
        var job = Submit();
        var leaseId = Lease(job);
        var later = Now.AddMinutes(2);

        Assert.Equal(FailureKind.Conflict, job.Complete(leaseId, null, later).Failure?.Kind);
        Assert.True(job.ExpireLease(later));
        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.True(job.IsLeasable(later));
        Assert.Equal(1, job.Attempts);
    }

    [Fact]
    public void ExpiredLease_OnTheLastAttempt_FailsTheJob()
    {
        var job = Submit(maxAttempts: 1);
        Lease(job);

        job.ExpireLease(Now.AddMinutes(2));

        Assert.Equal(JobStatus.Failed, job.Status);
    }

    [Fact]
    public void Cancel_OnlyPendingOrLeased_AndRecordsTheOperator()
    {
        var job = Submit();
        var by = OperatorContexts.Acme();

        Assert.True(job.Cancel(by.StampAt(Now)).Succeeded);
        Assert.Equal(("acme-operator", "maintenance", "TICKET-123"), (job.Canceled?.By, job.Canceled?.Reason, job.Canceled?.Ticket));
        Assert.Equal(FailureKind.Conflict, job.Cancel(by.StampAt(Now)).Failure?.Kind);
    }

    [Fact]
    public void Retry_OnlyFailedOrCanceled_ResetsAttempts()
    {
        var job = Submit();
        var by = OperatorContexts.Acme();
        Assert.Equal(FailureKind.Conflict, job.Retry(by.StampAt(Now)).Failure?.Kind);

        Lease(job);
        job.Cancel(by.StampAt(Now));
        Assert.True(job.Retry(by.StampAt(Now)).Succeeded);

        Assert.Equal(JobStatus.Pending, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Equal("TICKET-123", job.Retried?.Ticket);
    }

    [Theory]
    [InlineData(-101, "priority")]
    [InlineData(101, "priority")]
    public void Submit_RefusesPriorityOutOfRange(int priority, string field)
    {
        var outcome = Job.Submit("acme", "c", Submission("1") with { Priority = priority }, JobLimits.Default, Now);

        Assert.Equal(field, outcome.Failure?.Field);
    }

    [Fact]
    public void Backoff_DoublesUpToFifteenMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), RetryBackoff.After(1));
        Assert.Equal(TimeSpan.FromSeconds(20), RetryBackoff.After(2));
        Assert.Equal(TimeSpan.FromMinutes(15), RetryBackoff.After(50));
    }

    private static Guid Lease(Job job, DateTimeOffset? at = null) =>
        job.Lease("w", TimeSpan.FromSeconds(30), at ?? Now).Value!.LeaseId!.Value;

    private static Job Submit(string payload = "1", int maxAttempts = 3, DateTimeOffset? now = null) =>
        Job.Submit("acme", "acme-submitter", Submission(payload) with { MaxAttempts = maxAttempts }, JobLimits.Default, now ?? Now).Value!;

    private static JobSubmission Submission(string payload) =>
        new("email.send", JsonDocument.Parse(payload).RootElement, null, null, null, null);
}

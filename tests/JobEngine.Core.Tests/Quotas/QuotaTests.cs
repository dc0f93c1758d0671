using JobEngine.Core.Quotas;
using JobEngine.Core.Results;

namespace JobEngine.Core.Tests.Quotas;

public sealed class QuotaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HourlyBucket_StartsFull_AndRefillsContinuously()
    {
        var quota = Quota.Create("acme", "email", 100, 60, OperatorContexts.Acme().StampAt(Now)).Value!;

        for (var i = 0; i < 60; i++)
        {
            Assert.True(quota.Admits(0, Now));
            quota.ConsumeLease(Now);
        }

        Assert.False(quota.Admits(0, Now));
        Assert.False(quota.Admits(0, Now.AddSeconds(59)));
        Assert.True(quota.Admits(0, Now.AddSeconds(61)));
    }

    [Fact]
    public void MaxActive_CountsLeasedJobs()
    {
        var quota = Quota.Create("acme", "email", 2, 100, OperatorContexts.Acme().StampAt(Now)).Value!;

        Assert.True(quota.Admits(1, Now));
        Assert.False(quota.Admits(2, Now));
    }

    [Fact]
    public void Paused_AdmitsNothing_AndDoublePauseIsAConflict()
    {
        var quota = Quota.Create("acme", "email", 2, 100, OperatorContexts.Acme().StampAt(Now)).Value!;
        var by = OperatorContexts.Acme("acme-admin", "incident", "INC-9");

        Assert.True(quota.Pause(by.StampAt(Now)).Succeeded);
        Assert.False(quota.Admits(0, Now));
        Assert.Equal(("acme-admin", "incident", "INC-9"), (quota.Updated.By, quota.Updated.Reason, quota.Updated.Ticket));
        Assert.Equal(FailureKind.Conflict, quota.Pause(by.StampAt(Now)).Failure?.Kind);
        Assert.True(quota.Resume(by.StampAt(Now)).Succeeded);
        Assert.Equal(FailureKind.Conflict, quota.Resume(by.StampAt(Now)).Failure?.Kind);
    }

    [Theory]
    [InlineData(null, 1, "maxActive")]
    [InlineData(-1, 1, "maxActive")]
    [InlineData(1, null, "maxPerHour")]
    [InlineData(1, 1_000_001, "maxPerHour")]
    public void Create_ValidatesFieldByField(int? maxActive, int? maxPerHour, string field)
    {
        Assert.Equal(field, Quota.Create("acme", "email", maxActive, maxPerHour, OperatorContexts.Acme().StampAt(Now)).Failure?.Field);
    }

    [Fact]
    public void LoweringMaxPerHour_ClampsTheBucket()
    {
        var quota = Quota.Create("acme", "email", 10, 100, OperatorContexts.Acme().StampAt(Now)).Value!;

        quota.Set(10, 1, OperatorContexts.Acme().StampAt(Now));
        quota.ConsumeLease(Now);

        Assert.False(quota.Admits(0, Now));
    }
}

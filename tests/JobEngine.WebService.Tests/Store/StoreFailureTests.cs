using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Store;

/// <summary>
/// When the store cannot take a write, every write answers 503 (never 500), changes nothing, and
/// readiness says so. Each test runs on a fresh store, since each makes a table refuse writes.
/// </summary>
public sealed class StoreFailureTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Submit_WhenJobsCannotBeWritten_Is503_AndCreatesNothing()
    {
        var submitter = _fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
        var jobType = ApiCalls.NewJobType();
        await submitter.GetJsonAsync("/api/v1/jobs");

        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            TestStore.SimulateFullDisk(connection, "jobs");
        }

        var (status, body) = await submitter.PostJsonAsync("/api/v1/jobs", new { jobType, payload = (object?)null });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-unavailable");
        Assert.Equal(0, (await submitter.GetJsonAsync($"/api/v1/jobs?jobType={jobType}")).Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task LeaseAndComplete_WhenJobsCannotBeUpdated_Are503_AndTheJobIsUnchanged()
    {
        var submitter = _fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
        var worker = _fixture.ClientFor(TestClient.Worker, "orch:work");
        var jobType = ApiCalls.NewJobType();
        var leasedJob = await submitter.SubmitAsync(jobType);
        var lease = (await worker.LeaseAsync(jobType))!.Value;
        var pendingJob = await submitter.SubmitAsync(jobType);

        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            TestStore.SimulateFullDisk(connection, "jobs");
        }

        var (leaseStatus, _) = await worker.PostJsonAsync("/api/v1/workers/lease", new { workerId = "w", jobTypes = new[] { jobType }, leaseSeconds = 60 });
        var (completeStatus, completeBody) = await worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, leaseStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, completeStatus);
        completeBody.AssertProblem("urn:jobengine:problem:ledger-unavailable");
        Assert.Equal("Leased", (await submitter.GetJsonAsync($"/api/v1/jobs/{leasedJob}")).Body.GetProperty("status").GetString());
        Assert.Equal("Pending", (await submitter.GetJsonAsync($"/api/v1/jobs/{pendingJob}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_FailsWhileTheStoreRefusesWrites_AndRecovers()
    {
        var anonymous = _fixture.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);

        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            TestStore.SimulateFullDisk(connection, "store_probes");
        }

        // A probe's answer is reused for a second.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/readyz")).StatusCode);

        using (var connection = TestStore.Open(_fixture.App.DataDirectory))
        {
            TestStore.EndFullDisk(connection, "store_probes");
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }
}
